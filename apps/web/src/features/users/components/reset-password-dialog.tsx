import { useState, type FormEvent } from 'react';
import { fieldErrorProps } from '../../../components/field-error';
import { Modal } from '../../../components/modal';
import { ErrorState } from '../../../components/states';
import { TextField } from '../../../components/text-field';
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
    <Modal title={t('users.resetTitle', { name: user.username })} onClose={onClose} testId="reset-password-dialog">
      <form className="form" onSubmit={submit} noValidate aria-label={t('users.resetPassword')}>
        <TextField
          label={`${t('password.new')} *`}
          testId="reset-password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          {...fieldErrorProps('reset-password', problem ? t(problem, NEW_PASSWORD_PARAMS) : api.byField.password)}
        />
        <p className="muted">{t('users.resetHint', { name: user.username })}</p>
        {api.unplaced ? <ErrorState error={update.error} /> : null}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="reset-password-submit" disabled={update.isPending}>
            {t('users.resetPassword')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
