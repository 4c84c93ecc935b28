import type { InstanceResponse, SessionDetailResponse } from '@capacity/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { tokenStorage } from '../../../lib/token-storage';
import { mockApi, pagination } from '../../../testing/mock-api';
import { renderWithProviders } from '../../../testing/render';
import { InstanceDetailPage } from './instance-detail-page';

const ID = '1a2b3c4d-1111-4222-8333-444455556666';
const instance = {
  id: 5, name: 'pg1', db_type: 'postgresql', host: 'db', port: 5432, username: 'u', database_name: null, is_active: true,
  tags: [], owner_id: null, description: null, has_password: false, created_at: '', updated_at: '',
  latest_total_size_bytes: null, latest_total_size_mb: null, database_count: null, last_collected_at: null, last_collection_status: null,
} satisfies InstanceResponse;

const signInAs = (role: 'admin' | 'viewer') =>
  tokenStorage.save('token', { id: 1, username: role, role, created_at: '2026-11-01T00:00:00Z', updated_at: '2026-11-01T00:00:00Z' });

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
    mockApi({
      'GET /instances/5': { body: instance },
      'GET /instances/5/database-sizes/latest': { body: { data: [] } },
      'GET /instances/5/database-sizes': { body: { data: [] } },
      'GET /instances/5/database-sizes/forecast': { body: { database_name: null, points_used: 0, slope_mb_per_day: null, projections: [], enough_history: false, message: 'not enough history' } },
      'GET /instances/5/database-sizes/aggregations': { body: { data: [], pagination: pagination(0) } },
    });
    renderPage();
    expect(await screen.findByRole('heading', { name: /pg1/ })).toBeTruthy();
    expect(screen.queryByTestId('collect-now')).toBeNull();
    expect(screen.queryByText('Test connection')).toBeNull();
  });

  it('runs "collect now" for the instance, follows the session until it completes, then refreshes the storage views', async () => {
    signInAs('admin');
    let polls = 0;
    const api = mockApi({
      'GET /instances/5': { body: instance },
      // Readings exist once the run is over.
      'GET /instances/5/database-sizes/latest': () => ({
        body: {
          data: polls >= 2
            ? [{ database_name: 'app', size_bytes: 2048, size_mb: 0, data_size_bytes: null, data_size_mb: null, log_size_bytes: null, log_size_mb: null, collected_date: '2026-11-28', collected_at: '2026-11-28T03:00:00Z' }]
            : [],
        },
      }),
      'GET /instances/5/database-sizes': { body: { data: [] } },
      'GET /instances/5/database-sizes/forecast': { body: { database_name: null, points_used: 0, slope_mb_per_day: null, projections: [], enough_history: false, message: 'not enough history' } },
      'GET /instances/5/database-sizes/aggregations': { body: { data: [], pagination: pagination(0) } },
      'POST /collections/run': { status: 202, body: { session_id: ID, status: 'running' } },
      [`GET /sessions/${ID}`]: () => {
        polls += 1;
        const done = polls >= 2;
        const body: SessionDetailResponse = {
          session_id: ID, sync_type: 'manual', sync_category: 'capacity', status: done ? 'completed' : 'running',
          started_at: '2026-11-28T03:00:00Z', completed_at: null, duration_ms: null, total_instances: 1,
          successful_instances: done ? 1 : 0, failed_instances: 0, created_by: 1, summary: null, error_message: null,
          records: [{ id: 1, instance_id: 5, instance_name: 'pg1', status: done ? 'completed' : 'running', started_at: null, completed_at: null, duration_ms: null, items_synced: done ? 3 : 0, error_message: null, details: null }],
        };
        return { body };
      },
    });
    renderPage();
    expect(await screen.findAllByText('No size readings for this instance yet. Run a collection to start the history.', {}, { timeout: 3000 })).not.toHaveLength(0);
    await userEvent.click(screen.getByTestId('collect-now'));
    expect((await screen.findByTestId('session-status')).textContent).toBe('running');
    await waitFor(() => expect(screen.getByTestId('session-status').textContent).toBe('completed'), { timeout: 5000 });
    expect(api.calls.find((c) => c.path === '/collections/run')?.body).toEqual({ instance_id: 5 });
    // The finished run refreshes the storage views.
    expect(await screen.findByTestId('database-row-app')).toBeTruthy();
  }, 15_000);
});
