import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { render } from '@testing-library/react';
import { App } from '../../../app/app';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { errorBody, instanceFixture, pagination, userFixture } from '../../../testing/fixtures';
import { testQueryClient } from '../../../testing/render';

const viewer = userFixture({ id: 3, username: 'carol', role: 'viewer' });

function renderSignedIn() {
  sessionStorage.setItem('capacity.token', 'tok-carol');
  sessionStorage.setItem('capacity.user', JSON.stringify(viewer));
  window.history.replaceState(null, '', '/instances');
  apiServer.use(http.get('/api/v1/instances', ({ response }) => response(200).json({ data: [instanceFixture()], pagination: pagination(1) })));
  render(<App queryClient={testQueryClient()} locale="en" />);
}

async function openDialog() {
  await userEvent.click(await screen.findByRole('button', { name: 'Change password' }));
  return screen.getByRole('dialog', { name: 'Change my password' });
}

async function fill(dialog: HTMLElement, current: string, next: string, repeat = next) {
  await userEvent.type(within(dialog).getByLabelText(/^Current password/), current);
  await userEvent.type(within(dialog).getByLabelText(/^New password/), next);
  await userEvent.type(within(dialog).getByLabelText(/^Repeat the new password/), repeat);
  await userEvent.click(within(dialog).getByRole('button', { name: 'Change password' }));
}

describe('change my password', () => {
  it('is offered to a viewer too, and says that every session ends', async () => {
    renderSignedIn();
    const dialog = await openDialog();
    expect(within(dialog).getByText(/every session of yours ends, this one included/)).toBeTruthy();
  });

  it('sends the change, then signs out (the API ended the session) and says why on the login page', async () => {
    apiServer.use(http.post('/api/v1/auth/password', ({ response }) => response(204).empty()));
    renderSignedIn();
    await fill(await openDialog(), 'old-password', 'new-password-1');

    expect(await screen.findByTestId('login-password-changed')).toBeTruthy();
    expect(screen.getByTestId('login-password-changed').textContent).toContain('Sign in with the new password');
    expect(apiCalls().find((call) => call.path === '/api/v1/auth/password')?.body).toEqual({
      current_password: 'old-password',
      new_password: 'new-password-1',
    });
    expect(sessionStorage.getItem('capacity.token')).toBeNull();
    // The token is already revoked by the API: no logout call.
    expect(apiCalls().some((call) => call.path === '/api/v1/auth/logout')).toBe(false);
  });

  it('puts a wrong current password under that field and stays signed in', async () => {
    apiServer.use(
      http.post('/api/v1/auth/password', ({ response }) => response(400).json(errorBody(400, 'Bad Request', 'current_password is wrong', ['current_password']))),
    );
    renderSignedIn();
    const dialog = await openDialog();
    await fill(dialog, 'not-it', 'new-password-1');

    const current = within(dialog).getByLabelText(/^Current password/);
    await waitFor(() => expect(current.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(current.getAttribute('aria-describedby') ?? '')?.textContent).toBe('current_password is wrong');
    expect(within(dialog).getByLabelText(/^New password/).getAttribute('aria-invalid')).toBe('false');
    expect(sessionStorage.getItem('capacity.token')).toBe('tok-carol');
  });

  it('refuses a too short new password or one that differs from its repetition, without a request', async () => {
    renderSignedIn();
    const dialog = await openDialog();
    await fill(dialog, 'old-password', 'short');
    expect(within(dialog).getByText('Password must be at least 8 characters.')).toBeTruthy();

    await userEvent.clear(within(dialog).getByLabelText(/^New password/));
    await userEvent.type(within(dialog).getByLabelText(/^New password/), 'a-good-password');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Change password' }));
    expect(within(dialog).getByText('The two passwords differ.')).toBeTruthy();
    expect(apiCalls().some((call) => call.path === '/api/v1/auth/password')).toBe(false);
  });
});
