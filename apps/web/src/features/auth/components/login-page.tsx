import { AUTH_LIMITS } from '@capacity/contracts';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { fieldErrorProps } from '../../../components/field-error';
import { PasswordField } from '../../../components/password-field';
import { ErrorState } from '../../../components/states';
import { TextField } from '../../../components/text-field';
import { useI18n } from '../../../i18n';
import { formApiErrors } from '../../../lib/api-error';
import { useAuth } from '../hooks/auth-provider';

const LOGIN_FIELDS = ['username', 'password'] as const;

export function LoginPage() {
  const { t } = useI18n();
  const { user, login, signedOutBy } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const api = formApiErrors(error, LOGIN_FIELDS);

  // The home route picks the first page by role (the fleet for admins).
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (user && !submitting) return <Navigate to={from} replace />;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(new Error(t('login.required')));
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      await login(username.trim(), password);
      navigate(from, { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <main className="login-page">
      <form className="card login-card" onSubmit={onSubmit} noValidate>
        <h1>{t('app.name')}</h1>
        <p className="muted">{t('app.tagline')}</p>
        <h2>{t('login.title')}</h2>
        {signedOutBy === 'password-changed' ? (
          <p className="notice" role="status" data-testid="login-password-changed">
            {t('login.passwordChanged')}
          </p>
        ) : null}
        <TextField
          label={t('login.username')}
          testId="login-username"
          name="username"
          autoComplete="username"
          maxLength={AUTH_LIMITS.login.usernameMaxLength}
          value={username}
          onChange={setUsername}
          {...fieldErrorProps('login-username', api.byField.username)}
        />
        <PasswordField
          label={t('login.password')}
          testId="login-password"
          name="password"
          autoComplete="current-password"
          maxLength={AUTH_LIMITS.login.passwordMaxLength}
          value={password}
          onChange={setPassword}
          errorId="login-password"
          error={api.byField.password}
        />
        {api.unplaced ? <ErrorState error={error} /> : null}
        <button data-testid="login-submit" type="submit" className="btn btn-primary" disabled={submitting}>
          {submitting ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
