import { AUTH_LIMITS } from '@capacity/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormModal } from '../../../components/form-modal';
import { PasswordField } from '../../../components/password-field';
import { ErrorState } from '../../../components/states';
import { useI18n, type MessageKey } from '../../../i18n';
import { formApiErrors } from '../../../lib/api-error';
import { changePassword } from '../api/change-password';
import { useAuth } from '../hooks/auth-provider';
import { NEW_PASSWORD_PARAMS, newPasswordProblem } from '../utils/new-password';

const FIELDS = ['current_password', 'new_password', 'repeat'] as const;
type Field = (typeof FIELDS)[number];

/** The dialog's inputs in order; only the current password has the login's length limit. */
const INPUTS: { field: Field; label: MessageKey; testId: string; autoComplete: 'current-password' | 'new-password'; maxLength?: number }[] = [
  { field: 'current_password', label: 'password.current', testId: 'current-password', autoComplete: 'current-password', maxLength: AUTH_LIMITS.login.passwordMaxLength },
  { field: 'new_password', label: 'password.new', testId: 'new-password', autoComplete: 'new-password' },
  { field: 'repeat', label: 'password.repeat', testId: 'repeat-password', autoComplete: 'new-password' },
];

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
    <FormModal
      title={t('password.title')}
      testId="change-password-dialog"
      onClose={onClose}
      onSubmit={submit}
      submit={{ label: t('password.submit'), testId: 'change-password-submit', pending: change.isPending }}
    >
      <p className="muted">{t('password.hint')}</p>
      {INPUTS.map(({ field, label, ...input }) => (
        <PasswordField key={field} {...input} label={t(label)} value={values[field]} onChange={set(field)} errorId={`change-${field}`} error={messageOf(field)} />
      ))}
      {api.unplaced ? <ErrorState error={change.error} /> : null}
    </FormModal>
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
