import { DB_TYPES, DEFAULT_PORTS, type DbType, type InstanceResponse } from '@capacity/contracts';
import { useState, type FormEvent } from 'react';
import { ErrorState } from '../../../components/states';
import { TextField } from '../../../components/text-field';
import { useI18n, type MessageKey } from '../../../i18n';
import type { InstancePayload } from '../api/instances';
import {
  emptyInstanceForm,
  formFromInstance,
  toInstancePayload,
  validateInstanceForm,
  type InstanceFormErrors,
  type InstanceFormValues,
} from './instance-form-model';

export function InstanceForm({
  instance,
  onSubmit,
  onCancel,
  submitting,
  error,
}: {
  instance?: InstanceResponse;
  onSubmit: (payload: InstancePayload) => void;
  onCancel: () => void;
  submitting?: boolean;
  error?: unknown;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<InstanceFormValues>(() => (instance ? formFromInstance(instance) : emptyInstanceForm()));
  const [errors, setErrors] = useState<InstanceFormErrors>({});

  const set = <K extends keyof InstanceFormValues>(key: K, value: InstanceFormValues[K]) =>
    setValues((previous) => ({ ...previous, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateInstanceForm(values);
    setErrors(found);
    if (Object.keys(found).length === 0) onSubmit(toInstancePayload(values));
  }

  const fieldError = (key: keyof InstanceFormValues) =>
    errors[key] ? (
      <span className="field-error" role="alert" id={`instance-${key}-error`}>
        {t(errors[key] as MessageKey)}
      </span>
    ) : null;

  /** The props that tie a text input to its value and its validation message. */
  const textField = (key: 'name' | 'host' | 'port' | 'username' | 'password') => ({
    name: key,
    value: values[key],
    onChange: (value: string) => set(key, value),
    'aria-invalid': Boolean(errors[key]),
    hint: fieldError(key),
  });

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={instance ? t('instances.edit') : t('instances.add')}>
      <TextField label={`${t('instances.name')} *`} maxLength={200} {...textField('name')} />
      <label className="field">
        <span>{t('instances.engine')} *</span>
        <select name="db_type" value={values.db_type} onChange={(e) => set('db_type', e.target.value as DbType | '')} aria-invalid={Boolean(errors.db_type)}>
          <option value="">—</option>
          {DB_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`engine.${type}`)}
            </option>
          ))}
        </select>
        {fieldError('db_type')}
      </label>
      <div className="field-row">
        <TextField grow label={`${t('instances.host')} *`} {...textField('host')} />
        <TextField
          label={t('instances.port')}
          inputMode="numeric"
          placeholder={values.db_type ? String(DEFAULT_PORTS[values.db_type]) : ''}
          {...textField('port')}
        />
      </div>
      <div className="field-row">
        <TextField grow label={`${t('instances.username')} *`} autoComplete="off" {...textField('username')} />
        <TextField
          grow
          label={t('instances.password')}
          type="password"
          autoComplete="new-password"
          placeholder={instance?.has_password ? t('instances.passwordKeep') : ''}
          {...textField('password')}
        />
      </div>
      <TextField label={t('instances.databaseName')} name="database_name" value={values.database_name} onChange={(v) => set('database_name', v)} />
      <label className="field">
        <span>{t('instances.description')}</span>
        <textarea name="description" rows={2} value={values.description} onChange={(e) => set('description', e.target.value)} />
      </label>
      <label className="field-check">
        <input type="checkbox" name="is_active" checked={values.is_active} onChange={(e) => set('is_active', e.target.checked)} />
        <span>{t('instances.active')}</span>
      </label>
      {error ? <ErrorState error={error} /> : null}
      <div className="form-actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={submitting}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
