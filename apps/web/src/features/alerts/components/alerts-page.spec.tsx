import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { tokenStorage } from '../../../lib/token-storage';
import { alertDetailFixture, alertFixture, pageOf } from '../../../testing/alert-fixtures';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { errorBody, instanceFixture, userFixture } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { ALERTS_PER_PAGE, SUMMARY_REFRESH_MS } from '../api/alerts';
import { FiringAlertsCount } from './alert-count';
import { AlertsPage } from './alerts-page';

const callsTo = (method: string, path: string) => apiCalls().filter((call) => call.method === method && call.path === path);
const TOTAL = ALERTS_PER_PAGE + 3;
const alerts = Array.from({ length: TOTAL }, (_, i) => alertFixture({ id: i + 1, database_name: `db${i + 1}` }));

function Search() {
  return <output data-testid="search">{useLocation().search}</output>;
}

describe('AlertsPage', () => {
  beforeEach(() => {
    tokenStorage.save('token', userFixture());
    apiServer.use(
      http.get('/api/v1/alerts', ({ query, response }) => {
        const page = Number(query.get('page') ?? 1);
        const perPage = Number(query.get('per_page') ?? 20);
        return response(200).json({ data: alerts.slice((page - 1) * perPage, page * perPage), pagination: pageOf(page, perPage, TOTAL) });
      }),
      http.get('/api/v1/instances/{id}', ({ response }) => response(200).json(instanceFixture({ id: 5, name: 'pg1' }))),
    );
  });

  it('takes its filters from the URL, pages through more events than a page, and a filter goes back to page 1', async () => {
    renderWithProviders(
      <>
        <AlertsPage />
        <Search />
      </>,
      { route: '/alerts?state=firing&severity=warning&instance_id=5' },
    );
    await screen.findByTestId('alert-row-1');
    const first = callsTo('GET', '/api/v1/alerts')[0];
    expect(Object.fromEntries(first.query)).toEqual({ state: 'firing', severity: 'warning', instance_id: '5', page: '1', per_page: String(ALERTS_PER_PAGE) });
    expect(screen.getByTestId('alerts-table').querySelectorAll('tbody tr')).toHaveLength(ALERTS_PER_PAGE);
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByTestId(`alert-row-${TOTAL}`);
    expect(screen.getByTestId('search').textContent).toBe('?state=firing&severity=warning&instance_id=5&page=2');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'resolved');
    await waitFor(() => expect(screen.getByTestId('search').textContent).toBe('?state=resolved&severity=warning&instance_id=5'));
    await waitFor(() => expect(callsTo('GET', '/api/v1/alerts').at(-1)?.query.get('state')).toBe('resolved'));
  });

  it('shows the empty and the error states', async () => {
    apiServer.use(http.get('/api/v1/alerts', ({ response }) => response(200).json({ data: [], pagination: pageOf(1, 25, 0) })));
    const { unmount } = renderWithProviders(<AlertsPage />, { route: '/alerts?state=firing' });
    expect(await screen.findByText('Nothing is firing now.')).toBeTruthy();
    unmount();
    apiServer.use(http.get('/api/v1/alerts', ({ response }) => response(400).json(errorBody(400, 'Bad Request', 'state must be one of: firing, resolved', ['state']))));
    renderWithProviders(<AlertsPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('state must be one of: firing, resolved');
  });

  it("opens an event's history from the URL and acknowledges it", async () => {
    const acknowledged = alertDetailFixture({
      acknowledged_at: '2026-01-01T07:30:00Z',
      acknowledged_by: { id: 1, username: 'admin' },
      history: [...alertDetailFixture().history, { transition: 'acknowledged', at: '2026-01-01T07:30:00Z', channel_count: 0, user: { id: 1, username: 'admin' }, size_bytes: null, limit_bytes: null, days_to_full: null, summary: 'acknowledged' }],
    });
    let detail = alertDetailFixture();
    apiServer.use(
      http.get('/api/v1/alerts/{id}', ({ response }) => response(200).json(detail)),
      http.post('/api/v1/alerts/{id}/acknowledge', ({ response }) => {
        detail = acknowledged;
        return response(200).json(acknowledged);
      }),
    );
    renderWithProviders(
      <>
        <AlertsPage />
        <Search />
      </>,
      { route: '/alerts?event=1' },
    );
    const dialog = await screen.findByRole('dialog', { name: 'orders over 5 GB: orders' });
    await within(dialog).findByTestId('alert-history-fired');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await within(dialog).findByTestId('alert-history-acknowledged');
    expect(within(dialog).getByText('acknowledged (admin)')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Confirm' })).toBeNull();
    expect(callsTo('POST', '/api/v1/alerts/1/acknowledge')).toHaveLength(1);
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByTestId('search').textContent).toBe(''));
  });

  it('offers no acknowledge to a viewer', async () => {
    tokenStorage.save('token', userFixture({ id: 2, username: 'vera', role: 'viewer' }));
    renderWithProviders(<AlertsPage />);
    const row = await screen.findByTestId('alert-row-1');
    expect(within(row).queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    expect(screen.queryByTestId('tab-channels')).toBeNull();
  });
});

describe('FiringAlertsCount', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the firing count, links to the firing alerts and asks again periodically', async () => {
    let firing = 0;
    apiServer.use(http.get('/api/v1/alerts/summary', ({ response }) => response(200).json({ firing, critical: firing > 0 ? 1 : 0, warning: Math.max(0, firing - 1), unacknowledged: firing })));
    vi.useFakeTimers({ shouldAdvanceTime: true });
    renderWithProviders(<FiringAlertsCount />);
    await waitFor(() => expect(callsTo('GET', '/api/v1/alerts/summary')).toHaveLength(1));
    expect(screen.queryByTestId('firing-alerts-count')).toBeNull();
    firing = 3;
    await vi.advanceTimersByTimeAsync(SUMMARY_REFRESH_MS);
    const link = await screen.findByTestId('firing-alerts-count');
    expect(link.textContent).toBe('3 firing');
    expect(link.getAttribute('href')).toBe('/alerts?state=firing');
    expect(link.getAttribute('title')).toBe('Alerts firing now: 1 critical, 2 warning');
  });
});
