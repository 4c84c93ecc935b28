import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { tokenStorage } from '../../../lib/token-storage';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { errorBody, instanceFixture, pagination, userFixture } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { useLocation } from 'react-router-dom';
import { InstancesPage } from './instances-page';

const instance = instanceFixture({ owner_id: 2 });

const signInAs = (role: 'admin' | 'viewer') => tokenStorage.save('token', userFixture({ id: 2, username: role, role }));

describe('InstancesPage', () => {
  beforeEach(() => {
    apiServer.use(http.get('/api/v1/instances', ({ response }) => response(200).json({ data: [instance], pagination: pagination(1) })));
    // The instance form lists the users for its owner field (admins).
    apiServer.use(http.get('/api/v1/users', ({ response }) => response(200).json([userFixture({ id: 2, username: 'admin' })])));
  });

  it('offers an admin "collect now" and the other instance actions', async () => {
    signInAs('admin');
    renderWithProviders(<InstancesPage />);
    expect(await screen.findByTestId('collect-now-pg1')).toBeTruthy();
    expect(screen.getByText('Add instance')).toBeTruthy();
    expect(screen.getByText('Test connection')).toBeTruthy();
  });

  it('shows a viewer its instances without "collect now" (the API answers it 403) or any other action', async () => {
    signInAs('viewer');
    renderWithProviders(<InstancesPage />);
    expect(await screen.findByTestId('instance-row-pg1')).toBeTruthy();
    expect(screen.queryByTestId('collect-now-pg1')).toBeNull();
    expect(screen.queryByText('Collect now')).toBeNull();
    expect(screen.queryByText('Add instance')).toBeNull();
    expect(screen.queryByText('Actions')).toBeNull();
  });

  it("puts the API's refusal of a new instance under the field it names", async () => {
    signInAs('admin');
    apiServer.use(
      http.post('/api/v1/instances', ({ response }) => response(409).json(errorBody(409, 'Conflict', 'an instance named pg1 already exists', ['name']))),
    );
    renderWithProviders(<InstancesPage />);
    await userEvent.click(await screen.findByText('Add instance'));
    const form = screen.getByRole('form', { name: 'Add instance' });
    await userEvent.type(within(form).getByRole('textbox', { name: 'Name *' }), 'pg1');
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Engine *' }), 'postgresql');
    await userEvent.type(within(form).getByRole('textbox', { name: 'Host *' }), 'db');
    await userEvent.type(within(form).getByRole('textbox', { name: 'Username *' }), 'u');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));

    expect(await within(form).findByText('an instance named pg1 already exists')).toBeTruthy();
    expect(within(form).getByRole('textbox', { name: /^Name \*/ }).getAttribute('aria-invalid')).toBe('true');
    expect(apiCalls().find((c) => c.method === 'POST')?.body).toMatchObject({ name: 'pg1', db_type: 'postgresql', host: 'db', port: 5432 });
  });
});

/** The router's current search, shown for the test to read (the page keeps its view there). */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

const locationParams = () => new URLSearchParams(screen.getByTestId('location').textContent ?? '');
const listCalls = () => apiCalls().filter((call) => call.method === 'GET' && call.path === '/api/v1/instances' && call.query.get('format') !== 'csv');
const lastListQuery = () => Object.fromEntries(listCalls().at(-1)?.query ?? []);

describe('InstancesPage: server-side pages, sort and filters, kept in the URL', () => {
  const rows = Array.from({ length: 50 }, (_, index) => instanceFixture({ id: index + 1, name: `db-${index + 1}`, latest_total_size_bytes: (index + 1) * 1024 ** 3 }));

  beforeEach(() => {
    signInAs('viewer');
    apiServer.use(
      http.get('/api/v1/instances', ({ request, response }) => {
        const url = new URL(request.url);
        if (url.searchParams.get('format') === 'csv') {
          return response.untyped(new Response('\ufeffid,name\r\n1,db-1\r\n', { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="instances.csv"' } }));
        }
        const page = Number(url.searchParams.get('page') ?? 1);
        return response(200).json({
          data: rows,
          pagination: { page, pages: 12, per_page: 50, total: 600, has_next: page < 12, has_prev: page > 1 },
        });
      }),
    );
  });

  it('opens the view a shared link describes: its page, sort and filters, sent to the API and shown', async () => {
    renderWithProviders(
      <>
        <InstancesPage />
        <LocationProbe />
      </>,
      { route: '/instances?sort=-growth_30d&db_type=mysql&status=failed&tag=prod&search=orders&active=true&page=3' },
    );
    expect(await screen.findByText('Page 3 of 12')).toBeTruthy();
    expect(lastListQuery()).toEqual({
      sort: '-growth_30d',
      db_type: 'mysql',
      status: 'failed',
      tag: 'prod',
      search: 'orders',
      is_active: 'true',
      page: '3',
      per_page: '50',
    });
    expect(screen.getByTestId('sort-growth_30d').closest('th')?.getAttribute('aria-sort')).toBe('descending');
    expect(screen.getByTestId('sort-name').closest('th')?.getAttribute('aria-sort')).toBe('none');
    expect((screen.getByRole('combobox', { name: 'Engine' }) as HTMLSelectElement).value).toBe('mysql');
    expect((screen.getByTestId('filter-status') as HTMLSelectElement).value).toBe('failed');
    expect((screen.getByTestId('filter-tag') as HTMLInputElement).value).toBe('prod');
    expect(screen.getByTestId('instances-total').textContent).toBe('600 instances');
  });

  it('sorts by a clicked header, largest first, then turns it; the URL follows and the page goes back to 1', async () => {
    renderWithProviders(
      <>
        <InstancesPage />
        <LocationProbe />
      </>,
      { route: '/instances?page=4' },
    );
    await screen.findByText('Page 4 of 12');
    expect(screen.getByTestId('sort-name').closest('th')?.getAttribute('aria-sort')).toBe('ascending');

    await userEvent.click(screen.getByTestId('sort-size'));
    await waitFor(() => expect(lastListQuery()).toMatchObject({ sort: '-size', page: '1' }));
    expect(locationParams().get('sort')).toBe('-size');
    expect(locationParams().has('page')).toBe(false);
    expect(screen.getByTestId('sort-size').closest('th')?.getAttribute('aria-sort')).toBe('descending');
    expect(screen.getByTestId('sort-size').textContent).toContain('▼');

    await userEvent.click(screen.getByTestId('sort-size'));
    await waitFor(() => expect(lastListQuery()).toMatchObject({ sort: 'size' }));
    expect(screen.getByTestId('sort-size').closest('th')?.getAttribute('aria-sort')).toBe('ascending');

    await userEvent.click(screen.getByTestId('sort-name'));
    await waitFor(() => expect(locationParams().has('sort')).toBe(false));
    expect(lastListQuery()).toMatchObject({ sort: 'name' });
  });

  it('pages with the pager, keeping the sort; a filter change shows page 1', async () => {
    renderWithProviders(
      <>
        <InstancesPage />
        <LocationProbe />
      </>,
      { route: '/instances?sort=-size' },
    );
    await screen.findByText('Page 1 of 12');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('Page 2 of 12');
    expect(lastListQuery()).toMatchObject({ sort: '-size', page: '2' });
    expect(locationParams().toString()).toBe('sort=-size&page=2');

    await userEvent.selectOptions(screen.getByTestId('filter-status'), 'never');
    await waitFor(() => expect(lastListQuery()).toMatchObject({ status: 'never', page: '1', sort: '-size' }));
    expect(locationParams().toString()).toBe('status=never&sort=-size');

    await userEvent.selectOptions(screen.getByTestId('filter-active'), 'false');
    await userEvent.type(screen.getByTestId('filter-tag'), 'eu');
    await userEvent.type(screen.getByTestId('filter-search'), 'ord');
    await waitFor(() => expect(lastListQuery()).toMatchObject({ status: 'never', is_active: 'false', tag: 'eu', search: 'ord', page: '1' }));
    expect(Object.fromEntries(locationParams())).toEqual({ status: 'never', active: 'false', tag: 'eu', search: 'ord', sort: '-size' });
  });

  it('says that no instance matches when a filtered list is empty', async () => {
    apiServer.use(http.get('/api/v1/instances', ({ response }) => response(200).json({ data: [], pagination: pagination(0) })));
    renderWithProviders(<InstancesPage />, { route: '/instances?tag=nowhere' });
    expect((await screen.findByTestId('instances-empty')).textContent).toBe('No instance matches these filters.');
  });

  it('downloads the CSV of the current filters and sort: every row, not the page', async () => {
    const created: Blob[] = [];
    const saved: string[] = [];
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return 'blob:instances';
    };
    URL.revokeObjectURL = () => undefined;
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    renderWithProviders(<InstancesPage />, { route: '/instances?sort=-size&db_type=oracle&page=2' });
    await screen.findByText('Page 2 of 12');
    await userEvent.click(screen.getByTestId('instances-csv'));
    await waitFor(() => expect(saved).toEqual(['instances.csv']));
    const csvCall = apiCalls().find((call) => call.query.get('format') === 'csv');
    expect(Object.fromEntries(csvCall?.query ?? [])).toEqual({ sort: '-size', db_type: 'oracle', format: 'csv' });
    expect(await created[0]?.text()).toContain('db-1');
    click.mockRestore();
  });
});
