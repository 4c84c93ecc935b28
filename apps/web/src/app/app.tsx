import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { Loading } from '../components/states';
import { AuthProvider, LoginPage, RequireAdmin, RequireAuth, useAuth } from '../features/auth';
import { I18nProvider, useI18n, type Locale } from '../i18n';
import { setUnauthorizedHandler } from '../lib/api-client';
import { AppSettingsProvider } from '../lib/app-settings';
import { createQueryClient } from '../lib/query-client';
import { Layout } from './layout';
import { PageErrorBoundary } from './page-error-boundary';

// Pages load on demand: the charts library stays out of the login bundle.
const InstancesPage = lazy(() => import('../features/instances/components/instances-page').then((m) => ({ default: m.InstancesPage })));
const InstanceDetailPage = lazy(() =>
  import('../features/instances/components/instance-detail-page').then((m) => ({ default: m.InstanceDetailPage })),
);
const AggregationsPage = lazy(() =>
  import('../features/aggregations/components/aggregations-page').then((m) => ({ default: m.AggregationsPage })),
);
const PartitionsPage = lazy(() => import('../features/partitions/components/partitions-page').then((m) => ({ default: m.PartitionsPage })));
const SessionsPage = lazy(() => import('../features/sessions/components/sessions-page').then((m) => ({ default: m.SessionsPage })));
const FleetPage = lazy(() => import('../features/fleet/components/fleet-page').then((m) => ({ default: m.FleetPage })));
const UsersPage = lazy(() => import('../features/users/components/users-page').then((m) => ({ default: m.UsersPage })));
const CollectorsPage = lazy(() => import('../features/collectors/components/collectors-page').then((m) => ({ default: m.CollectorsPage })));
const AlertsPage = lazy(() => import('../features/alerts/components/alerts-page').then((m) => ({ default: m.AlertsPage })));
const AlertRulesPage = lazy(() => import('../features/alerts/components/rules-page').then((m) => ({ default: m.RulesPage })));
const ChannelsPage = lazy(() => import('../features/alerts/components/channels-page').then((m) => ({ default: m.ChannelsPage })));

/** A 401 from any call (expired token) forgets the session and returns to the login page. */
function UnauthorizedRedirect() {
  const { expire } = useAuth();
  const navigate = useNavigate();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      expire();
      navigate('/login', { replace: true });
    });
  }, [expire, navigate]);
  return null;
}

/** The first page after login: the fleet for admins, the instances (their own) for viewers. */
function HomeRedirect() {
  const { isAdmin } = useAuth();
  return <Navigate to={isAdmin ? '/fleet' : '/instances'} replace />;
}

function NotFound() {
  const { t } = useI18n();
  return <div className="state state-empty">{t('common.notFound')}</div>;
}

export function AppRoutes() {
  return (
    <>
      <UnauthorizedRedirect />
      <PageErrorBoundary>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route
              element={
                <RequireAuth>
                  <AppSettingsProvider>
                    <Layout />
                  </AppSettingsProvider>
                </RequireAuth>
              }
            >
              <Route index element={<HomeRedirect />} />
              <Route path="fleet" element={<FleetPage />} />
              <Route path="instances" element={<InstancesPage />} />
              <Route path="instances/:id" element={<InstanceDetailPage />} />
              <Route path="aggregations" element={<AggregationsPage />} />
              <Route
                path="partitions"
                element={
                  <RequireAdmin>
                    <PartitionsPage />
                  </RequireAdmin>
                }
              />
              <Route path="sessions" element={<SessionsPage />} />
              <Route
                path="users"
                element={
                  <RequireAdmin>
                    <UsersPage />
                  </RequireAdmin>
                }
              />
              <Route
                path="collectors"
                element={
                  <RequireAdmin>
                    <CollectorsPage />
                  </RequireAdmin>
                }
              />
              <Route path="alerts" element={<AlertsPage />} />
              <Route
                path="alerts/rules"
                element={
                  <RequireAdmin>
                    <AlertRulesPage />
                  </RequireAdmin>
                }
              />
              <Route
                path="alerts/channels"
                element={
                  <RequireAdmin>
                    <ChannelsPage />
                  </RequireAdmin>
                }
              />
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </Suspense>
      </PageErrorBoundary>
    </>
  );
}

export function App({ queryClient, locale }: { queryClient?: QueryClient; locale?: Locale }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <I18nProvider locale={locale}>
        <AuthProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </AuthProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
