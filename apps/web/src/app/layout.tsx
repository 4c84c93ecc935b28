import { Suspense } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Loading } from '../components/states';
import { FiringAlertsCount } from '../features/alerts';
import { ChangePasswordButton, useAuth } from '../features/auth';
import { LOCALE_LABELS, LOCALES, useI18n, type Locale } from '../i18n';
import { PageErrorBoundary } from './page-error-boundary';

export function Layout() {
  const { t, locale, setLocale } = useI18n();
  const { user, isAdmin, logout } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const links = [
    { to: '/fleet', label: t('nav.fleet'), testId: 'nav-fleet' },
    { to: '/instances', label: t('nav.instances'), testId: 'nav-instances' },
    { to: '/aggregations', label: t('nav.aggregations'), testId: 'nav-aggregations' },
    ...(isAdmin ? [{ to: '/partitions', label: t('nav.partitions'), testId: 'nav-partitions' }] : []),
    { to: '/sessions', label: t('nav.sessions'), testId: 'nav-sessions' },
    { to: '/alerts', label: t('nav.alerts'), testId: 'nav-alerts' },
    ...(isAdmin ? [{ to: '/users', label: t('nav.users'), testId: 'nav-users' }] : []),
    ...(isAdmin ? [{ to: '/collectors', label: t('nav.collectors'), testId: 'nav-collectors' }] : []),
  ];

  return (
    <div className="app-shell">
      <header className="app-header">
        <span className="brand">{t('app.name')}</span>
        <nav className="main-nav" aria-label={t('nav.main')}>
          {links.map((link) => (
            <NavLink key={link.to} to={link.to} data-testid={link.testId} className={({ isActive }) => (isActive ? 'active' : '')}>
              {link.label}
            </NavLink>
          ))}
        </nav>
        <div className="header-tools">
          <FiringAlertsCount />
          <label className="sr-only" htmlFor="locale-switch">
            {t('nav.language')}
          </label>
          <select
            id="locale-switch"
            data-testid="locale-switch"
            value={locale}
            onChange={(e) => setLocale(e.target.value as Locale)}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l}>
                {LOCALE_LABELS[l]}
              </option>
            ))}
          </select>
          {user ? <span className="muted">{t('nav.signedInAs', { name: user.username, role: t(`role.${user.role}`) })}</span> : null}
          <ChangePasswordButton />
          <button
            type="button"
            className="btn btn-small"
            data-testid="logout"
            onClick={() => {
              logout();
              navigate('/login', { replace: true });
            }}
          >
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main className="app-main">
        {/* A new page gets a new boundary: a page that failed to load does not stay failed after navigating away. */}
        <PageErrorBoundary key={pathname}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </PageErrorBoundary>
      </main>
    </div>
  );
}
