import { screen } from '@testing-library/react';
import { AppSettingsProvider } from '../../../lib/app-settings';
import type { LatestDatabaseSizeResponse } from '../../../lib/api-types';
import { setCalendarTimeZone } from '../../../lib/dates';
import { http, apiServer } from '../../../testing/api-server';
import { renderWithProviders } from '../../../testing/render';
import { DatabasesTable } from './databases-table';

// Collected at 17:30 UTC on Jan 1: 01:30 on Jan 2 in Shanghai, the day the API (APP_TIMEZONE) files it under.
const reading: LatestDatabaseSizeResponse = {
  database_name: 'orders',
  size_bytes: 1024,
  size_mb: 0,
  size_source: 'files',
  data_size_bytes: 1024,
  data_size_mb: 0,
  log_size_bytes: null,
  log_size_mb: null,
  collected_date: '2026-01-02',
  collected_at: '2026-01-01T17:30:00Z',
};

const originalTz = process.env.TZ;

afterEach(() => {
  process.env.TZ = originalTz;
  setCalendarTimeZone(undefined);
});

describe('DatabasesTable in the API time zone', () => {
  it('shows the collection time on the day the reading is filed under, with the zone, whatever the browser zone', async () => {
    process.env.TZ = 'UTC';
    apiServer.use(
      http.get('/api/v1/settings', ({ response }) => response(200).json({ time_zone: 'Asia/Shanghai', today: '2026-01-02', server_time: '2026-01-01T17:30:00Z' })),
    );
    renderWithProviders(
      <AppSettingsProvider>
        <DatabasesTable rows={[reading]} changes={new Map()} />
      </AppSettingsProvider>,
    );
    expect((await screen.findByTestId('database-row-orders')).textContent).toContain('Jan 2, 2026, 1:30 AM Asia/Shanghai');
  });
});
