import { useState, type FormEvent } from 'react';
import { FormModal } from '../../../components/form-modal';
import { PasswordField } from '../../../components/password-field';
import { ErrorState } from '../../../components/states';
import { useI18n, type MessageKey } from '../../../i18n';
import { formApiErrors } from '../../../lib/api-error';
import type { UserResponse } from '../../../lib/api-types';
import { NEW_PASSWORD_PARAMS, newPasswordProblem } from '../../auth';
import { useUpdateUser } from '../api/users';

const FIELDS = ['password'] as const;

/** An admin sets another user's password; the API ends that user's sessions. */
export function ResetPasswordDialog({ user, onClose }: { user: UserResponse; onClose: () => void }) {
  const { t } = useI18n();
  const update = useUpdateUser();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const api = formApiErrors(update.error, FIELDS);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = newPasswordProblem(password, user.username);
    setProblem(found);
    if (!found) update.mutate({ id: user.id, body: { password } }, { onSuccess: onClose });
  }

  return (
    <FormModal
      title={t('users.resetTitle', { name: user.username })}
      formLabel={t('users.resetPassword')}
      testId="reset-password-dialog"
      onClose={onClose}
      onSubmit={submit}
      submit={{ label: t('users.resetPassword'), testId: 'reset-password-submit', pending: update.isPending }}
    >
      <PasswordField
        label={`${t('password.new')} *`}
        testId="reset-password"
        name="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        errorId="reset-password"
        error={problem ? t(problem, NEW_PASSWORD_PARAMS) : api.byField.password}
      />
      <p className="muted">{t('users.resetHint', { name: user.username })}</p>
      {api.unplaced ? <ErrorState error={update.error} /> : null}
    </FormModal>
  );
}
