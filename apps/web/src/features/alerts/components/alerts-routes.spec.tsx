import { render, screen, within } from '@testing-library/react';
import { App } from '../../../app/app';
import { alertFixture, pageOf } from '../../../testing/alert-fixtures';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { userFixture } from '../../../testing/fixtures';
import { testQueryClient } from '../../../testing/render';

const admin = userFixture();
const viewer = userFixture({ id: 2, username: 'viewer', role: 'viewer' });

function signedIn(user: typeof admin, path: string) {
  sessionStorage.setItem('capacity.token', `tok-${user.username}`);
  sessionStorage.setItem('capacity.user', JSON.stringify(user));
  window.history.replaceState(null, '', path);
  return render(<App queryClient={testQueryClient()} locale="en" />);
}

describe('the Alerts area in the app', () => {
  beforeEach(() => {
    sessionStorage.clear();
    apiServer.use(
      http.get('/api/v1/alerts', ({ response }) => response(200).json({ data: [alertFixture()], pagination: pageOf(1, 25, 1) })),
      http.get('/api/v1/alerts/summary', ({ response }) => response(200).json({ firing: 1, critical: 0, warning: 1, unacknowledged: 1 })),
    );
  });

  it.each(['/alerts/channels', '/alerts/rules'])('guards %s from viewers, who still see the alerts and the header count', async (path) => {
    signedIn(viewer, path);
    expect(await screen.findByTestId('forbidden')).toBeTruthy();
    expect(apiCalls().some((call) => call.path === '/api/v1/notification-channels' || call.path === '/api/v1/alert-rules')).toBe(false);
    expect((await screen.findByTestId('firing-alerts-count')).textContent).toBe('1 firing');
    expect(screen.getByTestId('nav-alerts')).toBeTruthy();
  });

  it('shows a viewer the Alerts page without the admin tabs', async () => {
    signedIn(viewer, '/alerts');
    await screen.findByTestId('alert-row-1');
    expect(screen.queryByTestId('tab-channels')).toBeNull();
    expect(screen.queryByTestId('tab-alert-rules')).toBeNull();
  });

  it('gives an admin the rule and channel tabs', async () => {
    signedIn(admin, '/alerts');
    const tabs = await screen.findByRole('navigation', { name: 'Alerts area' });
    expect(within(tabs).getAllByRole('link').map((link) => link.getAttribute('href'))).toEqual(['/alerts', '/alerts/rules', '/alerts/channels']);
  });
});
