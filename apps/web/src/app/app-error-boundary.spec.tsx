import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { apiServer, http } from '../testing/api-server';
import { pagination, userFixture } from '../testing/fixtures';
import { testQueryClient } from '../testing/render';
import { App } from './app';

// The sessions page's chunk fails to load, as after a deploy that removed the file a stale tab asks for.
vi.mock('../features/sessions/components/sessions-page', () => {
  throw new TypeError('Failed to fetch dynamically imported module: /assets/sessions-page-9f8e7d.js');
});

describe('a lazily loaded page whose code fails to load', () => {
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    sessionStorage.setItem('capacity.token', 'tok');
    sessionStorage.setItem('capacity.user', JSON.stringify(userFixture()));
  });

  it('keeps the app around it: a message with a reload button in the page, the header still there, other pages still open', async () => {
    apiServer.use(http.get('/api/v1/instances', ({ response }) => response(200).json({ data: [], pagination: pagination(0) })));
    window.history.replaceState(null, '', '/sessions');
    render(<App queryClient={testQueryClient()} locale="en" />);

    expect((await screen.findByTestId('page-error')).textContent).toContain('This page could not be shown.');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
    expect(screen.getByTestId('nav-instances')).toBeTruthy();

    await userEvent.click(screen.getByTestId('nav-instances'));
    expect(await screen.findByTestId('instances-empty')).toBeTruthy();
    expect(screen.queryByTestId('page-error')).toBeNull();
  });
});
