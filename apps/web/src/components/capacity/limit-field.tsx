import type { ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { LIMIT_UNITS, type LimitText, type LimitUnit } from '../../lib/limit-bytes';
import { TextField } from '../text-field';

/** A capacity limit typed as an amount and a unit (MB/GB/TB); `limitBytesOf` turns it into whole bytes. */
export function LimitField({
  label,
  name,
  value,
  onChange,
  invalid = false,
  describedBy,
  hint,
  testId,
}: {
  label: string;
  name: string;
  value: LimitText;
  onChange: (value: LimitText) => void;
  invalid?: boolean;
  /** The id of the element that says what is wrong (the validation message). */
  describedBy?: string;
  /** Below the amount (its validation message, a help text). */
  hint?: ReactNode;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <div className="field-row">
      <TextField
        grow
        label={label}
        name={name}
        inputMode="decimal"
        testId={testId}
        value={value.amount}
        onChange={(amount) => onChange({ ...value, amount })}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        hint={hint}
      />
      <label className="field">
        <span>{t('capacity.limitUnit')}</span>
        <select
          name={`${name}_unit`}
          data-testid={testId ? `${testId}-unit` : undefined}
          value={value.unit}
          onChange={(e) => onChange({ ...value, unit: e.target.value as LimitUnit })}
        >
          {LIMIT_UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {unit}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
