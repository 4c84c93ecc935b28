import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import type { CapacityItemResponse, LimitChangeResponse, Pagination } from '../../../lib/api-types';
import { tokenStorage } from '../../../lib/token-storage';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { capacityItem, unforecastItem } from '../../../testing/capacity-fixtures';
import { errorBody, instanceFixture, pagination, userFixture } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { CapacitySection } from './capacity-section';

const GIB = 1024 ** 3;
const instance = instanceFixture({ id: 3 });

function CurrentSearch() {
  return <output data-testid="search">{useLocation().search}</output>;
}

const renderSection = (route = '/instances/3', locale: 'en' | 'zh-CN' = 'en') =>
  renderWithProviders(
    <>
      <CapacitySection instance={instance} />
      <CurrentSearch />
    </>,
    { route, locale },
  );

const pageOf = (page: number, per_page: number, total: number): Pagination => {
  const pages = Math.max(1, Math.ceil(total / per_page));
  return { page, pages, per_page, total, has_next: page < pages, has_prev: page > 1 };
};
const callsTo = (suffix: string) => apiCalls().filter((call) => call.path === `/api/v1/instances/3${suffix}`);

const instanceRow = capacityItem({
  database_name: null, size_bytes: 400 * GIB, limit_bytes: 500 * GIB, configured_limit_bytes: 500 * GIB, used_percent: 80,
  growth_bytes_per_day: 2 * GIB, days_to_full: 50, days_to_full_early: 41.2, days_to_full_late: null, full_date: '2027-01-19',
});

/** 45 databases: `db_00` the first to fill; statuses of every kind on the first page. */
function databaseRows(): CapacityItemResponse[] {
  const special: CapacityItemResponse[] = [
    capacityItem({ database_name: 'db_00' }),
    unforecastItem('not_enough_history', { database_name: 'db_01' }),
    unforecastItem('not_growing', { database_name: 'db_02' }),
    unforecastItem('no_limit', { database_name: 'db_03' }),
    capacityItem({
      database_name: 'db_04', status: 'full', size_bytes: 100 * GIB, used_percent: 100, days_to_full: 0, days_to_full_early: 0, days_to_full_late: 0, full_date: '2026-11-30',
    }),
    capacityItem({ database_name: 'db_05', limit_source: 'engine', configured_limit_bytes: null, engine_limit_bytes: 100 * GIB }),
  ];
  const rest = Array.from({ length: 39 }, (_, i) => capacityItem({ database_name: `db_${String(i + 6).padStart(2, '0')}` }));
  return [...special, ...rest];
}

const changes: LimitChangeResponse[] = Array.from({ length: 12 }, (_, i) => ({
  id: 100 - i,
  instance_id: 3,
  database_name: i === 0 ? null : `db_${String(i).padStart(2, '0')}`,
  old_limit_bytes: i === 1 ? null : 100 * GIB,
  new_limit_bytes: i === 2 ? null : 200 * GIB,
  changed_by: 1,
  changed_by_username: `admin${i}`,
  changed_at: '2026-11-30T08:00:00Z',
}));

function mockCapacityApi(rows = databaseRows()) {
  apiServer.use(
    http.get('/api/v1/instances/{id}/capacity', ({ query, response }) => {
      const page = Number(query.get('page'));
      const perPage = Number(query.get('per_page'));
      return response(200).json({ instance: instanceRow, databases: rows.slice((page - 1) * perPage, page * perPage), pagination: pageOf(page, perPage, rows.length) });
    }),
    http.get('/api/v1/instances/{id}/limit-changes', ({ query, response }) => {
      const page = Number(query.get('page'));
      const perPage = Number(query.get('per_page'));
      return response(200).json({ data: changes.slice((page - 1) * perPage, page * perPage), pagination: pageOf(page, perPage, changes.length) });
    }),
  );
}

const rowOf = async (name: string) => within(await screen.findByTestId(`capacity-row-${name}`));

describe('CapacitySection', () => {
  it('shows the instance: used of its limit with a bar, the source, growth per day, days until full with the band and the date', async () => {
    mockCapacityApi();
    renderSection();
    const used = await screen.findByTestId('instance-capacity-used');
    expect(used.textContent).toContain('400 GB of 500 GB (80%)');
    expect(within(used).getByRole('meter').getAttribute('aria-valuenow')).toBe('80');
    expect(within(used).getByRole('meter').className).toContain('capacity-warn');
    expect(within(screen.getByTestId('instance-capacity')).getByText('configured')).toBeTruthy();
    expect(within(screen.getByTestId('capacity-growth')).getByText('+2 GB/day')).toBeTruthy();
    // No late end of the band: the growth is not significant enough to bound it.
    expect(screen.getByTestId('instance-days-to-full').textContent).toBe('50 days (95 %: 41.2 or later) · full around Jan 19, 2027');
  });

  it('gives each database its figures, or why there is no forecast', async () => {
    mockCapacityApi();
    renderSection();
    const ok = await rowOf('db_00');
    expect(ok.getByText('30 GB of 100 GB (30%)')).toBeTruthy();
    expect(ok.getByText('+1 GB/day')).toBeTruthy();
    expect(ok.getByTestId('days-to-full').textContent).toBe('70 days (95 %: 62.5–80.1) · full around Feb 8, 2027');
    expect((await rowOf('db_01')).getByTestId('days-to-full').textContent).toBe('Not enough history (5 of 14 daily points)');
    expect((await rowOf('db_01')).getByText('—')).toBeTruthy();
    expect((await rowOf('db_02')).getByTestId('days-to-full').textContent).toBe('Not growing');
    const noLimit = await rowOf('db_03');
    expect(noLimit.getByTestId('days-to-full').textContent).toBe('No limit');
    expect(noLimit.queryByRole('meter')).toBeNull();
    expect(noLimit.getByText('· no limit')).toBeTruthy();
    const full = await rowOf('db_04');
    expect(full.getByTestId('days-to-full').textContent).toBe('Full');
    expect(full.getByRole('meter').className).toContain('capacity-danger');
    expect((await rowOf('db_05')).getByTestId('limit-source').textContent).toBe('engine');
  });

  it('pages through more databases than one page holds, the page in the URL', async () => {
    mockCapacityApi();
    renderSection();
    await rowOf('db_00');
    expect(screen.getAllByTestId(/^capacity-row-/)).toHaveLength(20);
    expect(callsTo('/capacity').at(-1)?.query.toString()).toBe('page=1&per_page=20');
    const section = screen.getByTestId('capacity-section');
    await userEvent.click(within(within(section).getByTestId('capacity-table').parentElement as HTMLElement).getByRole('button', { name: 'Next' }));
    expect(await screen.findByTestId('capacity-row-db_20')).toBeTruthy();
    expect(screen.getByTestId('search').textContent).toBe('?capacity_page=2');
    expect(callsTo('/capacity').at(-1)?.query.get('page')).toBe('2');
  });

  it('opens on the page of the URL', async () => {
    mockCapacityApi();
    renderSection('/instances/3?capacity_page=3');
    expect(await screen.findByTestId('capacity-row-db_44')).toBeTruthy();
    expect(screen.getAllByTestId(/^capacity-row-/)).toHaveLength(5);
  });

  it('says when there are no readings yet, and shows the error of a failed read with a retry', async () => {
    apiServer.use(
      http.get('/api/v1/instances/{id}/capacity', ({ response }) =>
        response(200).json({ instance: unforecastItem('not_enough_history', { database_name: null, size_bytes: null, points: 0 }), databases: [], pagination: pagination(0) }),
      ),
      http.get('/api/v1/instances/{id}/limit-changes', ({ response }) => response(200).json({ data: [], pagination: pagination(0) })),
    );
    const { unmount } = renderSection();
    expect(await screen.findByText('No readings yet: collect the instance first.')).toBeTruthy();
    expect(screen.getByText('No limit was changed yet.')).toBeTruthy();
    unmount();

    apiServer.use(http.get('/api/v1/instances/{id}/capacity', ({ response }) => response(503).json(errorBody(503, 'Service Unavailable', 'the repository database cannot be reached'))));
    renderSection();
    const error = await screen.findByText('the repository database cannot be reached');
    expect(within(error.closest('.state-error') as HTMLElement).getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('shows a loading state until the capacity arrives', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((done) => (release = done));
    mockCapacityApi();
    apiServer.use(
      http.get('/api/v1/instances/{id}/capacity', async ({ response }) => {
        await held;
        return response(200).json({ instance: instanceRow, databases: [], pagination: pagination(0) });
      }),
    );
    renderSection();
    expect(within(screen.getByTestId('capacity-section')).getAllByRole('status').length).toBeGreaterThan(0);
    release();
    expect(await screen.findByTestId('instance-capacity')).toBeTruthy();
  });

  it('lists the limit changes, newest first, a page at a time', async () => {
    mockCapacityApi();
    renderSection();
    const table = await screen.findByTestId('limit-changes-table');
    const first = within(within(table).getByTestId('limit-change-100'));
    expect(first.getByText('Instance total')).toBeTruthy();
    expect(first.getByText('admin0')).toBeTruthy();
    expect(within(within(table).getByTestId('limit-change-99')).getByText('none')).toBeTruthy();
    expect(within(table).getAllByRole('row')).toHaveLength(11);
    await userEvent.click(within(screen.getByTestId('limit-changes')).getByRole('button', { name: 'Next' }));
    expect(await screen.findByTestId('limit-change-90')).toBeTruthy();
    expect(screen.getByTestId('search').textContent).toBe('?limits_page=2');
  });

  it('writes the figures in Chinese when that locale is chosen', async () => {
    mockCapacityApi();
    renderSection('/instances/3', 'zh-CN');
    expect((await rowOf('db_01')).getByTestId('days-to-full').textContent).toBe('历史不足（5 / 14 个日数据点）');
    expect((await rowOf('db_00')).getByText('+1 GB/天')).toBeTruthy();
  });

  describe('an admin', () => {
    beforeEach(() => tokenStorage.save('token', userFixture({ role: 'admin' })));

    it('sets the limit of a database in the unit chosen, sent in whole bytes, and sees the capacity again', async () => {
      mockCapacityApi();
      apiServer.use(
        http.put('/api/v1/instances/{id}/databases/{name}/limit', async ({ params, request, response }) => {
          const body = (await request.json()) as { limit_bytes: number };
          return response(200).json({ instance_id: Number(params.id), database_name: params.name, limit_bytes: body.limit_bytes, updated_at: '2026-11-30T08:00:00Z' });
        }),
      );
      renderSection();
      await userEvent.click((await rowOf('db_03')).getByRole('button', { name: 'Set limit' }));
      const dialog = within(await screen.findByTestId('database-limit-dialog'));
      expect(dialog.getByText('Limit of db_03')).toBeTruthy();
      await userEvent.type(dialog.getByRole('textbox', { name: /^Limit/ }), '1.5');
      await userEvent.selectOptions(dialog.getByRole('combobox', { name: 'Unit' }), 'TB');
      const before = callsTo('/capacity').length;
      await userEvent.click(dialog.getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(screen.queryByTestId('database-limit-dialog')).toBeNull());
      const put = apiCalls().find((call) => call.method === 'PUT');
      expect(put?.path).toBe('/api/v1/instances/3/databases/db_03/limit');
      expect(put?.body).toEqual({ limit_bytes: 1.5 * 1024 ** 4 });
      await waitFor(() => expect(callsTo('/capacity').length).toBeGreaterThan(before));
      expect(callsTo('/limit-changes').length).toBeGreaterThan(1);
    });

    it('starts from the configured limit, refuses an empty or bad one, and shows the API refusal under the field', async () => {
      mockCapacityApi();
      apiServer.use(
        http.put('/api/v1/instances/{id}/databases/{name}/limit', ({ response }) =>
          response(400).json(errorBody(400, 'Bad Request', ['limit_bytes must be a whole number of bytes from 1 to 9007199254740991'], ['limit_bytes'])),
        ),
      );
      renderSection();
      await userEvent.click((await rowOf('db_00')).getByRole('button', { name: 'Change limit' }));
      const dialog = within(await screen.findByTestId('database-limit-dialog'));
      const amount = dialog.getByRole('textbox', { name: /^Limit/ }) as HTMLInputElement;
      expect(amount.value).toBe('100');
      expect((dialog.getByRole('combobox', { name: 'Unit' }) as HTMLSelectElement).value).toBe('GB');
      await userEvent.clear(amount);
      await userEvent.click(dialog.getByRole('button', { name: 'Save' }));
      expect(amount.getAttribute('aria-invalid')).toBe('true');
      expect(dialog.getByText('The limit must be a positive number of at most 8191 TB.')).toBeTruthy();
      expect(apiCalls().some((call) => call.method === 'PUT')).toBe(false);

      await userEvent.type(amount, '5');
      await userEvent.click(dialog.getByRole('button', { name: 'Save' }));
      expect(await dialog.findByText('limit_bytes must be a whole number of bytes from 1 to 9007199254740991')).toBeTruthy();
      expect(amount.getAttribute('aria-invalid')).toBe('true');
    });

    it('clears a configured limit after confirming; a database without one offers no clearing', async () => {
      mockCapacityApi();
      apiServer.use(http.delete('/api/v1/instances/{id}/databases/{name}/limit', ({ response }) => response(204).empty()));
      renderSection();
      expect((await rowOf('db_05')).queryByRole('button', { name: 'Clear limit' })).toBeNull();
      await userEvent.click((await rowOf('db_00')).getByRole('button', { name: 'Clear limit' }));
      const dialog = within(await screen.findByTestId('clear-limit-dialog'));
      expect(dialog.getByText(/Remove the configured limit of db_00\?/)).toBeTruthy();
      await userEvent.click(dialog.getByRole('button', { name: 'Confirm' }));
      await waitFor(() => expect(screen.queryByTestId('clear-limit-dialog')).toBeNull());
      expect(apiCalls().filter((call) => call.method === 'DELETE').map((call) => call.path)).toEqual(['/api/v1/instances/3/databases/db_00/limit']);
    });
  });

  it('offers a viewer no limit actions', async () => {
    tokenStorage.save('token', userFixture({ role: 'viewer', username: 'alice' }));
    mockCapacityApi();
    renderSection();
    await rowOf('db_00');
    expect(screen.queryByTestId('set-limit')).toBeNull();
    expect(screen.queryByText('Actions')).toBeNull();
  });
});
