import { screen, within } from '@testing-library/react';
import type { CollectorResponse } from '../../../lib/api-types';
import { tokenStorage } from '../../../lib/token-storage';
import { apiServer, http } from '../../../testing/api-server';
import { errorBody, userFixture } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { CollectorsPage } from './collectors-page';

const collector = (overrides: Partial<CollectorResponse>): CollectorResponse => ({
  id: '00000000-0000-4000-8000-000000000001',
  host: 'api-1',
  pid: 101,
  role: 'all',
  zones: ['default'],
  concurrency: 8,
  started_at: '2026-12-03T10:00:00Z',
  last_heartbeat_at: '2026-12-03T10:05:00Z',
  jobs_done: 120,
  ...overrides,
});

describe('CollectorsPage', () => {
  beforeEach(() => tokenStorage.save('token', userFixture({ role: 'admin' })));

  it('lists the live collectors with their role, zones and jobs done', async () => {
    const east = collector({ id: '00000000-0000-4000-8000-000000000002', host: 'dc-east-1', pid: 202, role: 'collector', zones: ['dc-east', 'dc-north'], jobs_done: 7 });
    apiServer.use(http.get('/api/v1/collectors', ({ response }) => response(200).json({ data: [collector({}), east] })));
    renderWithProviders(<CollectorsPage />);
    const row = await screen.findByTestId(`collector-row-${east.id}`);
    expect(within(row).getByText('dc-east-1')).toBeTruthy();
    expect(within(row).getByText('collector only')).toBeTruthy();
    expect(within(row).getByText('dc-east, dc-north')).toBeTruthy();
    expect(within(row).getByText('7')).toBeTruthy();
    expect(within(screen.getByTestId(`collector-row-${collector({}).id}`)).getByText('API and collector')).toBeTruthy();
  });

  it('says so when no collector is live', async () => {
    apiServer.use(http.get('/api/v1/collectors', ({ response }) => response(200).json({ data: [] })));
    renderWithProviders(<CollectorsPage />);
    expect(await screen.findByText('No live collector: collection runs wait until one starts.')).toBeTruthy();
  });

  it('shows the error of a failed load', async () => {
    apiServer.use(http.get('/api/v1/collectors', ({ response }) => response(403).json(errorBody(403, 'Forbidden', 'admin role required'))));
    renderWithProviders(<CollectorsPage />);
    expect(await screen.findByRole('alert')).toBeTruthy();
  });
});
