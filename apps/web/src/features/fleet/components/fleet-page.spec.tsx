import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import type { Pagination } from '../../../lib/api-types';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { captureDownloads, csvAnswer } from '../../../testing/downloads';
import { errorBody } from '../../../testing/fixtures';
import { changeFixture, fleetSeriesFixture, instanceGroup, rankingFixture } from '../../../testing/fleet-fixtures';
import { renderWithProviders } from '../../../testing/render';
import { FleetPage } from './fleet-page';

const GIB = 1024 ** 3;

/** The page's own URL, to see what it keeps there. */
function CurrentSearch() {
  return <output data-testid="search">{useLocation().search}</output>;
}

const renderFleet = (route = '/fleet', locale: 'en' | 'zh-CN' = 'en') =>
  renderWithProviders(
    <>
      <FleetPage />
      <CurrentSearch />
    </>,
    { route, locale },
  );

const pageOf = (page: number, pages: number, total: number): Pagination => ({ page, pages, per_page: 20, total, has_next: page < pages, has_prev: page > 1 });
const callsTo = (path: string) => apiCalls().filter((c) => c.path === `/api/v1/fleet/${path}`);
const lastCall = (path: string) => callsTo(path).at(-1)?.query;

function mockFleetApi() {
  apiServer.use(
    http.get('/api/v1/aggregations/summary', ({ response }) =>
      response(200).json({
        data: {
          total_instances: 600, total_databases: 12000, total_size_mb: 40 * 1024 * 1024, unsized_instances: 0,
          latest_date: '2026-11-30', growth_30d_mb: 1024 * 1024, growth_30d_percent: 2.5,
        },
      }),
    ),
    http.get('/api/v1/fleet/series', ({ query, response }) => {
      const growth = query.get('rank_by') === 'growth';
      const groups = [
        instanceGroup(1, 11, growth ? 'fast-grower' : 'biggest', { '2026-11-29': 5 * GIB, '2026-11-30': 6 * GIB }),
        instanceGroup(2, 12, growth ? 'second-grower' : 'second-biggest', { '2026-11-29': 3 * GIB, '2026-11-30': 3 * GIB }),
      ];
      return response(200).json({ data: fleetSeriesFixture(groups, { '2026-11-29': 20 * GIB, '2026-11-30': 22 * GIB }, { rank_by: growth ? 'growth' : 'size' }) });
    }),
    http.get('/api/v1/fleet/rankings', ({ query, response }) => {
      const page = Number(query.get('page'));
      const first = (page - 1) * 20 + 1;
      return response(200).json({ data: [rankingFixture(first), rankingFixture(first + 1, { change_percent: null })], pagination: pageOf(page, 3, 42) });
    }),
    http.get('/api/v1/fleet/changes', ({ response }) =>
      response(200).json({ data: [changeFixture('appeared'), changeFixture('disappeared'), changeFixture('changed')], pagination: pageOf(1, 1, 3) }),
    ),
    // Fills first has its own spec (fills-first-section.spec.tsx).
    http.get('/api/v1/fleet/capacity', ({ response }) => response(200).json({ data: [], pagination: pageOf(1, 1, 0) })),
  );
}

describe('FleetPage', () => {
  it('shows the summary cards with the day they are of', async () => {
    mockFleetApi();
    renderFleet();
    expect(within(await screen.findByTestId('summary-instances')).getByText('600')).toBeTruthy();
    expect(within(screen.getByTestId('summary-total-size')).getByText('40 TB')).toBeTruthy();
    expect(screen.getByTestId('summary-as-of').textContent).toBe('As of Nov 30, 2026');
  });

  it('draws the top-N size and growth charts from the fleet series, with the others and the total', async () => {
    mockFleetApi();
    renderFleet();
    const size = await screen.findByTestId('fleet-size-chart');
    for (const label of ['biggest', 'second-biggest', 'Others', 'Total']) expect(within(size).getByText(label)).toBeTruthy();
    const growth = await screen.findByTestId('fleet-growth-chart');
    expect(within(growth).getByText('fast-grower')).toBeTruthy();
    expect(within(growth).getByText('Total')).toBeTruthy();
    expect(screen.getByText('Top 10 by growth since Nov 29, 2026')).toBeTruthy();

    const asked = callsTo('series').map((c) => Object.fromEntries(c.query));
    expect(asked).toEqual(
      expect.arrayContaining([
        { period_type: 'daily', group_by: 'instance', top: '10', rank_by: 'size' },
        { period_type: 'daily', group_by: 'instance', top: '10', rank_by: 'growth' },
      ]),
    );
  });

  it('asks for the chosen top N, group and period, and keeps them in the URL', async () => {
    mockFleetApi();
    renderFleet();
    await screen.findByTestId('fleet-size-chart');
    await userEvent.click(within(screen.getByTestId('fleet-top')).getByRole('button', { name: '20' }));
    await userEvent.selectOptions(screen.getByTestId('fleet-group'), 'db_type');
    await userEvent.selectOptions(screen.getByTestId('fleet-period'), 'monthly');
    await userEvent.click(within(screen.getByTestId('fleet-chart-mode')).getByRole('button', { name: 'Lines' }));
    await waitFor(() => expect(lastCall('series')?.toString()).toBe('period_type=monthly&group_by=db_type&top=20&rank_by=growth'));
    expect(screen.getByTestId('search').textContent).toBe('?group=db_type&top=20&period=monthly&chart=lines');
    expect(screen.getByText('Top 20 by size')).toBeTruthy();
  });

  it('lists the rankings a page at a time and sends the page, the metric, the window and the level', async () => {
    mockFleetApi();
    renderFleet();
    const table = await screen.findByTestId('rankings-table');
    expect(within(table).getByTestId('ranking-row-1/db_1')).toBeTruthy();
    expect(within(table).getByText('Size on Oct 31, 2026')).toBeTruthy();
    expect(within(within(table).getByTestId('ranking-row-1/db_1')).getByText('+512 MB')).toBeTruthy();
    expect(within(within(table).getByTestId('ranking-row-1/db_1')).getByText('+50%')).toBeTruthy();
    expect(lastCall('rankings')?.toString()).toBe('metric=growth_bytes&window_days=30&level=database&page=1&per_page=20');

    await userEvent.click(within(screen.getByTestId('fleet-rankings')).getByRole('button', { name: 'Next' }));
    expect(await screen.findByTestId('ranking-row-21/db_21')).toBeTruthy();
    expect(lastCall('rankings')?.get('page')).toBe('2');
    expect(screen.getByTestId('search').textContent).toBe('?page=2');

    // Another ranking starts on its first page.
    await userEvent.selectOptions(screen.getByTestId('rankings-metric'), 'size');
    await userEvent.click(within(screen.getByTestId('rankings-window')).getByRole('button', { name: '7 days' }));
    await userEvent.click(within(screen.getByTestId('rankings-level')).getByRole('button', { name: 'Instances' }));
    await waitFor(() => expect(lastCall('rankings')?.toString()).toBe('metric=size&window_days=7&level=instance&page=1&per_page=20'));
    expect(screen.getByTestId('search').textContent).toBe('?metric=size&window=7&level=instance');
    // At instance level there is no database column.
    await waitFor(() => expect(within(screen.getByTestId('rankings-table')).queryByText('Database')).toBeNull());
  });

  it('downloads the whole ranking shown as CSV: its metric, window, level and filters, without the page', async () => {
    mockFleetApi();
    apiServer.use(
      http.get('/api/v1/fleet/rankings', ({ query, response }) =>
        query.get('format') === 'csv' ? response.untyped(csvAnswer('fleet-rankings-growth.csv', 'rank,instance\r\n1,pg-1\r\n')) : undefined,
      ),
    );
    const downloads = captureDownloads();
    renderFleet('/fleet?engine=mysql&tag=prod&metric=size&window=7&level=instance&page=2');
    await screen.findByTestId('rankings-table');
    await userEvent.click(screen.getByTestId('rankings-csv'));
    await waitFor(() => expect(downloads.saved.map((file) => file.name)).toEqual(['fleet-rankings-growth.csv']));
    const csv = callsTo('rankings').find((call) => call.query.get('format') === 'csv');
    expect(csv?.query.toString()).toBe('db_type=mysql&tag=prod&metric=size&window_days=7&level=instance&format=csv');
    expect(csv?.headers.get('Accept')).toBe('text/csv');
    expect(await downloads.saved[0]?.blob.text()).toContain('1,pg-1');
    downloads.restore();
  });

  it('filters every part of the page by engine and tag', async () => {
    mockFleetApi();
    renderFleet();
    await screen.findByTestId('rankings-table');
    await userEvent.selectOptions(screen.getByLabelText('Engine'), 'mysql');
    await userEvent.type(screen.getByTestId('fleet-tag'), 'prod');
    await waitFor(() => {
      for (const path of ['series', 'rankings', 'changes']) {
        expect(lastCall(path)?.get('db_type')).toBe('mysql');
        expect(lastCall(path)?.get('tag')).toBe('prod');
      }
    });
    expect(screen.getByTestId('search').textContent).toBe('?engine=mysql&tag=prod');
  });

  it("lists yesterday's changes and sends the threshold and the kind", async () => {
    mockFleetApi();
    renderFleet();
    const table = await screen.findByTestId('changes-table');
    expect(within(table).getByText('appeared')).toBeTruthy();
    expect(within(table).getByText('disappeared')).toBeTruthy();
    expect(within(within(table).getByTestId('change-row-3/db_changed')).getByText('+200 MB')).toBeTruthy();
    expect(screen.getByText('Changes on Nov 30, 2026 against Nov 29, 2026')).toBeTruthy();
    // No date: the API's yesterday (APP_TIMEZONE), not the browser's.
    expect(lastCall('changes')?.toString()).toBe('threshold_percent=10&page=1&per_page=20');

    await userEvent.selectOptions(screen.getByTestId('changes-threshold'), '50');
    await userEvent.selectOptions(screen.getByTestId('changes-kind'), 'disappeared');
    await waitFor(() => expect(lastCall('changes')?.toString()).toBe('threshold_percent=50&change=disappeared&page=1&per_page=20'));
    expect(screen.getByTestId('search').textContent).toBe('?threshold=50&change=disappeared');
  });

  it('restores the whole view from a shared URL', async () => {
    mockFleetApi();
    renderFleet('/fleet?engine=oracle&tag=eu&group=tag&top=5&period=weekly&chart=lines&metric=shrink&window=90&level=instance&page=2&date=2026-11-15&threshold=20&change=changed&changes_page=1');
    await screen.findByTestId('rankings-table');
    await waitFor(() => expect(callsTo('series')).toHaveLength(2));
    for (const call of callsTo('series')) expect(call.query.toString()).toMatch(/^db_type=oracle&tag=eu&period_type=weekly&group_by=tag&top=5&rank_by=(size|growth)$/);
    expect(lastCall('rankings')?.toString()).toBe('db_type=oracle&tag=eu&metric=shrink&window_days=90&level=instance&page=2&per_page=20');
    expect(lastCall('changes')?.toString()).toBe('db_type=oracle&tag=eu&date=2026-11-15&threshold_percent=20&change=changed&page=1&per_page=20');

    expect((screen.getByTestId('fleet-group') as HTMLSelectElement).value).toBe('tag');
    expect((screen.getByTestId('fleet-period') as HTMLSelectElement).value).toBe('weekly');
    expect(within(screen.getByTestId('fleet-top')).getByRole('button', { name: '5' }).getAttribute('aria-pressed')).toBe('true');
    expect(within(screen.getByTestId('fleet-chart-mode')).getByRole('button', { name: 'Lines' }).getAttribute('aria-pressed')).toBe('true');
    expect((screen.getByTestId('rankings-metric') as HTMLSelectElement).value).toBe('shrink');
    expect(within(screen.getByTestId('rankings-window')).getByRole('button', { name: '90 days' }).getAttribute('aria-pressed')).toBe('true');
    expect((screen.getByTestId('changes-date') as HTMLInputElement).value).toBe('2026-11-15');
    expect((screen.getByTestId('changes-threshold') as HTMLSelectElement).value).toBe('20');
    expect((screen.getByLabelText('Engine') as HTMLSelectElement).value).toBe('oracle');
    expect((screen.getByTestId('fleet-tag') as HTMLInputElement).value).toBe('eu');
  });

  it('shows the empty and the error states of each part', async () => {
    mockFleetApi();
    apiServer.use(
      http.get('/api/v1/fleet/series', ({ response }) => response(200).json({ data: fleetSeriesFixture([], {}) })),
      http.get('/api/v1/fleet/rankings', ({ response }) => response(503).json(errorBody(503, 'Service Unavailable', 'the repository database is unreachable'))),
      http.get('/api/v1/fleet/changes', ({ response }) => response(200).json({ data: [], pagination: { ...pageOf(1, 1, 0) } })),
    );
    renderFleet();
    expect(await screen.findAllByText('No aggregated readings in this range (run the aggregation to include today).')).toHaveLength(2);
    const alert = await within(screen.getByTestId('fleet-rankings')).findByRole('alert');
    expect(within(alert).getByText('the repository database is unreachable')).toBeTruthy();
    expect(await screen.findByText('No database appeared, disappeared or changed by more than 10% that day.')).toBeTruthy();
  });

  it('speaks Chinese in the zh-CN locale', async () => {
    mockFleetApi();
    renderFleet('/fleet', 'zh-CN');
    expect(await screen.findByRole('heading', { name: '集群总览' })).toBeTruthy();
    expect(within(await screen.findByTestId('fleet-size-chart')).getByText('合计')).toBeTruthy();
    expect(await within(screen.getByTestId('changes-table')).findByText('新增')).toBeTruthy();
  });
});
