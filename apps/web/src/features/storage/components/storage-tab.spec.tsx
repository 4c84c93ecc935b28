import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import type { DatabaseSizeSeries, InstanceSizeStatPoint, LatestDatabaseSizeResponse } from '../../../lib/api-types';
import { addDays, lastDays, today } from '../../../lib/dates';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { captureDownloads, csvAnswer } from '../../../testing/downloads';
import { errorBody, instanceFixture, pagination } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { capacityItem, noCapacityReadings } from '../../../testing/capacity-fixtures';
import { noTableReadings } from '../../../testing/table-handlers';
import { StorageTab } from './storage-tab';

const MIB = 1024 * 1024;
const instance = instanceFixture({ id: 3 });
const day = (offset: number) => addDays(today(), offset);

const latest = (database_name: string, size_bytes: number): LatestDatabaseSizeResponse => ({
  database_name,
  size_bytes,
  size_mb: size_bytes / MIB,
  size_source: 'files',
  data_size_bytes: size_bytes - MIB,
  data_size_mb: null,
  log_size_bytes: MIB,
  log_size_mb: 1,
  collected_date: day(0),
  collected_at: `${day(0)}T03:00:00Z`,
});

const stat = (offset: number, size_bytes: number): DatabaseSizeSeries['stats'][number] => ({
  collected_date: day(offset),
  collected_at: `${day(offset)}T03:00:00Z`,
  size_bytes,
  size_mb: size_bytes / MIB,
  data_size_mb: null,
  log_size_mb: null,
  size_source: 'files',
});

/** The instance reading of the latest collection: the two databases (40 MiB) and 16 MiB of WAL. */
const reading = (offset: number, log_size_bytes: number | null): InstanceSizeStatPoint => ({
  collected_date: day(offset),
  collected_at: `${day(offset)}T03:00:00Z`,
  total_size_bytes: 40 * MIB + (log_size_bytes ?? 0),
  total_size_mb: 40 + (log_size_bytes ?? 0) / MIB,
  data_size_bytes: 40 * MIB,
  data_size_mb: 40,
  log_size_bytes,
  log_size_mb: log_size_bytes === null ? null : log_size_bytes / MIB,
  database_count: 2,
});

function mockStorageApi(log: number | null = 16 * MIB, instanceReading: InstanceSizeStatPoint = reading(0, log)) {
  apiServer.use(
    ...noTableReadings,
    ...noCapacityReadings,
    http.get('/api/v1/instances/{id}/database-sizes/latest', ({ response }) =>
      response(200).json({ data: [latest('orders', 30 * MIB), latest('users', 10 * MIB)], instance: instanceReading }),
    ),
    http.get('/api/v1/instances/{id}/instance-sizes', ({ response }) => response(200).json({ data: [reading(-1, log), reading(0, log)] })),
    http.get('/api/v1/instances/{id}/database-sizes', ({ response }) =>
      response(200).json({
        data: [
          { database_name: 'orders', stats: [stat(-8, 20 * MIB), stat(-7, 24 * MIB), stat(0, 30 * MIB)] },
          { database_name: 'users', stats: [stat(-1, 10 * MIB), stat(0, 10 * MIB)] },
        ],
      }),
    ),
    http.get('/api/v1/instances/{id}/database-sizes/forecast', ({ response }) =>
      response(200).json({
        database_name: null, points_used: 3, slope_mb_per_day: 1, enough_history: true, message: '', projections: [{ days: 90, date: day(90), size_mb: 130 }],
      }),
    ),
    http.get('/api/v1/instances/{id}/database-sizes/aggregations', ({ query, response }) =>
      response(200).json({
        data: [
          {
            instance: { id: 3, name: 'pg1', db_type: 'postgresql' },
            database_name: 'orders',
            period_type: query.get('period_type') ?? 'daily',
            period_start: day(-30),
            period_end: day(0),
            statistics: {
              avg_size_mb: 25, max_size_mb: 30, min_size_mb: 20,
              avg_data_size_mb: null, max_data_size_mb: null, min_data_size_mb: null,
              avg_log_size_mb: null, max_log_size_mb: null, min_log_size_mb: null,
              data_count: 3, size_change_mb: 5, size_change_percent: 25, growth_rate: 50,
            },
            calculated_at: `${day(0)}T05:00:00Z`,
          },
        ],
        pagination: pagination(1),
      }),
    ),
  );
}

/** The requests sent to one path of instance 3 (`''`: the history itself). */
const callsTo = (suffix: string) => apiCalls().filter((c) => c.path === `/api/v1/instances/3${suffix}`);

describe('StorageTab', () => {
  it('draws the chart, fills the databases table with the 7-day change, and asks the API for the chosen period', async () => {
    mockStorageApi();
    renderWithProviders(<StorageTab instance={instance} />);

    expect(await screen.findByTestId('storage-chart')).toBeTruthy();
    const table = await screen.findByTestId('databases-table');
    const orders = within(table).getByTestId('database-row-orders');
    // 30 MB now vs 24 MB seven days ago.
    expect(within(orders).getByText('+6 MB')).toBeTruthy();
    expect(within(orders).getByText('30 MB')).toBeTruthy();
    // users has no reading 7 days back.
    expect(within(within(table).getByTestId('database-row-users')).getByText('—')).toBeTruthy();

    const [history] = callsTo('/database-sizes');
    expect(history?.query.get('start_date')).toBe(day(-29));
    expect(history?.query.get('end_date')).toBe(day(0));

    await screen.findByTestId('aggregations-table');
    await userEvent.selectOptions(screen.getByTestId('period-select'), 'monthly');
    await waitFor(() =>
      expect(callsTo('/database-sizes/aggregations').some((c) => c.query.get('period_type') === 'monthly')).toBe(true),
    );
    expect(within(screen.getByTestId('aggregations-table')).getByText('+25%')).toBeTruthy();
  });

  it("draws the limit as a line on the size chart: the instance's, or the chosen database's", async () => {
    mockStorageApi();
    apiServer.use(
      http.get('/api/v1/instances/{id}/capacity', ({ response }) =>
        response(200).json({
          instance: capacityItem({ database_name: null, size_bytes: 56 * MIB, limit_bytes: 200 * MIB, configured_limit_bytes: 200 * MIB, used_percent: 28 }),
          databases: [capacityItem({ database_name: 'users', size_bytes: 10 * MIB, limit_bytes: 64 * MIB, used_percent: 15.63 })],
          pagination: pagination(1),
        }),
      ),
    );
    renderWithProviders(<StorageTab instance={instance} />);
    const chart = await screen.findByTestId('storage-chart');
    expect(await within(chart).findByText('Limit 200 MB')).toBeTruthy();
    await userEvent.selectOptions(screen.getByTestId('database-filter'), 'users');
    expect(await within(screen.getByTestId('storage-chart')).findByText('Limit 64 MB')).toBeTruthy();
    expect(within(screen.getByTestId('capacity-row-users')).getByText('10 MB of 64 MB (15.63%)')).toBeTruthy();
  });

  it("shows the instance's WAL beside the databases and the total split into databases + WAL", async () => {
    mockStorageApi();
    renderWithProviders(<StorageTab instance={instance} />);
    const totals = await screen.findByTestId('instance-totals');
    expect(within(within(totals).getByTestId('instance-databases')).getByText('40 MB')).toBeTruthy();
    const log = within(totals).getByTestId('instance-log');
    expect(within(log).getByText('WAL')).toBeTruthy();
    expect(within(log).getByText('16 MB')).toBeTruthy();
    expect(within(within(totals).getByTestId('instance-total')).getByText('56 MB')).toBeTruthy();
    // The databases table still sums the databases alone.
    expect(within(screen.getByTestId('databases-table')).getByText('40 MB')).toBeTruthy();
    const [readings] = callsTo('/instance-sizes');
    expect(readings?.query.get('start_date')).toBe(day(-29));
    expect(readings?.query.get('end_date')).toBe(day(0));
  });

  it('says so when the monitoring user may not read the log, and the total is the databases alone', async () => {
    mockStorageApi(null);
    renderWithProviders(<StorageTab instance={instance} />);
    const totals = await screen.findByTestId('instance-totals');
    expect(within(within(totals).getByTestId('instance-log')).getByText(/not readable by the monitoring user/)).toBeTruthy();
    expect(within(within(totals).getByTestId('instance-total')).getByText('40 MB')).toBeTruthy();
  });

  it('says why the instance total is unknown when a database size could not be read', async () => {
    mockStorageApi(16 * MIB, { ...reading(0, 16 * MIB), total_size_bytes: null, total_size_mb: null, data_size_bytes: null, data_size_mb: null });
    renderWithProviders(<StorageTab instance={instance} />);
    const totals = await screen.findByTestId('instance-totals');
    const total = within(totals).getByTestId('instance-total');
    expect(total.textContent).toContain('unknown: the size of a database could not be read (see the collection record)');
    expect(total.textContent).not.toMatch(/\d+ (B|MB)/);
    expect(within(totals).getByTestId('instance-databases').textContent).toContain('unknown');
    expect(within(within(totals).getByTestId('instance-log')).getByText('16 MB')).toBeTruthy();
  });

  it('lists the top tables of the largest database', async () => {
    mockStorageApi();
    renderWithProviders(<StorageTab instance={instance} />);
    const section = await screen.findByTestId('top-tables-section');
    expect(await within(section).findByText(/No table readings for this database yet/)).toBeTruthy();
    expect((within(section).getByTestId('top-tables-database') as HTMLSelectElement).value).toBe('orders');
    expect(callsTo('/databases/orders/tables')).toHaveLength(1);
  });

  it('sorts the databases table by a column', async () => {
    mockStorageApi();
    renderWithProviders(<StorageTab instance={instance} />);
    const table = await screen.findByTestId('databases-table');
    const names = () => within(table).getAllByTestId(/^database-row-/).map((row) => row.getAttribute('data-testid'));
    expect(names()).toEqual(['database-row-orders', 'database-row-users']);
    await userEvent.click(within(table).getByRole('button', { name: /^Size/ }));
    expect(names()).toEqual(['database-row-users', 'database-row-orders']);
  });

  it('filters the chart by database', async () => {
    mockStorageApi();
    renderWithProviders(<StorageTab instance={instance} />);
    await screen.findByTestId('databases-table');
    await userEvent.selectOptions(screen.getByTestId('database-filter'), 'users');
    await waitFor(() => expect(callsTo('/database-sizes').some((c) => c.query.get('database_name') === 'users')).toBe(true));
    expect(callsTo('/database-sizes/forecast').some((c) => c.query.get('database_name') === 'users')).toBe(true);
  });

  it('shows the API message when the history cannot be read', async () => {
    apiServer.use(
      ...noTableReadings,
      ...noCapacityReadings,
      http.get('/api/v1/instances/{id}/database-sizes/latest', ({ response }) => response(200).json({ data: [], instance: null })),
      http.get('/api/v1/instances/{id}/database-sizes', ({ response }) =>
        response(400).json(errorBody(400, 'Bad Request', ['end_date must not be before start_date'], ['end_date'])),
      ),
      http.get('/api/v1/instances/{id}/instance-sizes', ({ response }) => response(200).json({ data: [] })),
      http.get('/api/v1/instances/{id}/database-sizes/forecast', ({ response }) => response(404).json(errorBody(404, 'Not Found', 'no readings'))),
      http.get('/api/v1/instances/{id}/database-sizes/aggregations', ({ response }) => response(200).json({ data: [], pagination: pagination(0) })),
    );
    renderWithProviders(<StorageTab instance={instance} />);
    expect(await screen.findByText('end_date must not be before start_date')).toBeTruthy();
  });
});

/** The tab's own URL, to see what it keeps there. */
function CurrentSearch() {
  return <output data-testid="search">{useLocation().search}</output>;
}

const renderTab = (route = '/instances/3') =>
  renderWithProviders(
    <>
      <StorageTab instance={instance} />
      <CurrentSearch />
    </>,
    { route },
  );

const search = () => screen.getByTestId('search').textContent;
const pressed = (name: string) => screen.getByRole('button', { name }).getAttribute('aria-pressed');

describe('StorageTab: the view in the URL', () => {
  it('opens the view a shared link describes: range, database, chart mode, period and the tables database', async () => {
    mockStorageApi();
    renderTab(`/instances/3?from=${day(-89)}&to=${day(-1)}&database=users&chart=stacked&period=weekly&tables_db=users`);
    await screen.findByTestId('databases-table');
    const history = `start_date=${day(-89)}&end_date=${day(-1)}&database_name=users`;
    await waitFor(() => expect(callsTo('/database-sizes').some((c) => c.query.toString() === history)).toBe(true));
    expect((screen.getByTestId('database-filter') as HTMLSelectElement).value).toBe('users');
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe(day(-89));
    expect(pressed('Stacked per database')).toBe('true');
    expect((screen.getByTestId('period-select') as HTMLSelectElement).value).toBe('weekly');
    await waitFor(() => expect(callsTo('/database-sizes/aggregations').at(-1)?.query.get('period_type')).toBe('weekly'));
    expect((screen.getByTestId('top-tables-database') as HTMLSelectElement).value).toBe('users');
    await waitFor(() => expect(callsTo('/databases/users/tables')).toHaveLength(1));
    expect(callsTo('/databases/orders/tables')).toHaveLength(0);
  });

  it('keeps each change in the URL, defaults left out', async () => {
    mockStorageApi();
    renderTab();
    await screen.findByTestId('databases-table');
    expect(search()).toBe('');
    await userEvent.selectOptions(screen.getByTestId('database-filter'), 'orders');
    await userEvent.click(screen.getByRole('button', { name: 'Stacked per database' }));
    await userEvent.selectOptions(screen.getByTestId('period-select'), 'monthly');
    await userEvent.selectOptions(screen.getByTestId('top-tables-database'), 'users');
    await waitFor(() => expect(search()).toBe('?database=orders&chart=stacked&period=monthly&tables_db=users'));
  });

  it('keeps the range in the URL, and a click on the selected row clears the database filter from it', async () => {
    mockStorageApi();
    renderTab('/instances/3?database=orders&chart=stacked&period=monthly&tables_db=users');
    await screen.findByTestId('databases-table');
    const range = lastDays(90);
    await userEvent.click(screen.getByRole('button', { name: '90d' }));
    await waitFor(() => expect(search()).toBe(`?database=orders&chart=stacked&period=monthly&tables_db=users&from=${range.start}&to=${range.end}`));
    // A click on the selected database's row clears the filter.
    await userEvent.click(within(screen.getByTestId('database-row-orders')).getByText('orders'));
    await userEvent.click(screen.getByRole('button', { name: 'Total' }));
    await waitFor(() => expect(search()).toBe(`?period=monthly&tables_db=users&from=${range.start}&to=${range.end}`));
  });

  it('shows the default view for values it cannot show: a database the instance has not, a bad range, mode or period', async () => {
    mockStorageApi();
    renderTab('/instances/3?database=dropped&from=2026-02-30&chart=pie&period=hourly&tables_db=dropped');
    await screen.findByTestId('databases-table');
    await waitFor(() => expect(callsTo('/database-sizes').at(-1)?.query.toString()).toBe(`start_date=${day(-29)}&end_date=${day(0)}`));
    expect((screen.getByTestId('database-filter') as HTMLSelectElement).value).toBe('');
    expect(pressed('Total')).toBe('true');
    expect((screen.getByTestId('period-select') as HTMLSelectElement).value).toBe('daily');
    // The largest database's tables.
    expect((screen.getByTestId('top-tables-database') as HTMLSelectElement).value).toBe('orders');
  });

  it("downloads the instance's history as CSV: the range and the database shown", async () => {
    mockStorageApi();
    apiServer.use(
      http.get('/api/v1/instances/{id}/database-sizes', ({ query, response }) =>
        query.get('format') === 'csv' ? response.untyped(csvAnswer('pg1-database-sizes.csv', 'database,size_bytes\r\norders,1\r\n')) : undefined,
      ),
    );
    const downloads = captureDownloads();
    renderTab(`/instances/3?from=${day(-59)}&to=${day(0)}&database=orders`);
    await screen.findByTestId('storage-chart');
    await userEvent.click(screen.getByTestId('storage-history-csv'));
    await waitFor(() => expect(downloads.saved.map((file) => file.name)).toEqual(['pg1-database-sizes.csv']));
    const csv = callsTo('/database-sizes').find((c) => c.query.get('format') === 'csv');
    expect(csv?.query.toString()).toBe(`start_date=${day(-59)}&end_date=${day(0)}&database_name=orders&format=csv`);
    expect(csv?.headers.get('Accept')).toBe('text/csv');
    expect(await downloads.saved[0]?.blob.text()).toContain('orders,1');
    downloads.restore();
  });
});
