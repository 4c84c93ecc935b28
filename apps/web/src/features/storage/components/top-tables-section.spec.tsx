import type { SizeSource } from '@capacity/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { LatestDatabaseSizeResponse, TableGrowthItem, TableSizeItem } from '../../../lib/api-types';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { errorBody } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { TopTablesSection } from './top-tables-section';

const MIB = 1024 * 1024;
const DAY = '2026-12-01';

const database = (database_name: string, size_bytes: number | null): LatestDatabaseSizeResponse => ({
  database_name,
  size_bytes,
  size_mb: size_bytes === null ? null : size_bytes / MIB,
  size_source: size_bytes === null ? null : 'files',
  data_size_bytes: size_bytes,
  data_size_mb: size_bytes === null ? null : size_bytes / MIB,
  log_size_bytes: null,
  log_size_mb: null,
  collected_date: DAY,
  collected_at: `${DAY}T03:00:00Z`,
});

const table = (schema_name: string, table_name: string, mib: { data: number; index: number; toast: number | null }, size_source: SizeSource = 'files'): TableSizeItem => {
  const total_bytes = (mib.data + mib.index + (mib.toast ?? 0)) * MIB;
  return {
    schema_name,
    table_name,
    total_bytes,
    total_mb: total_bytes / MIB,
    data_bytes: mib.data * MIB,
    index_bytes: mib.index * MIB,
    toast_bytes: mib.toast === null ? null : mib.toast * MIB,
    row_estimate: 1000,
    size_source,
    collected_at: `${DAY}T03:00:00Z`,
  };
};

const growth = (schema_name: string, table_name: string, start_date: string, startMib: number, endMib: number): TableGrowthItem => ({
  schema_name,
  table_name,
  start_date,
  start_total_bytes: startMib * MIB,
  end_total_bytes: endMib * MIB,
  change_bytes: (endMib - startMib) * MIB,
  change_mb: endMib - startMib,
  change_percent: startMib === 0 ? null : Math.round(((endMib - startMib) / startMib) * 10_000) / 100,
});

/** Instance 3: `app` holds public.events (a TOAST-heavy 60 MiB) and audit.events (20 MiB, no reading 30 days back). */
function mockTablesApi({ tables = appTables, collected_date = DAY as string | null } = {}) {
  apiServer.use(
    http.get('/api/v1/instances/{id}/databases/{name}/tables', ({ params, response }) =>
      response(200).json({ instance_id: Number(params.id), database_name: params.name, collected_date, data: tables(params.name) }),
    ),
    http.get('/api/v1/instances/{id}/databases/{name}/tables/growth', ({ params, query, response }) => {
      const window_days = Number(query.get('window_days'));
      const data =
        params.name !== 'app'
          ? []
          : window_days === 7
            ? [growth('public', 'events', '2026-11-24', 50, 60), growth('audit', 'events', '2026-11-24', 16, 20)]
            : [growth('public', 'events', '2026-11-01', 40, 60)];
      return response(200).json({ instance_id: Number(params.id), database_name: params.name, window_days, start_date: '2026-11-01', end_date: DAY, data });
    }),
  );
}

function appTables(name: string): TableSizeItem[] {
  if (name === 'app') return [table('public', 'events', { data: 10, index: 2, toast: 48 }), table('audit', 'events', { data: 12, index: 8, toast: 0 })];
  return [table(name, 'orders', { data: 3, index: 1, toast: null }, 'statistics')];
}

const row = (name: string) => screen.getByTestId(`table-row-${name}`);
const cells = (name: string) => within(row(name)).getAllByRole('cell').map((cell) => cell.textContent);
const callsTo = (path: string) => apiCalls().filter((call) => call.path === path);

describe('TopTablesSection', () => {
  it("opens on the largest database and shows each table's parts with its 7- and 30-day growth, joined by schema and table", async () => {
    mockTablesApi();
    renderWithProviders(<TopTablesSection instanceId={3} databases={[database('small', 5 * MIB), database('app', 80 * MIB)]} />);

    await screen.findByTestId('top-tables');
    await waitFor(() => expect(cells('public.events')[6]).not.toBe('…'));
    expect(cells('public.events')).toEqual(['public.events', '60 MB', '10 MB', '2 MB', '48 MB', '+10 MB (+20%)', '+20 MB (+50%)']);
    // audit.events shares the table name: its own growth, and none 30 days back.
    expect(cells('audit.events')).toEqual(['audit.events', '20 MB', '12 MB', '8 MB', '0 B', '+4 MB (+25%)', '—']);
    expect(within(row('public.events')).getByTestId('growth-30').getAttribute('title')).toBe('since Nov 1, 2026');
    expect(screen.getByTestId('top-tables-date').textContent).toBe('Readings of Dec 1, 2026');
    expect(screen.queryByTestId('top-tables-estimate-note')).toBeNull();

    expect(callsTo('/api/v1/instances/3/databases/app/tables')).toHaveLength(1);
    const windows = callsTo('/api/v1/instances/3/databases/app/tables/growth').map((call) => call.query.get('window_days'));
    expect(windows.sort()).toEqual(['30', '7']);
  });

  it('switches database with the picker, asking for that database by its encoded name', async () => {
    mockTablesApi();
    renderWithProviders(<TopTablesSection instanceId={3} databases={[database('app', 80 * MIB), database('sales eu', 5 * MIB)]} />);
    await screen.findByTestId('table-row-public.events');

    await userEvent.selectOptions(screen.getByTestId('top-tables-database'), 'sales eu');
    expect(await screen.findByTestId('table-row-sales eu.orders')).toBeTruthy();
    expect(screen.queryByTestId('table-row-public.events')).toBeNull();
    expect(callsTo('/api/v1/instances/3/databases/sales%20eu/tables')).toHaveLength(1);
    expect(callsTo('/api/v1/instances/3/databases/sales%20eu/tables/growth')).toHaveLength(2);
  });

  it('marks statistics readings as estimates with a note, and shows TOAST as unknown where the engine has none', async () => {
    mockTablesApi();
    renderWithProviders(<TopTablesSection instanceId={3} databases={[database('shop', 5 * MIB)]} />);
    const orders = await screen.findByTestId('table-row-shop.orders');
    expect(within(orders).getByTestId('table-size-estimate').textContent).toBe('estimate');
    expect(screen.getByTestId('top-tables-estimate-note').textContent).toContain('PROCESS');
    expect(cells('shop.orders')[4]).toBe('—');
  });

  it('sorts the tables by a column', async () => {
    mockTablesApi();
    renderWithProviders(<TopTablesSection instanceId={3} databases={[database('app', 80 * MIB)]} />);
    const tables = await screen.findByTestId('top-tables');
    const names = () => within(tables).getAllByTestId(/^table-row-/).map((tr) => tr.getAttribute('data-testid'));
    expect(names()).toEqual(['table-row-public.events', 'table-row-audit.events']);
    // Names start A to Z, figures largest first; a second click turns the order.
    await userEvent.click(within(tables).getByRole('button', { name: /^Table/ }));
    expect(names()).toEqual(['table-row-audit.events', 'table-row-public.events']);
    await userEvent.click(within(tables).getByRole('button', { name: /^Growth, 7 days/ }));
    expect(names()).toEqual(['table-row-public.events', 'table-row-audit.events']);
    await userEvent.click(within(tables).getByRole('button', { name: /^Growth, 7 days/ }));
    expect(names()).toEqual(['table-row-audit.events', 'table-row-public.events']);
  });

  it('says how table readings are collected when the database has none', async () => {
    mockTablesApi({ tables: () => [], collected_date: null });
    renderWithProviders(<TopTablesSection instanceId={3} databases={[database('app', 80 * MIB)]} />);
    expect(await screen.findByText(/No table readings for this database yet/)).toBeTruthy();
    expect(screen.getByText(/COLLECT_TABLES/)).toBeTruthy();
    expect(screen.queryByTestId('top-tables')).toBeNull();
    expect(screen.queryByTestId('top-tables-date')).toBeNull();
  });

  it("shows the API's message when the tables cannot be read, and retries", async () => {
    let calls = 0;
    apiServer.use(
      http.get('/api/v1/instances/{id}/databases/{name}/tables', ({ response }) => {
        calls += 1;
        return response(503).json(errorBody(503, 'Service Unavailable', 'repository database unreachable'));
      }),
      http.get('/api/v1/instances/{id}/databases/{name}/tables/growth', ({ response }) =>
        response(503).json(errorBody(503, 'Service Unavailable', 'repository database unreachable')),
      ),
    );
    renderWithProviders(<TopTablesSection instanceId={3} databases={[database('app', 80 * MIB)]} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('repository database unreachable');
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(calls).toBe(2));
  });

  it('keeps the tables when only the growth cannot be read, and says why the growth is missing', async () => {
    apiServer.use(
      http.get('/api/v1/instances/{id}/databases/{name}/tables', ({ params, response }) =>
        response(200).json({ instance_id: 3, database_name: params.name, collected_date: DAY, data: appTables('app') }),
      ),
      http.get('/api/v1/instances/{id}/databases/{name}/tables/growth', ({ response }) =>
        response(400).json(errorBody(400, 'Bad Request', ['window_days must be between 1 and 366'], ['window_days'])),
      ),
    );
    renderWithProviders(<TopTablesSection instanceId={3} databases={[database('app', 80 * MIB)]} />);
    expect((await screen.findByTestId('top-tables-growth-error')).textContent).toContain('window_days must be between 1 and 366');
    expect(cells('public.events').slice(5)).toEqual(['—', '—']);
  });

  it('waits while the databases load', () => {
    renderWithProviders(<TopTablesSection instanceId={3} databases={undefined} />);
    expect(screen.getByRole('status')).toBeTruthy();
    expect(screen.queryByTestId('top-tables')).toBeNull();
  });

  it('says there is nothing to show when the instance has no databases, and asks for nothing', () => {
    renderWithProviders(<TopTablesSection instanceId={3} databases={[]} />);
    expect(screen.getByText(/No size readings for this instance yet/)).toBeTruthy();
    expect(apiCalls()).toHaveLength(0);
  });
});
