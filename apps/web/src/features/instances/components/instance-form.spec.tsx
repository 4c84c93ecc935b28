import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { INSTANCE_LIMITS } from '@capacity/contracts';
import { vi } from 'vitest';
import { ApiError } from '../../../lib/api-error';
import { tokenStorage } from '../../../lib/token-storage';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { instanceFixture, userFixture } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { InstanceForm } from './instance-form';

const admin = userFixture({ id: 1, username: 'admin', role: 'admin' });
const viewer = userFixture({ id: 4, username: 'alice', role: 'viewer' });
const usersAnswer = () => http.get('/api/v1/users', ({ response }) => response(200).json([admin, viewer]));

describe('InstanceForm', () => {
  it('shows each field error and does not submit an invalid form', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<InstanceForm onSubmit={onSubmit} onCancel={() => undefined} />);
    await userEvent.type(screen.getByRole('textbox', { name: /port/i }), '70000');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(screen.getByText('Name is required.')).toBeTruthy();
    expect(screen.getByText('Choose an engine.')).toBeTruthy();
    expect(screen.getByText('Host is required.')).toBeTruthy();
    expect(screen.getByText('Port must be a whole number between 1 and 65535.')).toBeTruthy();
    expect(screen.getByText('Username is required.')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('submits the payload with the engine default port', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<InstanceForm onSubmit={onSubmit} onCancel={() => undefined} />);
    await userEvent.type(screen.getByRole('textbox', { name: 'Name *' }), 'billing');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Engine *' }), 'mysql');
    await userEvent.type(screen.getByRole('textbox', { name: 'Host *' }), 'mysql.internal');
    await userEvent.type(screen.getByRole('textbox', { name: 'Username *' }), 'root');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(onSubmit).toHaveBeenCalledWith({
      name: 'billing',
      db_type: 'mysql',
      host: 'mysql.internal',
      port: 3306,
      username: 'root',
      database_name: null,
      description: null,
      is_active: true,
      tags: [],
      owner_id: null,
      capacity_limit_bytes: null,
      zone: 'default',
    });
  });

  it('sends the zone as typed, and refuses a zone the API would refuse', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<InstanceForm instance={instanceFixture({ zone: 'dc-east' })} onSubmit={onSubmit} onCancel={() => undefined} />);
    const zone = screen.getByRole('textbox', { name: 'Zone' }) as HTMLInputElement;
    expect(zone.value).toBe('dc-east');
    await userEvent.clear(zone);
    await userEvent.type(zone, 'DC East');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText(/A zone is lower-case letters/)).toBeTruthy();
    await userEvent.clear(zone);
    await userEvent.type(zone, 'dc-west');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ zone: 'dc-west' }));
  });

  it('sends the capacity limit in whole bytes of the chosen unit, and shows a stored one in its largest unit', async () => {
    const onSubmit = vi.fn();
    const instance = instanceFixture({ capacity_limit_bytes: 1.5 * 1024 ** 4 });
    renderWithProviders(<InstanceForm instance={instance} onSubmit={onSubmit} onCancel={() => undefined} />);
    const amount = screen.getByRole('textbox', { name: 'Capacity limit' }) as HTMLInputElement;
    expect(amount.value).toBe('1.5');
    expect((screen.getByRole('combobox', { name: 'Unit' }) as HTMLSelectElement).value).toBe('TB');

    await userEvent.clear(amount);
    await userEvent.type(amount, '500');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Unit' }), 'GB');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ capacity_limit_bytes: 500 * 1024 ** 3 }));

    // Emptied: no configured limit.
    await userEvent.clear(amount);
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ capacity_limit_bytes: null }));
  });

  it('refuses a limit that is no positive number or exceeds the largest the API takes', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<InstanceForm instance={instanceFixture()} onSubmit={onSubmit} onCancel={() => undefined} />);
    const amount = screen.getByRole('textbox', { name: /^Capacity limit/ });
    for (const [typed, unit] of [['-5', 'GB'], ['abc', 'GB'], ['8192', 'TB']] as const) {
      await userEvent.clear(amount);
      await userEvent.type(amount, typed);
      await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Unit' }), unit);
      await userEvent.click(screen.getByRole('button', { name: 'Save' }));
      expect(amount.getAttribute('aria-invalid')).toBe('true');
      expect(document.getElementById(amount.getAttribute('aria-describedby') ?? '')?.textContent).toBe('The limit must be a positive number of at most 8191 TB.');
    }
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("shows the API's error of the limit under the limit field", () => {
    const message = 'capacity_limit_bytes must be a whole number of bytes from 1 to 9007199254740991';
    renderWithProviders(<InstanceForm onSubmit={vi.fn()} onCancel={() => undefined} error={new ApiError(400, [message], ['capacity_limit_bytes'])} />);
    const amount = screen.getByRole('textbox', { name: /^Capacity limit/ });
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(amount.getAttribute('aria-describedby') ?? '')?.textContent).toBe(message);
    expect(screen.queryByText(/^Error/)).toBeNull();
  });

  it('writes the errors in Chinese when that locale is chosen', async () => {
    renderWithProviders(<InstanceForm onSubmit={vi.fn()} onCancel={() => undefined} />, { locale: 'zh-CN' });
    await userEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(screen.getByText('名称不能为空。')).toBeTruthy();
  });

  it('takes its length limits from the contract the API validates with', () => {
    renderWithProviders(<InstanceForm onSubmit={vi.fn()} onCancel={() => undefined} />);
    expect(screen.getByRole('textbox', { name: 'Name *' }).getAttribute('maxlength')).toBe(String(INSTANCE_LIMITS.name.maxLength));
    expect(screen.getByRole('textbox', { name: 'Host *' }).getAttribute('maxlength')).toBe(String(INSTANCE_LIMITS.host.maxLength));
    expect(screen.getByRole('textbox', { name: 'Description' }).getAttribute('maxlength')).toBe(String(INSTANCE_LIMITS.description.maxLength));
  });

  it("shows the API's field errors under their fields, not in a banner", () => {
    const error = new ApiError(400, ['host must match the host pattern', 'port must not be greater than 65535'], ['host', 'port']);
    renderWithProviders(<InstanceForm onSubmit={vi.fn()} onCancel={() => undefined} error={error} />);
    const host = screen.getByRole('textbox', { name: /^Host \*/ });
    expect(host.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(host.getAttribute('aria-describedby') ?? '')?.textContent).toBe('host must match the host pattern');
    expect(screen.getByRole('textbox', { name: /^Port/ }).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('port must not be greater than 65535')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: /^Name/ }).getAttribute('aria-invalid')).toBe('false');
    expect(screen.queryByText(/^Error/)).toBeNull();
  });

  it('keeps the banner for an error that names no field of the form', () => {
    renderWithProviders(<InstanceForm onSubmit={vi.fn()} onCancel={() => undefined} error={new ApiError(503, 'the repository database cannot be reached')} />);
    expect(screen.getByRole('alert').textContent).toContain('the repository database cannot be reached');
  });

  describe('tags and owner (admin)', () => {
    beforeEach(() => {
      tokenStorage.save('token', admin);
      apiServer.use(usersAnswer());
    });

    it('sends the typed tags, trimmed and without repeats, and the chosen owner', async () => {
      const onSubmit = vi.fn();
      renderWithProviders(<InstanceForm onSubmit={onSubmit} onCancel={() => undefined} />);
      await userEvent.type(screen.getByRole('textbox', { name: 'Name *' }), 'billing');
      await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Engine *' }), 'postgresql');
      await userEvent.type(screen.getByRole('textbox', { name: 'Host *' }), 'pg.internal');
      await userEvent.type(screen.getByRole('textbox', { name: 'Username *' }), 'monitor');
      await userEvent.type(screen.getByRole('textbox', { name: 'Tags' }), ' prod, eu-west ,, prod');
      const owner = screen.getByRole('combobox', { name: /^Owner/ });
      await screen.findByRole('option', { name: 'alice (viewer)' });
      await userEvent.selectOptions(owner, 'alice (viewer)');
      await userEvent.click(screen.getByRole('button', { name: 'Save' }));

      expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ tags: ['prod', 'eu-west'], owner_id: 4 }));
      expect(apiCalls().filter((call) => call.path === '/api/v1/users')).toHaveLength(1);
    });

    it('shows the stored tags and owner of an instance and clears the owner with "No owner"', async () => {
      const onSubmit = vi.fn();
      const instance = instanceFixture({ tags: ['prod', 'billing'], owner_id: 4 });
      renderWithProviders(<InstanceForm instance={instance} onSubmit={onSubmit} onCancel={() => undefined} />);
      expect((screen.getByRole('textbox', { name: 'Tags' }) as HTMLInputElement).value).toBe('prod, billing');
      await screen.findByRole('option', { name: 'alice (viewer)' });
      const owner = screen.getByRole('combobox', { name: /^Owner/ }) as HTMLSelectElement;
      expect(owner.value).toBe('4');
      await userEvent.selectOptions(owner, '');
      await userEvent.click(screen.getByRole('button', { name: 'Save' }));
      expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ tags: ['prod', 'billing'], owner_id: null }));
    });

    it('refuses more tags than the API takes, quoting the limit', async () => {
      const onSubmit = vi.fn();
      renderWithProviders(<InstanceForm instance={instanceFixture()} onSubmit={onSubmit} onCancel={() => undefined} />);
      const many = Array.from({ length: INSTANCE_LIMITS.tags.maxItems + 1 }, (_, i) => `t${i}`).join(',');
      await userEvent.click(screen.getByRole('textbox', { name: 'Tags' }));
      await userEvent.paste(many);
      await userEvent.click(screen.getByRole('button', { name: 'Save' }));
      expect(screen.getByText(`At most ${INSTANCE_LIMITS.tags.maxItems} tags.`)).toBeTruthy();
      expect(onSubmit).not.toHaveBeenCalled();
    });

    it("puts the API's refusal of the owner under the owner field", async () => {
      const error = new ApiError(400, 'owner_id 99 is not an existing user', ['owner_id']);
      renderWithProviders(<InstanceForm instance={instanceFixture()} onSubmit={vi.fn()} onCancel={() => undefined} error={error} />);
      const owner = screen.getByRole('combobox', { name: /^Owner/ });
      expect(owner.getAttribute('aria-invalid')).toBe('true');
      expect(document.getElementById(owner.getAttribute('aria-describedby') ?? '')?.textContent).toBe('owner_id 99 is not an existing user');
      await screen.findByRole('option', { name: 'alice (viewer)' });
    });
  });

  it('does not ask a viewer session for the users (GET /users is admin only)', () => {
    tokenStorage.save('token', viewer);
    renderWithProviders(<InstanceForm instance={instanceFixture()} onSubmit={vi.fn()} onCancel={() => undefined} />);
    expect(screen.getByRole('combobox', { name: /^Owner/ })).toBeTruthy();
    expect(apiCalls()).toHaveLength(0);
  });
});
