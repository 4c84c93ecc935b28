import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { vi } from 'vitest';
import { apiClient, setUnauthorizedHandler } from '../../../lib/api-client';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { errorBody, userFixture } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { useAuth } from './auth-provider';

const user = userFixture();

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
    apiServer.use(http.post('/api/v1/auth/logout', ({ response }) => response(204).empty()));
    renderWithProviders(<LogoutButton />);

    await userEvent.click(screen.getByRole('button', { name: 'signed in as admin' }));
    expect(await screen.findByRole('button', { name: 'signed out' })).toBeTruthy();
    await waitFor(() => expect(apiCalls()).toHaveLength(1));
    expect(apiCalls()[0]).toMatchObject({ method: 'POST', path: '/api/v1/auth/logout' });
    expect(apiCalls()[0].headers.get('Authorization')).toBe('Bearer tok-logout');
    expect(sessionStorage.getItem('capacity.token')).toBeNull();
  });

  it('signs out even when the server cannot be reached', async () => {
    // A network error: the request never gets an answer.
    apiServer.use(http.post('/api/v1/auth/logout', ({ response }) => response.untyped(HttpResponse.error())));
    renderWithProviders(<LogoutButton />);

    await userEvent.click(screen.getByRole('button', { name: 'signed in as admin' }));
    expect(await screen.findByRole('button', { name: 'signed out' })).toBeTruthy();
    await waitFor(() => expect(apiCalls()).toHaveLength(1));
    expect(sessionStorage.getItem('capacity.token')).toBeNull();
  });

  it('signs out quietly when the server refuses the token (already revoked or expired)', async () => {
    apiServer.use(
      http.post('/api/v1/auth/logout', ({ response }) => response(401).json(errorBody(401, 'Unauthorized', 'the token has been revoked'))),
    );
    const post = vi.spyOn(apiClient, 'POST');
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    renderWithProviders(<LogoutButton />);

    await userEvent.click(screen.getByRole('button', { name: 'signed in as admin' }));
    expect(await screen.findByRole('button', { name: 'signed out' })).toBeTruthy();
    await waitFor(() => expect(post).toHaveBeenCalledTimes(1));
    // The whole answer has gone through the client (and its 401 handling) before the check.
    await expect(post.mock.results[0].value).rejects.toMatchObject({ status: 401 });
    expect(apiCalls()).toHaveLength(1);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});
