import { useState, type FormEvent } from 'react';
import { LimitField } from '../../../components/capacity/limit-field';
import { ConfirmModal } from '../../../components/confirm-actions';
import { fieldErrorProps } from '../../../components/field-error';
import { FormModal } from '../../../components/form-modal';
import { ErrorState } from '../../../components/states';
import { useI18n } from '../../../i18n';
import { formApiErrors } from '../../../lib/api-error';
import type { CapacityItemResponse } from '../../../lib/api-types';
import { LIMIT_MAX_TEXT, limitBytesOf, limitTextOf, type LimitText } from '../../../lib/limit-bytes';
import { useChangeDatabaseLimit } from '../api/capacity';

const FIELDS = ['limit_bytes'] as const;

/** An admin sets (or changes) the configured limit of a database: amount and unit, sent as whole bytes. */
export function SetDatabaseLimitDialog({ item, onClose }: { item: CapacityItemResponse & { database_name: string }; onClose: () => void }) {
  const { t } = useI18n();
  const change = useChangeDatabaseLimit();
  const [value, setValue] = useState<LimitText>(() => limitTextOf(item.configured_limit_bytes ?? item.engine_limit_bytes));
  const [invalid, setInvalid] = useState(false);
  const api = formApiErrors(change.error, FIELDS);
  const message = invalid ? t('capacity.validation.limit', { max: LIMIT_MAX_TEXT }) : api.byField.limit_bytes;

  function submit(event: FormEvent) {
    event.preventDefault();
    const bytes = limitBytesOf(value);
    const bad = bytes === null || Number.isNaN(bytes);
    setInvalid(bad);
    if (!bad) change.mutate({ instanceId: item.instance.id, database: item.database_name, limitBytes: bytes }, { onSuccess: onClose });
  }

  const error = fieldErrorProps('database-limit', message);
  return (
    <FormModal
      title={t('capacity.limitOf', { database: item.database_name })}
      testId="database-limit-dialog"
      onClose={onClose}
      onSubmit={submit}
      submit={{ label: t('common.save'), testId: 'database-limit-submit', pending: change.isPending }}
    >
      <LimitField
        label={`${t('capacity.limit')} *`}
        name="limit_bytes"
        testId="database-limit"
        value={value}
        onChange={setValue}
        invalid={error['aria-invalid']}
        describedBy={error['aria-describedby']}
        hint={error.hint}
      />
      <p className="muted">{t('capacity.limitOfHint')}</p>
      {api.unplaced ? <ErrorState error={change.error} /> : null}
    </FormModal>
  );
}

/** An admin removes the configured limit of a database (the engine-reported one, if any, applies again). */
export function ClearDatabaseLimitDialog({ item, onClose }: { item: CapacityItemResponse & { database_name: string }; onClose: () => void }) {
  const { t } = useI18n();
  const change = useChangeDatabaseLimit();
  const clear = () => change.mutate({ instanceId: item.instance.id, database: item.database_name, limitBytes: null }, { onSuccess: onClose });
  return (
    <ConfirmModal
      title={t('capacity.clearTitle', { database: item.database_name })}
      testId="clear-limit-dialog"
      onClose={onClose}
      confirm={{ onConfirm: clear, disabled: change.isPending, danger: true, testId: 'clear-limit-confirm' }}
    >
      <p>{t('capacity.clearConfirm', { database: item.database_name })}</p>
      {change.isError ? <ErrorState error={change.error} /> : null}
    </ConfirmModal>
  );
}
