import type { InstanceResponse } from '@capacity/contracts';
import { screen } from '@testing-library/react';
import { tokenStorage } from '../../../lib/token-storage';
import { mockApi, pagination } from '../../../testing/mock-api';
import { renderWithProviders } from '../../../testing/render';
import { InstancesPage } from './instances-page';

const instance = {
  id: 5, name: 'pg1', db_type: 'postgresql', host: 'db', port: 5432, username: 'u', database_name: null, is_active: true,
  tags: [], owner_id: 2, description: null, has_password: false, created_at: '', updated_at: '',
  latest_total_size_bytes: null, latest_total_size_mb: null, database_count: null, last_collected_at: null, last_collection_status: null,
} satisfies InstanceResponse;

const signInAs = (role: 'admin' | 'viewer') =>
  tokenStorage.save('token', { id: 2, username: role, role, created_at: '2026-11-01T00:00:00Z', updated_at: '2026-11-01T00:00:00Z' });

describe('InstancesPage', () => {
  beforeEach(() => {
    mockApi({ 'GET /instances': { body: { data: [instance], pagination: pagination(1) } } });
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
});
