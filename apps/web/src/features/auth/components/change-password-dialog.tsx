import { AUTH_LIMITS } from '@capacity/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { fieldErrorProps } from '../../../components/field-error';
import { Modal } from '../../../components/modal';
import { ErrorState } from '../../../components/states';
import { TextField } from '../../../components/text-field';
import { useI18n, type MessageKey } from '../../../i18n';
import { formApiErrors } from '../../../lib/api-error';
import { changePassword } from '../api/change-password';
import { useAuth } from '../hooks/auth-provider';
import { NEW_PASSWORD_PARAMS, newPasswordProblem } from '../utils/new-password';

const FIELDS = ['current_password', 'new_password', 'repeat'] as const;
type Field = (typeof FIELDS)[number];

/** "Change my password": on success the API has ended every session of the user, so the app signs out. */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { user, passwordChanged } = useAuth();
  const [values, setValues] = useState<Record<Field, string>>({ current_password: '', new_password: '', repeat: '' });
  const [problems, setProblems] = useState<Partial<Record<Field, MessageKey>>>({});
  const change = useMutation({ mutationFn: changePassword, onSuccess: passwordChanged });
  const api = formApiErrors(change.error, FIELDS);

  const set = (field: Field) => (value: string) => setValues((previous) => ({ ...previous, [field]: value }));
  const messageOf = (field: Field) => {
    const own = problems[field];
    return own ? t(own, NEW_PASSWORD_PARAMS) : api.byField[field];
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Partial<Record<Field, MessageKey>> = {};
    if (!values.current_password) found.current_password = 'validation.currentPasswordRequired';
    const problem = newPasswordProblem(values.new_password, user?.username ?? '');
    if (problem) found.new_password = problem;
    else if (values.repeat !== values.new_password) found.repeat = 'validation.passwordMismatch';
    setProblems(found);
    if (Object.keys(found).length === 0) change.mutate({ current_password: values.current_password, new_password: values.new_password });
  }

  return (
    <Modal title={t('password.title')} onClose={onClose} testId="change-password-dialog">
      <form className="form" onSubmit={submit} noValidate aria-label={t('password.title')}>
        <p className="muted">{t('password.hint')}</p>
        <TextField
          label={t('password.current')}
          testId="current-password"
          type="password"
          autoComplete="current-password"
          maxLength={AUTH_LIMITS.login.passwordMaxLength}
          value={values.current_password}
          onChange={set('current_password')}
          {...fieldErrorProps('change-current_password', messageOf('current_password'))}
        />
        <TextField
          label={t('password.new')}
          testId="new-password"
          type="password"
          autoComplete="new-password"
          value={values.new_password}
          onChange={set('new_password')}
          {...fieldErrorProps('change-new_password', messageOf('new_password'))}
        />
        <TextField
          label={t('password.repeat')}
          testId="repeat-password"
          type="password"
          autoComplete="new-password"
          value={values.repeat}
          onChange={set('repeat')}
          {...fieldErrorProps('change-repeat', messageOf('repeat'))}
        />
        {api.unplaced ? <ErrorState error={change.error} /> : null}
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="change-password-submit" disabled={change.isPending}>
            {t('password.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** The header's "Change password" button and its dialog. */
export function ChangePasswordButton() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn btn-small" data-testid="change-password" onClick={() => setOpen(true)}>
        {t('nav.changePassword')}
      </button>
      {open ? <ChangePasswordDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
