import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { tokenStorage } from '../../../lib/token-storage';
import { channelFixture, pageOf, ruleFixture } from '../../../testing/alert-fixtures';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { errorBody, userFixture } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { RulesPage } from './rules-page';

const callsTo = (method: string, path: string) => apiCalls().filter((call) => call.method === method && call.path === path);
const channels = [channelFixture({ id: 1, name: 'ops-webhook' }), channelFixture({ id: 2, name: 'dba-mail', kind: 'email', url_origin: null })];

describe('RulesPage', () => {
  beforeEach(() => {
    tokenStorage.save('token', userFixture());
    apiServer.use(
      http.get('/api/v1/alert-rules', ({ response }) =>
        response(200).json([
          ruleFixture(),
          ruleFixture({
            id: 2, name: 'Capacity growth (original rule)', type: 'growth', enabled: false, is_default: true, channel_ids: [],
            params: { bytes: 20 * 1024 ** 3, percent: 30, days: 3, match: 'all', direction: null, runs: null },
          }),
        ]),
      ),
      http.get('/api/v1/notification-channels', ({ response }) => response(200).json({ data: channels, pagination: pageOf(1, 500, 2) })),
    );
  });

  it('lists the rules with their condition, scope and channels', async () => {
    renderWithProviders(<RulesPage />);
    const row = await screen.findByTestId('rule-row-orders over 5 GB');
    await waitFor(() => expect(within(row).getByText('ops-webhook')).toBeTruthy());
    expect(within(row).getByText('5 GB')).toBeTruthy();
    expect(within(row).getByText('All instances')).toBeTruthy();
    const growth = screen.getByTestId('rule-row-Capacity growth (original rule)');
    expect(within(growth).getByText('default')).toBeTruthy();
    expect(within(growth).getByText('20 GB · 30 % · in 3 days · both')).toBeTruthy();
  });

  it('shows the empty and the error states', async () => {
    apiServer.use(http.get('/api/v1/alert-rules', ({ response }) => response(200).json([])));
    const { unmount } = renderWithProviders(<RulesPage />);
    expect(await screen.findByText('No alert rules yet.')).toBeTruthy();
    unmount();
    apiServer.use(http.get('/api/v1/alert-rules', ({ response }) => response(403).json(errorBody(403, 'Forbidden', 'admins only'))));
    renderWithProviders(<RulesPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('admins only');
  });

  it('creates a size rule with its scope, severity and channels', async () => {
    apiServer.use(http.post('/api/v1/alert-rules', ({ response }) => response(201).json(ruleFixture({ id: 3 }))));
    renderWithProviders(<RulesPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Add rule' }));
    const dialog = screen.getByRole('dialog', { name: 'Add rule' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('Name is required.')).toBeTruthy();
    expect(within(dialog).getByText('Enter a positive size.')).toBeTruthy();
    expect(within(dialog).getByText('An enabled rule needs at least one channel.')).toBeTruthy();
    expect(callsTo('POST', '/api/v1/alert-rules')).toHaveLength(0);

    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Name \*/ }), 'big pg');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Size \*/ }), '1.5');
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Unit' }), 'TB');
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Severity' }), 'critical');
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Scope' }), 'db_type');
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Engine *' }), 'postgresql');
    await userEvent.clear(within(dialog).getByRole('textbox', { name: /^Repeat every/ }));
    await userEvent.click(await within(dialog).findByRole('checkbox', { name: /dba-mail/ }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsTo('POST', '/api/v1/alert-rules')[0]?.body).toEqual({
      name: 'big pg', enabled: true, type: 'size_above', level: 'database', params: { bytes: 1.5 * 1024 ** 4 },
      scope: { type: 'db_type', db_type: 'postgresql' }, severity: 'critical', repeat_interval_minutes: null, channel_ids: [2],
    });
  });

  it('shows the parameters of the type chosen and sends only those', async () => {
    apiServer.use(http.post('/api/v1/alert-rules', ({ response }) => response(201).json(ruleFixture({ id: 4 }))));
    renderWithProviders(<RulesPage />);
    await userEvent.click(await screen.findByRole('button', { name: 'Add rule' }));
    const dialog = screen.getByRole('dialog', { name: 'Add rule' });
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Type' }), 'collection_failing');
    expect(within(dialog).queryByRole('textbox', { name: /^Size/ })).toBeNull();
    expect(within(dialog).queryByRole('combobox', { name: 'Watches' })).toBeNull();
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Name \*/ }), 'failing');
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Failed runs in a row/ }), '3');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'Enabled' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(callsTo('POST', '/api/v1/alert-rules')[0]?.body).toMatchObject({ type: 'collection_failing', level: 'instance', params: { runs: 3 }, enabled: false, channel_ids: [] });
  });

  it("puts the API's refusal under the parameter it names", async () => {
    apiServer.use(
      http.patch('/api/v1/alert-rules/{id}', ({ response }) =>
        response(400).json(errorBody(400, 'Bad Request', 'params.days must be between 1 and 90 for a growth rule', ['params.days'])),
      ),
    );
    renderWithProviders(<RulesPage />);
    await userEvent.click(within(await screen.findByTestId('rule-row-Capacity growth (original rule)')).getByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit rule “Capacity growth (original rule)”' });
    const days = within(dialog).getByRole('textbox', { name: /^Within days/ });
    expect((days as HTMLInputElement).value).toBe('3');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(days.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(days.getAttribute('aria-describedby') ?? '')?.textContent).toBe('params.days must be between 1 and 90 for a growth rule');
    expect(callsTo('PATCH', '/api/v1/alert-rules/2')[0]?.body).toMatchObject({ params: { bytes: 20 * 1024 ** 3, percent: 30, days: 3, match: 'all' }, enabled: false });
  });

  it('enables, disables and deletes a rule', async () => {
    apiServer.use(
      http.patch('/api/v1/alert-rules/{id}', ({ response }) => response(200).json(ruleFixture({ enabled: false }))),
      http.delete('/api/v1/alert-rules/{id}', ({ response }) => response(204).empty()),
    );
    renderWithProviders(<RulesPage />);
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Rule orders over 5 GB enabled' }));
    await waitFor(() => expect(callsTo('PATCH', '/api/v1/alert-rules/1')).toHaveLength(1));
    expect(callsTo('PATCH', '/api/v1/alert-rules/1')[0]?.body).toEqual({ enabled: false });

    await userEvent.click(within(screen.getByTestId('rule-row-orders over 5 GB')).getByRole('button', { name: 'Delete' }));
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Delete rule' })).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(callsTo('DELETE', '/api/v1/alert-rules/1')).toHaveLength(1));
  });
});
