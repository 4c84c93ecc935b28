import { AUTH_LIMITS } from '@capacity/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { tokenStorage } from '../../../lib/token-storage';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { errorBody, userFixture } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { UsersPage } from './users-page';

const me = userFixture({ id: 1, username: 'admin', role: 'admin' });
const bob = userFixture({ id: 2, username: 'bob', role: 'admin' });
const carol = userFixture({ id: 3, username: 'carol', role: 'viewer' });

const callsTo = (method: string, path: string) => apiCalls().filter((call) => call.method === method && call.path === path);

describe('UsersPage', () => {
  beforeEach(() => {
    tokenStorage.save('token', me);
    apiServer.use(http.get('/api/v1/users', ({ response }) => response(200).json([me, bob, carol])));
  });

  it('lists the users with their roles, and offers no role change, reset or delete on one\'s own row', async () => {
    renderWithProviders(<UsersPage />);
    const own = await screen.findByTestId('user-row-admin');
    expect(within(own).getByText('you')).toBeTruthy();
    expect((within(own).getByRole('combobox', { name: 'Role of admin' }) as HTMLSelectElement).disabled).toBe(true);
    expect(within(own).queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(within(own).queryByRole('button', { name: 'Reset password' })).toBeNull();
    const carolRow = screen.getByTestId('user-row-carol');
    expect((within(carolRow).getByRole('combobox', { name: 'Role of carol' }) as HTMLSelectElement).value).toBe('viewer');
    expect(within(carolRow).getByRole('button', { name: 'Delete' })).toBeTruthy();
  });

  it('creates a user and refreshes the list', async () => {
    const dave = userFixture({ id: 4, username: 'dave', role: 'viewer' });
    apiServer.use(http.post('/api/v1/users', ({ response }) => response(201).json(dave)));
    renderWithProviders(<UsersPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Add user' }));
    const dialog = screen.getByRole('dialog', { name: 'Add user' });
    const username = within(dialog).getByRole('textbox', { name: 'Username *' });
    expect(username.getAttribute('maxlength')).toBe(String(AUTH_LIMITS.username.maxLength));
    await userEvent.type(username, 'dave');
    await userEvent.type(within(dialog).getByLabelText('Password *'), 'dave-password-1');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsTo('POST', '/api/v1/users')[0]?.body).toEqual({ username: 'dave', password: 'dave-password-1', role: 'viewer' });
    await waitFor(() => expect(callsTo('GET', '/api/v1/users')).toHaveLength(2));
  });

  it('checks the fields as the API does before sending anything', async () => {
    renderWithProviders(<UsersPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Add user' }));
    const dialog = screen.getByRole('dialog', { name: 'Add user' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Username *' }), 'a b');
    await userEvent.type(within(dialog).getByLabelText('Password *'), 'short');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(within(dialog).getByText('Username must be 3–64 letters, digits, _ . or -.')).toBeTruthy();
    expect(within(dialog).getByText(`Password must be at least ${AUTH_LIMITS.password.minLength} characters.`)).toBeTruthy();
    expect(callsTo('POST', '/api/v1/users')).toHaveLength(0);
  });

  it("puts the API's refusal under the field it names (a taken username)", async () => {
    apiServer.use(
      http.post('/api/v1/users', ({ response }) => response(409).json(errorBody(409, 'Conflict', 'username "carol" is already taken', ['username']))),
    );
    renderWithProviders(<UsersPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Add user' }));
    const dialog = screen.getByRole('dialog', { name: 'Add user' });
    const username = within(dialog).getByRole('textbox', { name: 'Username *' });
    await userEvent.type(username, 'carol');
    await userEvent.type(within(dialog).getByLabelText('Password *'), 'another-password');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(username.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(username.getAttribute('aria-describedby') ?? '')?.textContent).toBe('username "carol" is already taken');
    expect(within(dialog).getByLabelText('Password *').getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByRole('dialog', { name: 'Add user' })).toBeTruthy();
  });

  it('changes the role of another user', async () => {
    apiServer.use(http.patch('/api/v1/users/{id}', ({ response }) => response(200).json({ ...carol, role: 'admin' })));
    renderWithProviders(<UsersPage />);
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Role of carol' }), 'admin');
    await waitFor(() => expect(callsTo('PATCH', '/api/v1/users/3')).toHaveLength(1));
    expect(callsTo('PATCH', '/api/v1/users/3')[0].body).toEqual({ role: 'admin' });
  });

  it("shows the API's refusal of a role change (the last admin)", async () => {
    apiServer.use(
      http.patch('/api/v1/users/{id}', ({ response }) => response(409).json(errorBody(409, 'Conflict', 'the last admin cannot be removed or demoted'))),
    );
    renderWithProviders(<UsersPage />);
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Role of bob' }), 'viewer');
    expect((await screen.findByRole('alert')).textContent).toContain('the last admin cannot be removed or demoted');
  });

  it("resets another user's password, checking it first", async () => {
    apiServer.use(http.patch('/api/v1/users/{id}', ({ response }) => response(200).json(carol)));
    renderWithProviders(<UsersPage />);
    await userEvent.click(within(await screen.findByTestId('user-row-carol')).getByRole('button', { name: 'Reset password' }));
    const dialog = screen.getByRole('dialog', { name: 'New password for carol' });
    expect(within(dialog).getByText('The sessions of carol end: they sign in again with this password.')).toBeTruthy();
    const password = within(dialog).getByLabelText('New password *');
    await userEvent.type(password, 'CAROL');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reset password' }));
    expect(within(dialog).getByText(`Password must be at least ${AUTH_LIMITS.password.minLength} characters.`)).toBeTruthy();
    await userEvent.clear(password);
    await userEvent.type(password, 'a-new-password');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reset password' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsTo('PATCH', '/api/v1/users/3').map((call) => call.body)).toEqual([{ password: 'a-new-password' }]);
  });

  it('deletes a user only after the confirmation', async () => {
    apiServer.use(http.delete('/api/v1/users/{id}', ({ response }) => response(204).empty()));
    renderWithProviders(<UsersPage />);
    const deleteCarol = within(await screen.findByTestId('user-row-carol')).getByRole('button', { name: 'Delete' });
    await userEvent.click(deleteCarol);
    let dialog = screen.getByRole('dialog', { name: 'Delete user' });
    expect(within(dialog).getByText('Delete user “carol”? The instances it owns stay, without an owner.')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(callsTo('DELETE', '/api/v1/users/3')).toHaveLength(0);

    await userEvent.click(deleteCarol);
    dialog = screen.getByRole('dialog', { name: 'Delete user' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsTo('DELETE', '/api/v1/users/3')).toHaveLength(1);
    await waitFor(() => expect(callsTo('GET', '/api/v1/users')).toHaveLength(2));
  });
});
