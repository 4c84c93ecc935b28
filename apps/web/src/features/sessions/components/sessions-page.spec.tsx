import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import type { SessionDetailResponse, SessionResponse } from '../../../lib/api-types';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { errorBody, pagination } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { POLL_MS } from '../api/sessions';
import { SessionsPage } from './sessions-page';

const ID = '0b9f8a52-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const session = (status: SessionResponse['status'], done: number): SessionResponse => ({
  session_id: ID,
  sync_type: 'manual',
  sync_category: 'capacity',
  status,
  started_at: '2026-11-28T03:00:00Z',
  completed_at: null,
  duration_ms: null,
  total_instances: 2,
  successful_instances: done,
  failed_instances: status === 'partial' ? 1 : 0,
  created_by: 1,
  summary: null,
  error_message: null,
});

describe('SessionsPage', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls while a run is going and stops once it is over', async () => {
    let listCalls = 0;
    apiServer.use(
      http.get('/api/v1/sessions', ({ response }) => {
        listCalls += 1;
        return response(200).json({ data: [listCalls < 2 ? session('running', 0) : session('partial', 1)], pagination: pagination(1) });
      }),
    );
    // Fake time drives the polling; shouldAdvanceTime lets the DOM queries' own timers run meanwhile.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderWithProviders(<SessionsPage />);
    const row = await screen.findByTestId(`session-row-${ID}`);
    expect(within(row).getByText('running')).toBeTruthy();
    await vi.advanceTimersByTimeAsync(POLL_MS);
    await waitFor(() => expect(within(screen.getByTestId(`session-row-${ID}`)).getByText('partial')).toBeTruthy());
    const settled = listCalls;
    await vi.advanceTimersByTimeAsync(3 * POLL_MS);
    expect(listCalls).toBe(settled);
  });

  it('shows the per-instance records with their errors', async () => {
    const detail: SessionDetailResponse = {
      ...session('partial', 1),
      records: [
        { id: 1, instance_id: 1, instance_name: 'pg1', status: 'completed', started_at: null, completed_at: null, duration_ms: 120, items_synced: 4, error_message: null, details: null, zone: 'default', attempts: 1, collector_id: null },
        { id: 2, instance_id: 2, instance_name: 'my1', status: 'failed', started_at: null, completed_at: null, duration_ms: 5000, items_synced: 0, error_message: 'connect ECONNREFUSED 10.0.0.9:3306', details: null, zone: 'default', attempts: 1, collector_id: null },
      ],
    };
    apiServer.use(
      http.get('/api/v1/sessions', ({ response }) => response(200).json({ data: [session('partial', 1)], pagination: pagination(1) })),
      http.get('/api/v1/sessions/{id}', ({ params, response }) =>
        params.id === ID ? response(200).json(detail) : response(404).json(errorBody(404, 'Not Found', `no session ${params.id}`)),
      ),
    );
    renderWithProviders(<SessionsPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Details' }));
    expect(await screen.findByText('connect ECONNREFUSED 10.0.0.9:3306')).toBeTruthy();
    expect(screen.getByText('my1')).toBeTruthy();
  });
});

/** The page's own URL, to see what it keeps there. */
function CurrentSearch() {
  return <output data-testid="search">{useLocation().search}</output>;
}

describe('SessionsPage: the view in the URL', () => {
  const lastListQuery = () => apiCalls().filter((c) => c.path === '/api/v1/sessions').at(-1)?.query.toString();

  beforeEach(() => {
    apiServer.use(
      http.get('/api/v1/sessions', ({ query, response }) => {
        const page = Number(query.get('page'));
        return response(200).json({ data: [session('completed', 2)], pagination: { page, pages: 4, per_page: 20, total: 80, has_next: page < 4, has_prev: page > 1 } });
      }),
    );
  });

  const renderPage = (route = '/sessions') =>
    renderWithProviders(
      <>
        <SessionsPage />
        <CurrentSearch />
      </>,
      { route },
    );

  it('opens the filters and the page a shared link names, and sends them to the API', async () => {
    renderPage('/sessions?category=aggregation&status=failed&page=3');
    expect(await screen.findByText('Page 3 of 4')).toBeTruthy();
    expect(lastListQuery()).toBe('category=aggregation&status=failed&page=3&per_page=20');
    expect((screen.getByLabelText('Category') as HTMLSelectElement).value).toBe('aggregation');
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('failed');
  });

  it('keeps each change in the URL, defaults left out; another filter shows its first page', async () => {
    renderPage();
    await screen.findByText('Page 1 of 4');
    expect(screen.getByTestId('search').textContent).toBe('');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(screen.getByTestId('search').textContent).toBe('?page=2'));
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'running');
    await waitFor(() => expect(screen.getByTestId('search').textContent).toBe('?status=running'));
    await waitFor(() => expect(lastListQuery()).toBe('status=running&page=1&per_page=20'));
  });

  it('shows the default view for values it cannot show', async () => {
    renderPage('/sessions?category=backup&status=lost&page=0');
    await screen.findByText('Page 1 of 4');
    expect(lastListQuery()).toBe('page=1&per_page=20');
    expect((screen.getByLabelText('Category') as HTMLSelectElement).value).toBe('');
  });
});
