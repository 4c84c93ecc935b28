import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { useI18n } from '../../../i18n';
import { useAuth } from '../hooks/auth-provider';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, signedOutBy } = useAuth();
  const location = useLocation();
  if (!user) {
    // After an expired token or on a deep link, come back here once signed in; not after a logout.
    const state = signedOutBy === 'logout' ? null : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  return <>{children}</>;
}

export function RequireAdmin({ children }: { children: ReactNode }) {
  const { isAdmin } = useAuth();
  const { t } = useI18n();
  if (!isAdmin) {
    return (
      <div className="state state-error" role="alert" data-testid="forbidden">
        {t('common.forbidden')} <Link to="/instances">{t('common.backHome')}</Link>
      </div>
    );
  }
  return <>{children}</>;
}
