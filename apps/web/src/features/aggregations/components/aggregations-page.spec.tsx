import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AggregationItem, SessionDetailResponse } from '../../../lib/api-types';
import { tokenStorage } from '../../../lib/token-storage';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { errorBody, instanceFixture, pagination, userFixture } from '../../../testing/fixtures';
import { fleetSeriesFixture, instanceGroup } from '../../../testing/fleet-fixtures';
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
    http.get('/api/v1/fleet/series', ({ response }) =>
      response(200).json({
        data: fleetSeriesFixture([instanceGroup(1, 1, 'pg1', { '2026-11-27': 20 * 1024 * 1024 })], { '2026-11-27': 38 * 1024 * 1024 }, { group_by: 'database' }),
      }),
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

  it('draws the trend from the fleet series, with its total, and feeds no chart from a capped page', async () => {
    mockAggregationApi();
    renderWithProviders(<AggregationsPage />);
    const chart = await screen.findByTestId('aggregations-chart');
    expect(within(chart).getByText('pg1')).toBeTruthy();
    expect(within(chart).getByText('Others')).toBeTruthy();
    expect(within(chart).getByText('Total')).toBeTruthy();
    const series = apiCalls().filter((c) => c.path === '/api/v1/fleet/series');
    expect(series.at(-1)?.query.get('group_by')).toBe('database');
    expect(series.at(-1)?.query.get('period_type')).toBe('daily');
    expect(series.at(-1)?.query.get('start_date')).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await userEvent.click(screen.getByRole('button', { name: 'Instance' }));
    await waitFor(() => expect(apiCalls().filter((c) => c.path === '/api/v1/fleet/series').at(-1)?.query.get('group_by')).toBe('instance'));
    // The table pages 20 rows at a time; nothing asks for a big page to sum.
    const lists = apiCalls().filter((c) => c.path === '/api/v1/aggregations');
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.every((c) => c.query.get('per_page') === '20')).toBe(true);
  });

  it("for one instance draws every page of its rows, and says so when they are more than a chart reads", async () => {
    mockAggregationApi();
    const pages = (total: number) => ({ page: 1, pages: total, per_page: 500, total, has_next: true, has_prev: false });
    let pageCount = 3;
    apiServer.use(
      http.get('/api/v1/instances', ({ response }) => response(200).json({ data: [instanceFixture({ id: 4, name: 'big' })], pagination: pagination(1) })),
      http.get('/api/v1/aggregations', ({ query, response }) => {
        const page = Number(query.get('page'));
        if (query.get('per_page') !== '500') return response(200).json({ data: [], pagination: pagination(0) });
        // One row a page, each on its own day: pages × 1 rows in all.
        const row = { ...item({ id: 4, name: 'big' }, `db${page}`, page), period_start: `2026-11-0${page % 10}` };
        return response(200).json({ data: [row], pagination: { ...pages(pageCount), page, total: pageCount } });
      }),
    );
    renderWithProviders(<AggregationsPage />);
    await screen.findByRole('option', { name: 'big' });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Instance' }), '4');
    const chart = await screen.findByTestId('aggregations-chart');
    await waitFor(() => expect(within(chart).getByText('db3')).toBeTruthy());
    const asked = apiCalls().filter((c) => c.path === '/api/v1/aggregations' && c.query.get('instance_id') === '4' && c.query.get('per_page') === '500');
    expect(asked.map((c) => c.query.get('page')).sort()).toEqual(['1', '2', '3']);
    expect(screen.queryByTestId('aggregations-chart-partial')).toBeNull();
    expect(apiCalls().some((c) => c.path === '/api/v1/fleet/series' && c.query.get('instance_id') !== null)).toBe(false);

    pageCount = 25;
    await userEvent.selectOptions(screen.getByTestId('period-select'), 'weekly');
    expect((await screen.findByTestId('aggregations-chart-partial')).textContent).toBe(
      'The chart shows 20 of 25 rows: narrow the range or the filters to see all of them.',
    );
  });

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
