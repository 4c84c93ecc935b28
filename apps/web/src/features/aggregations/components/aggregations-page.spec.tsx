import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import type { AggregationItem, SessionDetailResponse } from '../../../lib/api-types';
import { lastDays } from '../../../lib/dates';
import { tokenStorage } from '../../../lib/token-storage';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { captureDownloads, csvAnswer } from '../../../testing/downloads';
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

/** The page's own URL, to see what it keeps there. */
function CurrentSearch() {
  return <output data-testid="search">{useLocation().search}</output>;
}

const renderPage = (route = '/aggregations') =>
  renderWithProviders(
    <>
      <AggregationsPage />
      <CurrentSearch />
    </>,
    { route },
  );

const search = () => screen.getByTestId('search').textContent;
const tableCalls = () => apiCalls().filter((c) => c.path === '/api/v1/aggregations' && c.query.get('per_page') === '20');
const lastTableQuery = () => tableCalls().at(-1)?.query.toString();

/** A fleet of 600 instances (`inst-001` … `inst-600`): GET /instances searches their names and answers a page by name. */
function mockFleetOf600() {
  const fleet = Array.from({ length: 600 }, (_, index) => instanceFixture({ id: index + 1, name: `inst-${String(index + 1).padStart(3, '0')}` }));
  apiServer.use(
    http.get('/api/v1/instances', ({ query, response }) => {
      const text = (query.get('search') ?? '').toLowerCase();
      const found = fleet.filter((instance) => instance.name.includes(text));
      const perPage = Number(query.get('per_page'));
      const data = found.slice(0, perPage);
      return response(200).json({ data, pagination: { page: 1, pages: Math.ceil(found.length / perPage), per_page: perPage, total: found.length, has_next: found.length > perPage, has_prev: false } });
    }),
    http.get('/api/v1/instances/{id}', ({ params, response }) => {
      const instance = fleet.find((candidate) => candidate.id === Number(params.id));
      return instance ? response(200).json(instance) : response(404).json(errorBody(404, 'Not Found', `no instance ${params.id}`));
    }),
  );
}

/** Three pages of table rows, so that the pager has somewhere to go. */
function mockThreeTablePages() {
  apiServer.use(
    http.get('/api/v1/aggregations', ({ query, response }) => {
      const page = Number(query.get('page'));
      const perPage = Number(query.get('per_page'));
      return response(200).json({
        data: [item({ id: 1, name: 'pg1' }, `db${page}`, 20)],
        pagination: { page, pages: 3, per_page: perPage, total: 3 * perPage, has_next: page < 3, has_prev: page > 1 },
      });
    }),
  );
}

describe('AggregationsPage: the view in the URL', () => {
  it('opens the view a shared link describes, with its instance far past the first page of the fleet', async () => {
    mockAggregationApi();
    mockFleetOf600();
    renderPage('/aggregations?instance=417&db_type=mysql&database=ord&period=weekly&group=instance&chart=bar&page=2&from=2026-10-01&to=2026-10-31');
    await waitFor(() =>
      expect(lastTableQuery()).toBe('instance_id=417&db_type=mysql&database_name=ord&period_type=weekly&start_date=2026-10-01&end_date=2026-10-31&page=2&per_page=20'),
    );
    // The chosen instance is named though the list of instances was never asked for it.
    await waitFor(() => expect((screen.getByRole('combobox', { name: 'Instance' }) as HTMLInputElement).value).toBe('inst-417'));
    expect(apiCalls().some((c) => c.path === '/api/v1/instances/417')).toBe(true);
    expect((screen.getByLabelText('Engine') as HTMLSelectElement).value).toBe('mysql');
    expect((screen.getByLabelText('Database') as HTMLInputElement).value).toBe('ord');
    expect((screen.getByTestId('period-select') as HTMLSelectElement).value).toBe('weekly');
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2026-10-01');
    expect((screen.getByLabelText('To') as HTMLInputElement).value).toBe('2026-10-31');
    expect(within(screen.getByRole('group', { name: 'Group by' })).getByRole('button', { name: 'Instance' }).getAttribute('aria-pressed')).toBe('true');
    expect(within(screen.getByRole('group', { name: 'Chart type' })).getByRole('button', { name: 'Bar' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('keeps the page and the chart in the URL, defaults left out; a changed filter shows the first page', async () => {
    mockAggregationApi();
    mockThreeTablePages();
    renderPage();
    await screen.findByTestId('aggregations-table');
    expect(search()).toBe('');

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(search()).toBe('?page=2'));
    await userEvent.click(within(screen.getByRole('group', { name: 'Group by' })).getByRole('button', { name: 'Instance' }));
    await userEvent.click(within(screen.getByRole('group', { name: 'Chart type' })).getByRole('button', { name: 'Bar' }));
    await waitFor(() => expect(search()).toBe('?group=instance&chart=bar&page=2'));
    // A changed filter shows its first page.
    await userEvent.selectOptions(screen.getByLabelText('Engine'), 'oracle');
    await waitFor(() => expect(search()).toBe('?db_type=oracle&group=instance&chart=bar'));
  });

  it('keeps the filters and the range in the URL and sends them to the API', async () => {
    mockAggregationApi();
    renderPage('/aggregations?group=instance&chart=bar');
    await screen.findByTestId('aggregations-table');
    await userEvent.selectOptions(screen.getByTestId('period-select'), 'monthly');
    await userEvent.selectOptions(screen.getByLabelText('Engine'), 'postgresql');
    await userEvent.type(screen.getByLabelText('Database'), 'app');
    await waitFor(() => expect(search()).toBe('?db_type=postgresql&database=app&period=monthly&group=instance&chart=bar'));
    const range = lastDays(90);
    await userEvent.click(screen.getByRole('button', { name: '90d' }));
    await waitFor(() => expect(search()).toBe(`?db_type=postgresql&database=app&period=monthly&group=instance&chart=bar&from=${range.start}&to=${range.end}`));
    await waitFor(() =>
      expect(lastTableQuery()).toBe(`db_type=postgresql&database_name=app&period_type=monthly&start_date=${range.start}&end_date=${range.end}&page=1&per_page=20`),
    );

    // Back to the defaults: back to the plain URL.
    await userEvent.click(screen.getByRole('button', { name: '30d' }));
    await userEvent.selectOptions(screen.getByTestId('period-select'), 'daily');
    await waitFor(() => expect(search()).toBe('?db_type=postgresql&database=app&group=instance&chart=bar'));
  });

  it('shows the default view for values it cannot show: a bad period, range, mode, page, or an instance that is gone', async () => {
    mockAggregationApi();
    mockFleetOf600();
    renderPage('/aggregations?instance=9999&db_type=db2&period=hourly&from=2026-02-30&group=tag&chart=pie&page=-1');
    const { start, end } = lastDays(30);
    await waitFor(() => expect(apiCalls().some((c) => c.path === '/api/v1/instances/9999')).toBe(true));
    await waitFor(() => expect(lastTableQuery()).toBe(`period_type=daily&start_date=${start}&end_date=${end}&page=1&per_page=20`));
    expect((screen.getByRole('combobox', { name: 'Instance' }) as HTMLInputElement).value).toBe('');
    expect((screen.getByTestId('period-select') as HTMLSelectElement).value).toBe('daily');
    expect(within(screen.getByRole('group', { name: 'Group by' })).getByRole('button', { name: 'Database' }).getAttribute('aria-pressed')).toBe('true');
    // The whole fleet's trend, not one of a missing instance.
    await waitFor(() => expect(apiCalls().some((c) => c.path === '/api/v1/fleet/series')).toBe(true));
  });

  it('finds an instance by searching the API (a small page of matches), and keeps the choice in the URL', async () => {
    mockAggregationApi();
    mockFleetOf600();
    renderPage();
    const picker = screen.getByRole('combobox', { name: 'Instance' });
    await userEvent.click(picker);
    expect((await screen.findByTestId('instance-picker-more')).textContent).toBe('The first 20 of 600: type to narrow the list.');
    await userEvent.type(picker, '-59');
    expect(await screen.findByRole('option', { name: 'inst-590' })).toBeTruthy();
    const searches = apiCalls().filter((c) => c.path === '/api/v1/instances');
    expect(searches.at(-1)?.query.toString()).toBe('search=-59&sort=name&page=1&per_page=20');
    expect(searches.every((c) => Number(c.query.get('per_page')) <= 20)).toBe(true);
    expect(screen.queryByTestId('instance-picker-more')).toBeNull();

    // The keyboard too: down past "All instances" to the first match, Enter.
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(search()).toBe('?instance=590'));
    expect((picker as HTMLInputElement).value).toBe('inst-590');
    expect(screen.queryByRole('listbox')).toBeNull();
    await waitFor(() => expect(tableCalls().at(-1)?.query.get('instance_id')).toBe('590'));

    await userEvent.click(picker);
    await userEvent.click(await screen.findByRole('option', { name: 'All instances' }));
    await waitFor(() => expect(search()).toBe(''));
  });

  it('downloads the CSV of the table shown: the same filters, every row rather than the page', async () => {
    mockAggregationApi();
    mockFleetOf600();
    apiServer.use(
      http.get('/api/v1/aggregations', ({ query, response }) => (query.get('format') === 'csv' ? response.untyped(csvAnswer('aggregations-daily.csv', 'instance,database\r\npg1,app\r\n')) : undefined)),
    );
    const downloads = captureDownloads();
    renderPage('/aggregations?instance=12&db_type=mysql&database=app&period=weekly&page=2&from=2026-10-01&to=2026-10-31');
    await screen.findByTestId('aggregations-table');
    await userEvent.click(screen.getByTestId('aggregations-csv'));
    await waitFor(() => expect(downloads.saved.map((file) => file.name)).toEqual(['aggregations-daily.csv']));
    const csv = apiCalls().find((c) => c.path === '/api/v1/aggregations' && c.query.get('format') === 'csv');
    expect(csv?.query.toString()).toBe('instance_id=12&db_type=mysql&database_name=app&period_type=weekly&start_date=2026-10-01&end_date=2026-10-31&format=csv');
    expect(csv?.headers.get('Accept')).toBe('text/csv');
    expect(await downloads.saved[0]?.blob.text()).toContain('pg1,app');
    downloads.restore();
  });
});

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
      http.get('/api/v1/instances/{id}', ({ response }) => response(200).json(instanceFixture({ id: 4, name: 'big' }))),
      http.get('/api/v1/aggregations', ({ query, response }) => {
        const page = Number(query.get('page'));
        if (query.get('per_page') !== '500') return response(200).json({ data: [], pagination: pagination(0) });
        // One row a page, each on its own day: pages × 1 rows in all.
        const row = { ...item({ id: 4, name: 'big' }, `db${page}`, page), period_start: `2026-11-0${page % 10}` };
        return response(200).json({ data: [row], pagination: { ...pages(pageCount), page, total: pageCount } });
      }),
    );
    renderWithProviders(<AggregationsPage />);
    await userEvent.click(screen.getByRole('combobox', { name: 'Instance' }));
    await userEvent.click(await screen.findByRole('option', { name: 'big' }));
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
