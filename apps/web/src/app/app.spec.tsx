import type { InstanceResponse, LoginResponse } from '@capacity/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApi, pagination } from '../testing/mock-api';
import { testQueryClient } from '../testing/render';
import { App } from './app';

const admin: LoginResponse['user'] = { id: 1, username: 'admin', role: 'admin', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' };

const instance: InstanceResponse = {
  id: 7,
  name: 'orders-primary',
  db_type: 'postgresql',
  host: 'db1.internal',
  port: 5432,
  username: 'monitor',
  database_name: null,
  is_active: true,
  tags: [],
  owner_id: null,
  description: null,
  has_password: true,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  latest_total_size_bytes: 3 * 1024 ** 3,
  latest_total_size_mb: 3072,
  database_count: 4,
  last_collected_at: '2026-03-01T03:00:00Z',
  last_collection_status: 'completed',
};

function renderApp() {
  return render(<App queryClient={testQueryClient()} locale="en" />);
}

beforeEach(() => {
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('login flow', () => {
  it('signs in, keeps the token for the session and shows the instances with the bearer token', async () => {
    const api = mockApi({
      'POST /auth/login': { body: { access_token: 'tok-1', token_type: 'Bearer', expires_in: 3600, user: admin } },
      'GET /instances': { body: { data: [instance], pagination: pagination(1) } },
    });
    renderApp();

    await userEvent.type(await screen.findByTestId('login-username'), 'admin');
    await userEvent.type(screen.getByTestId('login-password'), 'pw');
    await userEvent.click(screen.getByTestId('login-submit'));

    const row = await screen.findByTestId('instance-row-orders-primary');
    expect(within(row).getByText('3 GB')).toBeTruthy();
    expect(sessionStorage.getItem('capacity.token')).toBe('tok-1');
    expect(api.calls[0]).toMatchObject({ method: 'POST', path: '/auth/login', body: { username: 'admin', password: 'pw' } });
    const list = api.calls.find((c) => c.path === '/instances');
    expect(list?.headers.Authorization).toBe('Bearer tok-1');
    expect(screen.getByTestId('nav-partitions')).toBeTruthy();
  });

  it('shows the API message on a wrong password and stays on the login page', async () => {
    mockApi({ 'POST /auth/login': { status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'wrong username or password' } } });
    renderApp();
    await userEvent.type(await screen.findByTestId('login-username'), 'admin');
    await userEvent.type(screen.getByTestId('login-password'), 'nope');
    await userEvent.click(screen.getByTestId('login-submit'));

    expect((await screen.findByRole('alert')).textContent).toContain('wrong username or password');
    expect(sessionStorage.getItem('capacity.token')).toBeNull();
    expect(window.location.pathname).toBe('/login');
  });

  it('hides the partitions link from viewers and guards the route', async () => {
    sessionStorage.setItem('capacity.token', 'tok-v');
    sessionStorage.setItem('capacity.user', JSON.stringify({ ...admin, username: 'viewer', role: 'viewer' }));
    mockApi({ 'GET /instances': { body: { data: [], pagination: pagination(0) } } });
    window.history.replaceState(null, '', '/partitions');
    renderApp();

    expect(await screen.findByTestId('forbidden')).toBeTruthy();
    expect(screen.queryByTestId('nav-partitions')).toBeNull();
    expect(screen.getByTestId('nav-instances')).toBeTruthy();
  });

  it('forgets an expired token and returns to the login page on a 401', async () => {
    sessionStorage.setItem('capacity.token', 'expired');
    sessionStorage.setItem('capacity.user', JSON.stringify(admin));
    mockApi({ 'GET /instances': { status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'token expired' } } });
    window.history.replaceState(null, '', '/instances');
    renderApp();

    expect(await screen.findByTestId('login-submit')).toBeTruthy();
    await waitFor(() => expect(window.location.pathname).toBe('/login'));
    expect(sessionStorage.getItem('capacity.token')).toBeNull();
  });

  it('logs out', async () => {
    sessionStorage.setItem('capacity.token', 'tok-2');
    sessionStorage.setItem('capacity.user', JSON.stringify(admin));
    mockApi({ 'GET /instances': { body: { data: [instance], pagination: pagination(1) } } });
    window.history.replaceState(null, '', '/instances');
    renderApp();

    await userEvent.click(await screen.findByTestId('logout'));
    expect(await screen.findByTestId('login-submit')).toBeTruthy();
    expect(sessionStorage.getItem('capacity.token')).toBeNull();
  });

  it('after a logout, the next user lands on the instances page, not on the previous user\'s page', async () => {
    sessionStorage.setItem('capacity.token', 'tok-3');
    sessionStorage.setItem('capacity.user', JSON.stringify(admin));
    mockApi({
      'GET /sessions': { body: { data: [], pagination: pagination(0) } },
      'GET /instances': { body: { data: [instance], pagination: pagination(1) } },
      'POST /auth/login': { body: { access_token: 'tok-4', token_type: 'Bearer', expires_in: 3600, user: { ...admin, username: 'viewer', role: 'viewer' } } },
    });
    window.history.replaceState(null, '', '/sessions');
    renderApp();

    await userEvent.click(await screen.findByTestId('logout'));
    await userEvent.type(await screen.findByTestId('login-username'), 'viewer');
    await userEvent.type(screen.getByTestId('login-password'), 'pw');
    await userEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findByTestId('instances-table')).toBeTruthy();
    expect(window.location.pathname).toBe('/instances');
  });
});
