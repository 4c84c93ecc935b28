import { PERIOD_TYPES, type PeriodType } from '@capacity/contracts';
import { useI18n } from '../i18n';
import { SelectField } from './select-field';

export function PeriodSelect({ value, onChange }: { value: PeriodType; onChange: (period: PeriodType) => void }) {
  const { t } = useI18n();
  return (
    <SelectField
      testId="period-select"
      label={t('storage.period')}
      name="period_type"
      value={value}
      options={PERIOD_TYPES.map((period) => ({ value: period, label: t(`period.${period}`) }))}
      // Without an "all" entry every choice is a period.
      onChange={(period) => period && onChange(period)}
    />
  );
}

/** How far back each period's view looks by default. */
export const PERIOD_LOOKBACK_DAYS: Record<PeriodType, number> = { daily: 30, weekly: 182, monthly: 365, quarterly: 730 };
