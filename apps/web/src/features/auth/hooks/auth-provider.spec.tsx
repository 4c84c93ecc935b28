import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { setUnauthorizedHandler } from '../../../lib/api-client';
import { mockApi } from '../../../testing/mock-api';
import { renderWithProviders } from '../../../testing/render';
import { useAuth } from './auth-provider';

const user = { id: 1, username: 'admin', role: 'admin' as const, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' };

function LogoutButton() {
  const { user: current, logout } = useAuth();
  return (
    <button type="button" onClick={logout}>
      {current ? `signed in as ${current.username}` : 'signed out'}
    </button>
  );
}

beforeEach(() => {
  sessionStorage.clear();
  sessionStorage.setItem('capacity.token', 'tok-logout');
  sessionStorage.setItem('capacity.user', JSON.stringify(user));
});

describe('logout', () => {
  it('revokes the token on the server with that token, then forgets it', async () => {
    const api = mockApi({ 'POST /auth/logout': { status: 204 } });
    renderWithProviders(<LogoutButton />);

    await userEvent.click(screen.getByRole('button', { name: 'signed in as admin' }));
    expect(await screen.findByRole('button', { name: 'signed out' })).toBeTruthy();
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]).toMatchObject({ method: 'POST', path: '/auth/logout' });
    expect(api.calls[0].headers.Authorization).toBe('Bearer tok-logout');
    expect(sessionStorage.getItem('capacity.token')).toBeNull();
  });

  it('signs out even when the server cannot be reached', async () => {
    const fetchMock = vi.fn(() => Promise.reject(new TypeError('network down')));
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<LogoutButton />);

    await userEvent.click(screen.getByRole('button', { name: 'signed in as admin' }));
    expect(await screen.findByRole('button', { name: 'signed out' })).toBeTruthy();
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(sessionStorage.getItem('capacity.token')).toBeNull();
  });

  it('signs out quietly when the server refuses the token (already revoked or expired)', async () => {
    const api = mockApi({ 'POST /auth/logout': { status: 401, body: { statusCode: 401, error: 'Unauthorized', message: 'the token has been revoked', fields: [] } } });
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    renderWithProviders(<LogoutButton />);

    await userEvent.click(screen.getByRole('button', { name: 'signed in as admin' }));
    expect(await screen.findByRole('button', { name: 'signed out' })).toBeTruthy();
    await waitFor(() => expect(api.fetchMock).toHaveBeenCalledTimes(1));
    await api.fetchMock.mock.results[0].value;
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});
