import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AggregationItem, SessionDetailResponse } from '../../../lib/api-types';
import { tokenStorage } from '../../../lib/token-storage';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { errorBody, pagination, userFixture } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { AggregationsPage } from './aggregations-page';

const ID = '9e0b7d8c-1111-4222-8333-444455556666';

const signInAs = (role: 'admin' | 'viewer') => tokenStorage.save('token', userFixture({ username: role, role }));

function item(instance: { id: number; name: string }, database_name: string, avg_size_mb: number): AggregationItem {
  return {
    instance: { ...instance, db_type: 'mysql' },
    database_name,
    period_type: 'daily',
    period_start: '2026-11-27',
    period_end: '2026-11-27',
    statistics: {
      avg_size_mb, max_size_mb: avg_size_mb, min_size_mb: avg_size_mb,
      avg_data_size_mb: null, max_data_size_mb: null, min_data_size_mb: null,
      avg_log_size_mb: null, max_log_size_mb: null, min_log_size_mb: null,
      data_count: 1, size_change_mb: -2, size_change_percent: -10, growth_rate: 0,
    },
    calculated_at: '2026-11-28T05:00:00Z',
  };
}

const session = (status: SessionDetailResponse['status']): SessionDetailResponse => ({
  session_id: ID, sync_type: 'manual', sync_category: 'aggregation', status,
  started_at: '2026-11-28T05:00:00Z', completed_at: null, duration_ms: null,
  total_instances: 1, successful_instances: status === 'running' ? 0 : 1, failed_instances: 0,
  created_by: 1, summary: null, error_message: null, records: [],
});

function mockAggregationApi() {
  let sessionCalls = 0;
  apiServer.use(
    http.get('/api/v1/aggregations/summary', ({ response }) =>
      response(200).json({
        data: {
          total_instances: 2, total_databases: 3, total_size_mb: 2048, unsized_instances: 0,
          latest_date: '2026-11-27', growth_30d_mb: 512, growth_30d_percent: 33.33,
        },
      }),
    ),
    http.get('/api/v1/instances', ({ response }) => response(200).json({ data: [], pagination: pagination(0) })),
    http.get('/api/v1/aggregations', ({ response }) =>
      response(200).json({ data: [item({ id: 1, name: 'pg1' }, 'app', 20), item({ id: 2, name: 'my1' }, 'app', 18)], pagination: pagination(2) }),
    ),
    http.post('/api/v1/aggregations/run', ({ response }) => response(202).json({ session_id: ID, status: 'running' })),
    http.get('/api/v1/sessions/{id}', ({ params, response }) => {
      if (params.id !== ID) return response(404).json(errorBody(404, 'Not Found', `no session ${params.id}`));
      sessionCalls += 1;
      return response(200).json(session(sessionCalls < 2 ? 'running' : 'completed'));
    }),
  );
}

describe('AggregationsPage', () => {
  it('shows the summary cards and the table, and passes the filters to the API', async () => {
    mockAggregationApi();
    renderWithProviders(<AggregationsPage />);
    expect(within(await screen.findByTestId('summary-total-size')).getByText('2 GB')).toBeTruthy();
    expect(within(screen.getByTestId('summary-growth')).getByText('+512 MB (+33.33%)')).toBeTruthy();
    const table = await screen.findByTestId('aggregations-table');
    expect(within(table).getByText('pg1')).toBeTruthy();
    expect(within(table).getAllByText('-10%')).toHaveLength(2);

    await userEvent.selectOptions(screen.getByTestId('period-select'), 'weekly');
    await userEvent.selectOptions(screen.getByLabelText('Engine'), 'mysql');
    await waitFor(() =>
      expect(apiCalls().some((c) => c.path === '/api/v1/aggregations' && c.query.get('period_type') === 'weekly' && c.query.get('db_type') === 'mysql')).toBe(true),
    );
  }, 15_000);

  it('aggregates today and follows the session to its end in the progress dialog', async () => {
    signInAs('admin');
    mockAggregationApi();
    renderWithProviders(<AggregationsPage />);
    await userEvent.click(await screen.findByTestId('aggregate-today'));
    const dialog = await screen.findByTestId('aggregation-modal');
    expect(await within(dialog).findByTestId('session-status')).toBeTruthy();
    await waitFor(() => expect(within(dialog).getByTestId('session-status').textContent).toBe('completed'), { timeout: 5000 });
    expect(apiCalls().filter((c) => c.path === `/api/v1/sessions/${ID}`).length).toBeGreaterThanOrEqual(2);
  }, 15_000);

  it('offers no aggregation run to a viewer (the API refuses it)', async () => {
    signInAs('viewer');
    mockAggregationApi();
    renderWithProviders(<AggregationsPage />);
    expect(await screen.findByTestId('aggregations-table')).toBeTruthy();
    expect(screen.queryByTestId('aggregate-today')).toBeNull();
    expect(apiCalls().some((c) => c.path === '/api/v1/aggregations/run')).toBe(false);
  });
});
