import { AUTH_LIMITS, ROLES, type Role } from '@capacity/contracts';
import { useState, type FormEvent } from 'react';
import { fieldErrorProps } from '../../../components/field-error';
import { FormModal } from '../../../components/form-modal';
import { PasswordField } from '../../../components/password-field';
import { ErrorState } from '../../../components/states';
import { TextField } from '../../../components/text-field';
import { useI18n } from '../../../i18n';
import { formApiErrors } from '../../../lib/api-error';
import { NEW_PASSWORD_PARAMS } from '../../auth';
import { useCreateUser } from '../api/users';
import { emptyNewUser, NEW_USER_FIELDS, validateNewUser, type NewUserErrors, type NewUserValues } from './new-user-model';

const USERNAME_PARAMS = { min: AUTH_LIMITS.username.minLength, max: AUTH_LIMITS.username.maxLength };

export function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const create = useCreateUser();
  const [values, setValues] = useState<NewUserValues>(emptyNewUser);
  const [errors, setErrors] = useState<NewUserErrors>({});
  const api = formApiErrors(create.error, NEW_USER_FIELDS);

  const set = <K extends keyof NewUserValues>(key: K, value: NewUserValues[K]) => setValues((previous) => ({ ...previous, [key]: value }));
  const messageOf = (key: keyof NewUserValues) => {
    const own = errors[key];
    if (!own) return api.byField[key];
    return t(own, key === 'username' ? USERNAME_PARAMS : NEW_PASSWORD_PARAMS);
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validateNewUser(values);
    setErrors(found);
    if (Object.keys(found).length === 0) create.mutate(values, { onSuccess: onClose });
  }

  const role = fieldErrorProps('new-user-role', messageOf('role'));
  return (
    <FormModal
      title={t('users.add')}
      testId="create-user-dialog"
      onClose={onClose}
      onSubmit={submit}
      submit={{ label: t('common.save'), testId: 'new-user-submit', pending: create.isPending }}
    >
      <TextField
        label={`${t('users.username')} *`}
        testId="new-user-username"
        name="username"
        autoComplete="off"
        maxLength={AUTH_LIMITS.username.maxLength}
        value={values.username}
        onChange={(value) => set('username', value)}
        {...fieldErrorProps('new-user-username', messageOf('username'))}
      />
      <PasswordField
        label={`${t('users.password')} *`}
        testId="new-user-password"
        name="password"
        autoComplete="new-password"
        value={values.password}
        onChange={(value) => set('password', value)}
        errorId="new-user-password"
        error={messageOf('password')}
      />
      <label className="field">
        <span>{t('users.role')} *</span>
        <select
          name="role"
          data-testid="new-user-role"
          value={values.role}
          onChange={(e) => set('role', e.target.value as Role)}
          aria-invalid={role['aria-invalid']}
          aria-describedby={role['aria-describedby']}
        >
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {t(`role.${value}`)}
            </option>
          ))}
        </select>
        {role.hint}
      </label>
      <p className="muted">{t('users.roleHint')}</p>
      {api.unplaced ? <ErrorState error={create.error} /> : null}
    </FormModal>
  );
}
