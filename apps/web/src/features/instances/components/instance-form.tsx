import { DB_TYPES, DEFAULT_PORTS, INSTANCE_LIMITS, ZONE_MAX_LENGTH, type DbType } from '@capacity/contracts';
import { useState, type FormEvent } from 'react';
import { LimitField } from '../../../components/capacity/limit-field';
import { ErrorState } from '../../../components/states';
import { TextField } from '../../../components/text-field';
import { useI18n } from '../../../i18n';
import { formApiErrors } from '../../../lib/api-error';
import type { InstanceResponse } from '../../../lib/api-types';
import { useAuth } from '../../auth';
import { useUsers } from '../../users';
import type { InstancePayload } from '../api/instances';
import {
  emptyInstanceForm,
  formFromInstance,
  limitParams,
  toInstancePayload,
  validateInstanceForm,
  type InstanceFormErrors,
  type InstanceFormValues,
} from './instance-form-model';

type FieldKey = keyof InstanceFormValues;

const FIELD_KEYS: readonly FieldKey[] = [
  'name',
  'db_type',
  'host',
  'port',
  'username',
  'password',
  'database_name',
  'description',
  'is_active',
  'tags',
  'owner_id',
  'capacity_limit_bytes',
  'zone',
];

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
  /** The failed save: its field errors go under their fields. */
  error?: unknown;
}) {
  const { t } = useI18n();
  const { isAdmin } = useAuth();
  // Only an admin may list the users (and only an admin edits instances).
  const users = useUsers({ enabled: isAdmin });
  const [values, setValues] = useState<InstanceFormValues>(() => (instance ? formFromInstance(instance) : emptyInstanceForm()));
  const [errors, setErrors] = useState<InstanceFormErrors>({});
  const api = formApiErrors(error, FIELD_KEYS);

  const set = <K extends FieldKey>(key: K, value: InstanceFormValues[K]) => setValues((previous) => ({ ...previous, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateInstanceForm(values);
    setErrors(found);
    if (Object.keys(found).length === 0) onSubmit(toInstancePayload(values));
  }

  const messageOf = (key: FieldKey): string | undefined => {
    const own = errors[key];
    return own ? t(own, limitParams(key)) : api.byField[key];
  };

  const fieldError = (key: FieldKey) => {
    const message = messageOf(key);
    return message ? (
      <span className="field-error" role="alert" id={`instance-${key}-error`}>
        {message}
      </span>
    ) : null;
  };

  /** Ties a field to its validation message (the form's own check first, then the API's). */
  const invalid = (key: FieldKey) => ({
    'aria-invalid': Boolean(messageOf(key)),
    'aria-describedby': messageOf(key) ? `instance-${key}-error` : undefined,
  });

  /** The props that tie a text input to its value and its validation message. */
  const textField = (key: 'name' | 'host' | 'port' | 'username' | 'password' | 'database_name' | 'tags' | 'zone') => ({
    name: key,
    value: values[key],
    onChange: (value: string) => set(key, value),
    ...invalid(key),
    hint: fieldError(key),
  });

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={instance ? t('instances.edit') : t('instances.add')}>
      <TextField label={`${t('instances.name')} *`} maxLength={INSTANCE_LIMITS.name.maxLength} {...textField('name')} />
      <label className="field">
        <span>{t('instances.engine')} *</span>
        <select name="db_type" value={values.db_type} onChange={(e) => set('db_type', e.target.value as DbType | '')} {...invalid('db_type')}>
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
        <TextField grow label={`${t('instances.host')} *`} maxLength={INSTANCE_LIMITS.host.maxLength} {...textField('host')} />
        <TextField
          label={t('instances.port')}
          inputMode="numeric"
          placeholder={values.db_type ? String(DEFAULT_PORTS[values.db_type]) : ''}
          {...textField('port')}
        />
      </div>
      <div className="field-row">
        <TextField
          grow
          label={`${t('instances.username')} *`}
          autoComplete="off"
          maxLength={INSTANCE_LIMITS.username.maxLength}
          {...textField('username')}
        />
        <TextField
          grow
          label={t('instances.password')}
          type="password"
          autoComplete="new-password"
          maxLength={INSTANCE_LIMITS.password.maxLength}
          placeholder={instance?.has_password ? t('instances.passwordKeep') : ''}
          {...textField('password')}
        />
      </div>
      <TextField label={t('instances.databaseName')} maxLength={INSTANCE_LIMITS.database_name.maxLength} {...textField('database_name')} />
      <label className="field">
        <span>{t('instances.description')}</span>
        <textarea
          name="description"
          rows={2}
          maxLength={INSTANCE_LIMITS.description.maxLength}
          value={values.description}
          onChange={(e) => set('description', e.target.value)}
          {...invalid('description')}
        />
        {fieldError('description')}
      </label>
      <TextField label={t('instances.tags')} placeholder={t('instances.tagsHint')} {...textField('tags')} />
      <TextField label={t('instances.zone')} placeholder={t('instances.zoneHint')} maxLength={ZONE_MAX_LENGTH} {...textField('zone')} />
      <label className="field">
        <span>{t('instances.owner')}</span>
        <select
          name="owner_id"
          data-testid="instance-owner"
          value={values.owner_id}
          disabled={users.isPending && isAdmin}
          onChange={(e) => set('owner_id', e.target.value)}
          {...invalid('owner_id')}
        >
          <option value="">{t('instances.noOwner')}</option>
          {(users.data ?? []).map((user) => (
            <option key={user.id} value={String(user.id)}>
              {user.username} ({t(`role.${user.role}`)})
            </option>
          ))}
        </select>
        <span className="muted">{t('instances.ownerHint')}</span>
        {users.isError ? <span className="field-error">{users.error.message}</span> : null}
        {fieldError('owner_id')}
      </label>
      <LimitField
        label={t('capacity.limitField')}
        name="capacity_limit_bytes"
        testId="instance-capacity-limit"
        value={values.capacity_limit_bytes}
        onChange={(value) => set('capacity_limit_bytes', value)}
        invalid={Boolean(messageOf('capacity_limit_bytes'))}
        describedBy={messageOf('capacity_limit_bytes') ? 'instance-capacity_limit_bytes-error' : undefined}
        hint={fieldError('capacity_limit_bytes')}
      />
      <p className="muted field-note">{t('capacity.limitFieldHint')}</p>
      <label className="field-check">
        <input type="checkbox" name="is_active" checked={values.is_active} onChange={(e) => set('is_active', e.target.checked)} />
        <span>{t('instances.active')}</span>
      </label>
      {api.unplaced ? <ErrorState error={error} /> : null}
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
