import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { LatestDatabaseSizeResponse, SessionDetailResponse } from '../../../lib/api-types';
import { tokenStorage } from '../../../lib/token-storage';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { errorBody, instanceFixture, pagination, userFixture } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { noCapacityReadings } from '../../../testing/capacity-fixtures';
import { noTableReadings } from '../../../testing/table-handlers';
import { InstanceDetailPage } from './instance-detail-page';

const ID = '1a2b3c4d-1111-4222-8333-444455556666';
const instance = instanceFixture();

const signInAs = (role: 'admin' | 'viewer') => tokenStorage.save('token', userFixture({ username: role, role }));

/** The instance and its storage views, with no readings unless `latest` gives some. */
function mockInstanceApi(latest: () => LatestDatabaseSizeResponse[] = () => []) {
  apiServer.use(
    http.get('/api/v1/instances/{id}', ({ params, response }) =>
      params.id === '5' ? response(200).json(instance) : response(404).json(errorBody(404, 'Not Found', `no instance ${params.id}`)),
    ),
    http.get('/api/v1/instances/{id}/database-sizes/latest', ({ response }) => response(200).json({ data: latest(), instance: null })),
    http.get('/api/v1/instances/{id}/database-sizes', ({ response }) => response(200).json({ data: [] })),
    http.get('/api/v1/instances/{id}/instance-sizes', ({ response }) => response(200).json({ data: [] })),
    http.get('/api/v1/instances/{id}/database-sizes/forecast', ({ response }) =>
      response(200).json({ database_name: null, points_used: 0, slope_mb_per_day: null, projections: [], enough_history: false, message: 'not enough history' }),
    ),
    http.get('/api/v1/instances/{id}/database-sizes/aggregations', ({ response }) => response(200).json({ data: [], pagination: pagination(0) })),
    ...noTableReadings,
    ...noCapacityReadings,
  );
}

const renderPage = () =>
  renderWithProviders(
    <Routes>
      <Route path="/instances/:id" element={<InstanceDetailPage />} />
    </Routes>,
    { route: '/instances/5' },
  );

describe('InstanceDetailPage', () => {
  it('shows a viewer the instance without "collect now" or "test connection" (admin actions)', async () => {
    signInAs('viewer');
    mockInstanceApi();
    renderPage();
    expect(await screen.findByRole('heading', { name: /pg1/ })).toBeTruthy();
    expect(screen.queryByTestId('collect-now')).toBeNull();
    expect(screen.queryByText('Test connection')).toBeNull();
  });

  it('runs "collect now" for the instance, follows the session until it completes, then refreshes the storage views', async () => {
    signInAs('admin');
    let polls = 0;
    // Readings exist once the run is over.
    mockInstanceApi(() =>
      polls >= 2
        ? [
            {
              database_name: 'app', size_bytes: 2048, size_mb: 0, size_source: 'files', data_size_bytes: null, data_size_mb: null,
              log_size_bytes: null, log_size_mb: null, collected_date: '2026-11-28', collected_at: '2026-11-28T03:00:00Z',
            },
          ]
        : [],
    );
    apiServer.use(
      http.post('/api/v1/collections/run', ({ response }) => response(202).json({ session_id: ID, status: 'running' })),
      http.get('/api/v1/sessions/{id}', ({ params, response }) => {
        if (params.id !== ID) return response(404).json(errorBody(404, 'Not Found', `no session ${params.id}`));
        polls += 1;
        const done = polls >= 2;
        const body: SessionDetailResponse = {
          session_id: ID, sync_type: 'manual', sync_category: 'capacity', status: done ? 'completed' : 'running',
          started_at: '2026-11-28T03:00:00Z', completed_at: null, duration_ms: null, total_instances: 1,
          successful_instances: done ? 1 : 0, failed_instances: 0, created_by: 1, summary: null, error_message: null,
          records: [{ id: 1, instance_id: 5, instance_name: 'pg1', status: done ? 'completed' : 'running', started_at: null, completed_at: null, duration_ms: null, items_synced: done ? 3 : 0, error_message: null, details: null, zone: 'default', attempts: 1, collector_id: null }],
        };
        return response(200).json(body);
      }),
    );
    renderPage();
    expect(await screen.findAllByText('No size readings for this instance yet. Run a collection to start the history.', {}, { timeout: 3000 })).not.toHaveLength(0);
    await userEvent.click(screen.getByTestId('collect-now'));
    expect((await screen.findByTestId('session-status')).textContent).toBe('running');
    await waitFor(() => expect(screen.getByTestId('session-status').textContent).toBe('completed'), { timeout: 5000 });
    expect(apiCalls().find((c) => c.path === '/api/v1/collections/run')?.body).toEqual({ instance_id: 5 });
    // The finished run refreshes the storage views.
    expect(await screen.findByTestId('database-row-app')).toBeTruthy();
  }, 15_000);
});
