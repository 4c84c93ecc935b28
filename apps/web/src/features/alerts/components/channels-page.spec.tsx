import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { tokenStorage } from '../../../lib/token-storage';
import { channelFixture, deliveryFixture, pageOf } from '../../../testing/alert-fixtures';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { errorBody, userFixture } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { CHANNELS_PER_PAGE } from '../api/channels';
import { ChannelsPage } from './channels-page';

const callsTo = (method: string, path: string) => apiCalls().filter((call) => call.method === method && call.path === path);
const TOTAL = CHANNELS_PER_PAGE + 5;
const channels = Array.from({ length: TOTAL }, (_, i) => channelFixture({ id: i + 1, name: `channel-${i + 1}` }));

function Search() {
  return <output data-testid="search">{useLocation().search}</output>;
}

describe('ChannelsPage', () => {
  beforeEach(() => {
    tokenStorage.save('token', userFixture());
    apiServer.use(
      http.get('/api/v1/notification-channels', ({ query, response }) => {
        const page = Number(query.get('page') ?? 1);
        const perPage = Number(query.get('per_page') ?? 20);
        return response(200).json({ data: channels.slice((page - 1) * perPage, page * perPage), pagination: pageOf(page, perPage, TOTAL) });
      }),
    );
  });

  it('pages through more channels than a page holds, the page in the URL', async () => {
    renderWithProviders(
      <>
        <ChannelsPage />
        <Search />
      </>,
    );
    await screen.findByTestId('channel-row-channel-1');
    expect(screen.getByTestId('channels-table').querySelectorAll('tbody tr')).toHaveLength(CHANNELS_PER_PAGE);
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByTestId(`channel-row-channel-${TOTAL}`);
    expect(screen.getByTestId('channels-table').querySelectorAll('tbody tr')).toHaveLength(5);
    expect(screen.getByTestId('search').textContent).toBe('?page=2');
    expect(callsTo('GET', '/api/v1/notification-channels').at(-1)?.query.get('page')).toBe('2');
  });

  it('shows the empty and the error states', async () => {
    apiServer.use(http.get('/api/v1/notification-channels', ({ response }) => response(200).json({ data: [], pagination: pageOf(1, 20, 0) })));
    const { unmount } = renderWithProviders(<ChannelsPage />);
    expect(await screen.findByText('No notification channels yet.')).toBeTruthy();
    unmount();
    apiServer.use(http.get('/api/v1/notification-channels', ({ response }) => response(503).json(errorBody(503, 'Service Unavailable', 'the repository is unreachable'))));
    renderWithProviders(<ChannelsPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('the repository is unreachable');
  });

  it('creates a webhook channel with its HMAC secret', async () => {
    apiServer.use(http.post('/api/v1/notification-channels', ({ response }) => response(201).json(channelFixture({ id: 99, name: 'hook', has_secret: true }))));
    renderWithProviders(<ChannelsPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Add channel' }));
    const dialog = screen.getByRole('dialog', { name: 'Add channel' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Name \*/ }), 'hook');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'URL *' }), 'https://hooks.example.com/T0K3N');
    await userEvent.type(within(dialog).getByLabelText('HMAC secret (optional)'), 's3cret');
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Mode' }), 'digest');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsTo('POST', '/api/v1/notification-channels')[0]?.body).toEqual({
      name: 'hook', kind: 'webhook', mode: 'digest', enabled: true, url: 'https://hooks.example.com/T0K3N', secret: 's3cret',
    });
  });

  it('checks an e-mail channel before sending, then sends its SMTP settings', async () => {
    apiServer.use(http.post('/api/v1/notification-channels', ({ response }) => response(201).json(channelFixture({ id: 98, kind: 'email' }))));
    renderWithProviders(<ChannelsPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Add channel' }));
    const dialog = screen.getByRole('dialog', { name: 'Add channel' });
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Kind' }), 'email');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('Name is required.')).toBeTruthy();
    expect(within(dialog).getByText('Host is required.')).toBeTruthy();
    expect(within(dialog).getByText('Enter 1 to 50 e-mail addresses.')).toBeTruthy();
    expect(callsTo('POST', '/api/v1/notification-channels')).toHaveLength(0);

    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Name \*/ }), 'dba mail');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^SMTP host \*/ }), 'smtp.example.com');
    await userEvent.clear(within(dialog).getByRole('textbox', { name: /^Port \*/ }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Port \*/ }), '465');
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'TLS' }), 'tls');
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'User' }), 'capacity');
    await userEvent.type(within(dialog).getByLabelText('Password'), 'pw');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^From \*/ }), 'capacity@example.com');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^To \*/ }), 'a@example.com, b@example.com');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsTo('POST', '/api/v1/notification-channels')[0]?.body).toEqual({
      name: 'dba mail', kind: 'email', mode: 'immediate', enabled: true,
      email: { host: 'smtp.example.com', port: 465, tls_mode: 'tls', user: 'capacity', password: 'pw', from: 'capacity@example.com', to: ['a@example.com', 'b@example.com'] },
    });
  });

  it("puts the API's refusal under the field it names (a taken name, a bad nested port)", async () => {
    apiServer.use(
      http.post('/api/v1/notification-channels', ({ response }) =>
        response(400).json(errorBody(400, 'Bad Request', ['name "ops" is already taken', 'email.port must be between 1 and 65535'], ['name', 'email.port'])),
      ),
    );
    renderWithProviders(<ChannelsPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Add channel' }));
    const dialog = screen.getByRole('dialog', { name: 'Add channel' });
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Kind' }), 'email');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Name \*/ }), 'ops');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^SMTP host \*/ }), 'smtp');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^From \*/ }), 'c@example.com');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^To \*/ }), 'a@example.com');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    const name = within(dialog).getByRole('textbox', { name: /^Name \*/ });
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(name.getAttribute('aria-describedby') ?? '')?.textContent).toBe('name "ops" is already taken');
    const port = within(dialog).getByRole('textbox', { name: /^Port \*/ });
    expect(document.getElementById(port.getAttribute('aria-describedby') ?? '')?.textContent).toBe('email.port must be between 1 and 65535');
  });

  it('never shows a stored secret: on edit it is kept unless replaced or removed', async () => {
    const signed = channelFixture({ id: 1, name: 'channel-1', kind: 'dingtalk', has_secret: true, url_origin: 'https://oapi.dingtalk.com' });
    apiServer.use(
      http.get('/api/v1/notification-channels', ({ response }) => response(200).json({ data: [signed], pagination: pageOf(1, 20, 1) })),
      http.patch('/api/v1/notification-channels/{id}', ({ response }) => response(200).json(signed)),
    );
    renderWithProviders(<ChannelsPage />);
    await userEvent.click(within(await screen.findByTestId('channel-row-channel-1')).getByRole('button', { name: 'Edit' }));
    let dialog = screen.getByRole('dialog', { name: 'Edit channel “channel-1”' });
    expect(within(dialog).getByTestId('channel-secret-set').textContent).toBe('A secret is set (never shown).');
    expect(within(dialog).queryByLabelText('Sign secret (SEC…, optional)')).toBeNull();
    expect((within(dialog).getByRole('textbox', { name: 'URL' }) as HTMLInputElement).value).toBe('');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // Neither the URL nor the secret in the body: both are kept.
    expect(callsTo('PATCH', '/api/v1/notification-channels/1')[0]?.body).toEqual({ name: 'channel-1', mode: 'immediate', enabled: true });

    await userEvent.click(within(screen.getByTestId('channel-row-channel-1')).getByRole('button', { name: 'Edit' }));
    dialog = screen.getByRole('dialog', { name: 'Edit channel “channel-1”' });
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Replace' }));
    await userEvent.type(within(dialog).getByLabelText('Sign secret (SEC…, optional)'), 'SECnew');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(callsTo('PATCH', '/api/v1/notification-channels/1')).toHaveLength(2));
    expect(callsTo('PATCH', '/api/v1/notification-channels/1')[1]?.body).toMatchObject({ secret: 'SECnew' });

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await userEvent.click(within(screen.getByTestId('channel-row-channel-1')).getByRole('button', { name: 'Edit' }));
    dialog = screen.getByRole('dialog', { name: 'Edit channel “channel-1”' });
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Remove' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(callsTo('PATCH', '/api/v1/notification-channels/1')).toHaveLength(3));
    expect(callsTo('PATCH', '/api/v1/notification-channels/1')[2]?.body).toMatchObject({ secret: null });
  });

  it('sends a test and shows how it went, then lists the deliveries', async () => {
    apiServer.use(
      http.post('/api/v1/notification-channels/{id}/test', ({ response }) => response(200).json({ ok: false, attempts: 3, status_code: 500, error: 'HTTP 500', duration_ms: 1500 })),
      http.get('/api/v1/notification-channels/{id}/deliveries', ({ response }) =>
        response(200).json({
          data: [deliveryFixture({ id: 3, attempt: 3, ok: false, status_code: 500, error: 'HTTP 500' }), deliveryFixture({ id: 2, attempt: 2, ok: false, status_code: 500, error: 'HTTP 500' })],
          pagination: pageOf(1, 10, 2),
        }),
      ),
    );
    renderWithProviders(<ChannelsPage />);
    const row = await screen.findByTestId('channel-row-channel-2');
    await userEvent.click(within(row).getByRole('button', { name: 'Send test' }));
    const result = await within(row).findByTestId('channel-test-result');
    expect(result.textContent).toContain('Test failed: HTTP 500');
    expect(result.textContent).toContain('HTTP 500 · 3 attempt(s)');
    expect(callsTo('POST', '/api/v1/notification-channels/2/test')).toHaveLength(1);

    await userEvent.click(within(row).getByRole('button', { name: 'Deliveries' }));
    const dialog = screen.getByRole('dialog', { name: 'Deliveries of “channel-2”' });
    await within(dialog).findByTestId('delivery-row-3');
    expect(within(dialog).getAllByText('failed')).toHaveLength(2);
    expect(callsTo('GET', '/api/v1/notification-channels/2/deliveries')).toHaveLength(1);
  });

  it('deletes a channel only after the confirmation', async () => {
    apiServer.use(http.delete('/api/v1/notification-channels/{id}', ({ response }) => response(204).empty()));
    renderWithProviders(<ChannelsPage />);
    await userEvent.click(within(await screen.findByTestId('channel-row-channel-3')).getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete channel' });
    expect(within(dialog).getByText(/Delete channel “channel-3”/)).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsTo('DELETE', '/api/v1/notification-channels/3')).toHaveLength(1);
  });
});
