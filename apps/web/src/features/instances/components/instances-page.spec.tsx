import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { tokenStorage } from '../../../lib/token-storage';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { errorBody, instanceFixture, pagination, userFixture } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { InstancesPage } from './instances-page';

const instance = instanceFixture({ owner_id: 2 });

const signInAs = (role: 'admin' | 'viewer') => tokenStorage.save('token', userFixture({ id: 2, username: role, role }));

describe('InstancesPage', () => {
  beforeEach(() => {
    apiServer.use(http.get('/api/v1/instances', ({ response }) => response(200).json({ data: [instance], pagination: pagination(1) })));
  });

  it('offers an admin "collect now" and the other instance actions', async () => {
    signInAs('admin');
    renderWithProviders(<InstancesPage />);
    expect(await screen.findByTestId('collect-now-pg1')).toBeTruthy();
    expect(screen.getByText('Add instance')).toBeTruthy();
    expect(screen.getByText('Test connection')).toBeTruthy();
  });

  it('shows a viewer its instances without "collect now" (the API answers it 403) or any other action', async () => {
    signInAs('viewer');
    renderWithProviders(<InstancesPage />);
    expect(await screen.findByTestId('instance-row-pg1')).toBeTruthy();
    expect(screen.queryByTestId('collect-now-pg1')).toBeNull();
    expect(screen.queryByText('Collect now')).toBeNull();
    expect(screen.queryByText('Add instance')).toBeNull();
    expect(screen.queryByText('Actions')).toBeNull();
  });

  it("puts the API's refusal of a new instance under the field it names", async () => {
    signInAs('admin');
    apiServer.use(
      http.post('/api/v1/instances', ({ response }) => response(409).json(errorBody(409, 'Conflict', 'an instance named pg1 already exists', ['name']))),
    );
    renderWithProviders(<InstancesPage />);
    await userEvent.click(await screen.findByText('Add instance'));
    const form = screen.getByRole('form', { name: 'Add instance' });
    await userEvent.type(within(form).getByRole('textbox', { name: 'Name *' }), 'pg1');
    await userEvent.selectOptions(within(form).getByRole('combobox', { name: 'Engine *' }), 'postgresql');
    await userEvent.type(within(form).getByRole('textbox', { name: 'Host *' }), 'db');
    await userEvent.type(within(form).getByRole('textbox', { name: 'Username *' }), 'u');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));

    expect(await within(form).findByText('an instance named pg1 already exists')).toBeTruthy();
    expect(within(form).getByRole('textbox', { name: /^Name \*/ }).getAttribute('aria-invalid')).toBe('true');
    expect(apiCalls().find((c) => c.method === 'POST')?.body).toMatchObject({ name: 'pg1', db_type: 'postgresql', host: 'db', port: 5432 });
  });
});
