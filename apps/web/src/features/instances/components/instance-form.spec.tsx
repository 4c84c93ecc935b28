import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { INSTANCE_LIMITS } from '@capacity/contracts';
import { vi } from 'vitest';
import { ApiError } from '../../../lib/api-error';
import { renderWithProviders } from '../../../testing/render';
import { InstanceForm } from './instance-form';

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
    });
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
});
