import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { fleetCapacityRows } from '../../../testing/capacity-fixtures';
import { captureDownloads, csvAnswer } from '../../../testing/downloads';
import { errorBody } from '../../../testing/fixtures';
import { emptyFleetHandlers } from '../../../testing/fleet-handlers';
import { renderWithProviders } from '../../../testing/render';
import { FleetPage } from './fleet-page';

const INSTANCES = 600;
const rows = { instance: fleetCapacityRows(INSTANCES, 'instance'), database: fleetCapacityRows(INSTANCES, 'database') };

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

const capacityCalls = () => apiCalls().filter((call) => call.path === '/api/v1/fleet/capacity' && call.query.get('format') !== 'csv');

/** 600 instances (1,200 databases) of capacity, served a page at a time as the API does. */
function mockFleetCapacity() {
  // The other sections answer empty; a later `use` comes first, so this answer replaces their empty capacity.
  apiServer.use(...emptyFleetHandlers());
  apiServer.use(
    http.get('/api/v1/fleet/capacity', ({ query, response }) => {
      const all = rows[query.get('level') === 'instance' ? 'instance' : 'database'];
      const page = Number(query.get('page'));
      const perPage = Number(query.get('per_page'));
      const pages = Math.ceil(all.length / perPage);
      return response(200).json({
        data: all.slice((page - 1) * perPage, page * perPage),
        pagination: { page, pages, per_page: perPage, total: all.length, has_next: page < pages, has_prev: page > 1 },
      });
    }),
  );
}

const section = () => within(screen.getByTestId('fleet-fills-first'));
const bodyRows = () => within(screen.getByTestId('fills-first-table')).getAllByRole('row').slice(1);

describe('Fleet page: fills first', () => {
  it('lists the databases that fill first, a page of 20 of the 1,200, with the total, used / limit and days to full', async () => {
    mockFleetCapacity();
    renderFleet();
    const first = within(await screen.findByTestId('fills-first-row-1/db_1'));
    expect(bodyRows()).toHaveLength(20);
    expect(screen.getByTestId('fills-first-total').textContent).toBe('1,200 rows');
    expect(section().getByText('Page 1 of 60')).toBeTruthy();
    expect(first.getByRole('link', { name: 'fleet-0001' }).getAttribute('href')).toBe('/instances/1');
    expect(first.getByText('30 GB of 100 GB (30%)')).toBeTruthy();
    expect(first.getByRole('meter').getAttribute('aria-valuenow')).toBe('30');
    expect(first.getByTestId('fills-first-days').textContent).toBe('1 day (95 %: 0.5–2) · full around Feb 8, 2027');
    expect(capacityCalls().at(-1)?.query.toString()).toBe('level=database&sort=days_to_full&page=1&per_page=20');
  });

  it('pages to the end of the fleet: the rows without a limit come last', async () => {
    mockFleetCapacity();
    renderFleet('/fleet?capacity_page=60');
    await screen.findByTestId('fills-first-table');
    expect(section().getByText('Page 60 of 60')).toBeTruthy();
    for (const row of bodyRows()) expect(within(row).getByTestId('fills-first-days').textContent).toBe('No limit');
    await userEvent.click(section().getByRole('button', { name: 'Previous' }));
    await waitFor(() => expect(capacityCalls().at(-1)?.query.get('page')).toBe('59'));
    expect(screen.getByTestId('search').textContent).toBe('?capacity_page=59');
  });

  it('switches to instances, back on page 1, and keeps the level and the page in the URL', async () => {
    mockFleetCapacity();
    renderFleet('/fleet?capacity_page=3');
    await screen.findByTestId('fills-first-row-25/db_2');
    await userEvent.click(within(screen.getByTestId('fills-first-level')).getByRole('button', { name: 'Instances' }));
    expect(await screen.findByTestId('fills-first-row-1')).toBeTruthy();
    expect(screen.getByTestId('search').textContent).toBe('?capacity_level=instance');
    expect(screen.getByTestId('fills-first-total').textContent).toBe('600 rows');
    // At instance level there is no database column.
    expect(within(screen.getByTestId('fills-first-table')).queryByText('Database')).toBeNull();
    await userEvent.click(section().getByRole('button', { name: 'Next' }));
    expect(await screen.findByTestId('fills-first-row-23')).toBeTruthy();
    expect(screen.getByTestId('search').textContent).toBe('?capacity_level=instance&capacity_page=2');
    expect(capacityCalls().at(-1)?.query.toString()).toBe('level=instance&sort=days_to_full&page=2&per_page=20');
  });

  it('filters by the engine and tag of the page, back on page 1', async () => {
    mockFleetCapacity();
    renderFleet('/fleet?capacity_page=4');
    await screen.findByTestId('fills-first-table');
    await userEvent.selectOptions(screen.getByLabelText('Engine'), 'oracle');
    await waitFor(() => expect(capacityCalls().at(-1)?.query.toString()).toBe('db_type=oracle&level=database&sort=days_to_full&page=1&per_page=20'));
    expect(screen.getByTestId('search').textContent).toBe('?engine=oracle');
  });

  it('downloads every row of the level and filters as CSV, without the page', async () => {
    mockFleetCapacity();
    apiServer.use(
      http.get('/api/v1/fleet/capacity', ({ query, response }) =>
        query.get('format') === 'csv' ? response.untyped(csvAnswer('fleet-capacity.csv', 'instance,database\r\nfleet-0001,db_1\r\n')) : undefined,
      ),
    );
    const downloads = captureDownloads();
    renderFleet('/fleet?engine=mysql&tag=prod&capacity_level=instance&capacity_page=2');
    await screen.findByTestId('fills-first-table');
    await userEvent.click(screen.getByTestId('fills-first-csv'));
    await waitFor(() => expect(downloads.saved.map((file) => file.name)).toEqual(['fleet-capacity.csv']));
    const csv = apiCalls().find((call) => call.path === '/api/v1/fleet/capacity' && call.query.get('format') === 'csv');
    expect(csv?.query.toString()).toBe('db_type=mysql&tag=prod&level=instance&sort=days_to_full&format=csv');
    expect(csv?.headers.get('Accept')).toBe('text/csv');
    expect(await downloads.saved[0]?.blob.text()).toContain('fleet-0001,db_1');
    downloads.restore();
  });

  it('shows the empty and the error states', async () => {
    apiServer.use(...emptyFleetHandlers());
    const { unmount } = renderFleet();
    expect(await section().findByText('Nothing to forecast: no readings that match.')).toBeTruthy();
    unmount();
    apiServer.use(http.get('/api/v1/fleet/capacity', ({ response }) => response(503).json(errorBody(503, 'Service Unavailable', 'the repository database is unreachable'))));
    renderFleet();
    const alert = await section().findByRole('alert');
    expect(within(alert).getByText('the repository database is unreachable')).toBeTruthy();
  });

  it('speaks Chinese in the zh-CN locale', async () => {
    mockFleetCapacity();
    renderFleet('/fleet?capacity_page=60', 'zh-CN');
    expect(await section().findByRole('heading', { name: '最先写满' })).toBeTruthy();
    expect(await section().findAllByText('无上限', { selector: '[data-testid="fills-first-days"]' })).toHaveLength(20);
    expect(screen.getByTestId('fills-first-total').textContent).toBe('共 1,200 行');
  });
});
