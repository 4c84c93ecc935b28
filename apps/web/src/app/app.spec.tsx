import { AUTH_LIMITS } from '@capacity/contracts';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { apiCalls, apiServer, http } from '../testing/api-server';
import { errorBody, instanceFixture, pagination, userFixture } from '../testing/fixtures';
import { emptyFleetHandlers } from '../testing/fleet-handlers';
import { testQueryClient } from '../testing/render';
import { App } from './app';

const admin = userFixture();
const viewer = userFixture({ username: 'viewer', role: 'viewer' });

const instance = instanceFixture({
  id: 7,
  name: 'orders-primary',
  host: 'db1.internal',
  username: 'monitor',
  has_password: true,
  latest_total_size_bytes: 3 * 1024 ** 3,
  latest_total_size_mb: 3072,
  database_count: 4,
  last_collected_at: '2026-03-01T03:00:00Z',
  last_collection_status: 'completed',
});

const instancesAnswer = (items = [instance]) =>
  http.get('/api/v1/instances', ({ response }) => response(200).json({ data: items, pagination: pagination(items.length) }));

const loginAnswer = (token: string, user = admin) =>
  http.post('/api/v1/auth/login', ({ response }) => response(200).json({ access_token: token, token_type: 'Bearer', expires_in: 3600, user }));

function renderApp() {
  return render(<App queryClient={testQueryClient()} locale="en" />);
}

beforeEach(() => {
  sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('login flow', () => {
  it('signs in, keeps the token for the session and shows the instances with the bearer token', async () => {
    apiServer.use(loginAnswer('tok-1'), instancesAnswer(), ...emptyFleetHandlers());
    renderApp();

    await userEvent.type(await screen.findByTestId('login-username'), 'admin');
    await userEvent.type(screen.getByTestId('login-password'), 'pw');
    await userEvent.click(screen.getByTestId('login-submit'));

    // An admin starts on the Fleet page.
    expect(await screen.findByTestId('fleet-page')).toBeTruthy();
    expect(window.location.pathname).toBe('/fleet');
    await userEvent.click(screen.getByTestId('nav-instances'));
    const row = await screen.findByTestId('instance-row-orders-primary');
    expect(within(row).getByText('3 GB')).toBeTruthy();
    expect(sessionStorage.getItem('capacity.token')).toBe('tok-1');
    expect(apiCalls()[0]).toMatchObject({ method: 'POST', path: '/api/v1/auth/login', body: { username: 'admin', password: 'pw' } });
    const list = apiCalls().find((c) => c.path === '/api/v1/instances');
    expect(list?.headers.get('Authorization')).toBe('Bearer tok-1');
    expect(screen.getByTestId('nav-partitions')).toBeTruthy();
  });

  it('shows the API message on a wrong password and stays on the login page', async () => {
    apiServer.use(
      http.post('/api/v1/auth/login', ({ response }) => response(401).json(errorBody(401, 'Unauthorized', 'wrong username or password'))),
    );
    renderApp();
    await userEvent.type(await screen.findByTestId('login-username'), 'admin');
    await userEvent.type(screen.getByTestId('login-password'), 'nope');
    await userEvent.click(screen.getByTestId('login-submit'));

    expect((await screen.findByRole('alert')).textContent).toContain('wrong username or password');
    expect(sessionStorage.getItem('capacity.token')).toBeNull();
    expect(window.location.pathname).toBe('/login');
  });

  it("puts the API's refusal of an input under that input, and limits the inputs as the API does", async () => {
    apiServer.use(
      http.post('/api/v1/auth/login', ({ response }) =>
        response(400).json(errorBody(400, 'Bad Request', ['username must be shorter than or equal to 64 characters'], ['username'])),
      ),
    );
    renderApp();
    const username = await screen.findByTestId('login-username');
    expect(username.getAttribute('maxlength')).toBe(String(AUTH_LIMITS.login.usernameMaxLength));
    expect(screen.getByTestId('login-password').getAttribute('maxlength')).toBe(String(AUTH_LIMITS.login.passwordMaxLength));
    await userEvent.type(username, 'admin');
    await userEvent.type(screen.getByTestId('login-password'), 'pw');
    await userEvent.click(screen.getByTestId('login-submit'));

    expect((await screen.findByRole('alert')).textContent).toBe('username must be shorter than or equal to 64 characters');
    expect(username.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('login-password').getAttribute('aria-invalid')).toBe('false');
  });

  it('hides the partitions link from viewers and guards the route', async () => {
    sessionStorage.setItem('capacity.token', 'tok-v');
    sessionStorage.setItem('capacity.user', JSON.stringify(viewer));
    apiServer.use(instancesAnswer([]));
    window.history.replaceState(null, '', '/partitions');
    renderApp();

    expect(await screen.findByTestId('forbidden')).toBeTruthy();
    expect(screen.queryByTestId('nav-partitions')).toBeNull();
    expect(screen.getByTestId('nav-instances')).toBeTruthy();
  });

  it('offers the users page to admins only', async () => {
    sessionStorage.setItem('capacity.token', 'tok-a');
    sessionStorage.setItem('capacity.user', JSON.stringify(admin));
    apiServer.use(http.get('/api/v1/users', ({ response }) => response(200).json([admin, viewer])));
    window.history.replaceState(null, '', '/users');
    renderApp();
    expect(await screen.findByTestId('user-row-viewer')).toBeTruthy();
    expect(screen.getByTestId('nav-users').getAttribute('aria-current')).toBe('page');
  });

  it('hides the users link from viewers and guards the route', async () => {
    sessionStorage.setItem('capacity.token', 'tok-v');
    sessionStorage.setItem('capacity.user', JSON.stringify(viewer));
    window.history.replaceState(null, '', '/users');
    renderApp();
    expect(await screen.findByTestId('forbidden')).toBeTruthy();
    expect(screen.queryByTestId('nav-users')).toBeNull();
    expect(apiCalls().some((call) => call.path === '/api/v1/users')).toBe(false);
  });

  it('forgets an expired token and returns to the login page on a 401', async () => {
    sessionStorage.setItem('capacity.token', 'expired');
    sessionStorage.setItem('capacity.user', JSON.stringify(admin));
    apiServer.use(http.get('/api/v1/instances', ({ response }) => response(401).json(errorBody(401, 'Unauthorized', 'token expired'))));
    window.history.replaceState(null, '', '/instances');
    renderApp();

    expect(await screen.findByTestId('login-submit')).toBeTruthy();
    await waitFor(() => expect(window.location.pathname).toBe('/login'));
    expect(sessionStorage.getItem('capacity.token')).toBeNull();
  });

  it('logs out', async () => {
    sessionStorage.setItem('capacity.token', 'tok-2');
    sessionStorage.setItem('capacity.user', JSON.stringify(admin));
    apiServer.use(instancesAnswer(), http.post('/api/v1/auth/logout', ({ response }) => response(204).empty()));
    window.history.replaceState(null, '', '/instances');
    renderApp();

    await userEvent.click(await screen.findByTestId('logout'));
    expect(await screen.findByTestId('login-submit')).toBeTruthy();
    expect(sessionStorage.getItem('capacity.token')).toBeNull();
  });

  it('after a logout, the next user lands on the instances page, not on the previous user\'s page', async () => {
    sessionStorage.setItem('capacity.token', 'tok-3');
    sessionStorage.setItem('capacity.user', JSON.stringify(admin));
    apiServer.use(
      http.get('/api/v1/sessions', ({ response }) => response(200).json({ data: [], pagination: pagination(0) })),
      instancesAnswer(),
      http.post('/api/v1/auth/logout', ({ response }) => response(204).empty()),
      loginAnswer('tok-4', viewer),
    );
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
