import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PartitionCleanupResult, PartitionInfo, PartitionStatusResponse } from '../../../lib/api-types';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { errorBody } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { PartitionsPage } from './partitions-page';

const status: PartitionStatusResponse = {
  tables: [
    {
      table: 'database_size_stats',
      partitions: [
        { table: 'database_size_stats', name: 'database_size_stats_2026_11', range_from: '2026-11-01', range_to: '2026-12-01', row_count: 42, row_count_estimated: false, total_bytes: 8192, is_default: false },
      ],
      partition_count: 1,
      total_bytes: 8192,
      default_rows: 0,
      healthy: false,
      findings: [{ kind: 'missing_future', message: 'no partition for 2026-12', month: '2026-12' }],
    },
  ],
  healthy: false,
  current_month: '2026-11',
  premake_months: 1,
  retention_months: 12,
  checked_at: '2026-11-28T03:00:00Z',
};

const cleanupResult = (dry_run: boolean): PartitionCleanupResult => ({
  session_id: 's',
  dry_run,
  retention_months: 12,
  keep_from: '2025-12',
  archive_enabled: true,
  would_drop: [{ table: 'database_size_stats', name: 'database_size_stats_2025_10', month: '2025-10' }],
  dropped: dry_run ? [] : [{ table: 'database_size_stats', name: 'database_size_stats_2025_10', month: '2025-10' }],
  archived: [],
  skipped: [],
  message: null,
});

const statusAnswer = http.get('/api/v1/partitions/status', ({ response }) => response(200).json(status));
const partitionsAnswer = (data: PartitionInfo[]) => http.get('/api/v1/partitions', ({ response }) => response(200).json({ data }));

describe('PartitionsPage', () => {
  it('shows the table cards with health and the partition list', async () => {
    apiServer.use(statusAnswer, partitionsAnswer(status.tables[0].partitions));
    renderWithProviders(<PartitionsPage />);
    const card = await screen.findByTestId('partition-card-database_size_stats');
    expect(within(card).getByText('needs attention')).toBeTruthy();
    expect(within(card).getByText('no partition for 2026-12')).toBeTruthy();
    const table = await screen.findByTestId('partitions-table');
    expect(within(table).getByText('database_size_stats_2026_11')).toBeTruthy();
    expect(within(table).getByText('8 KB')).toBeTruthy();
    expect(screen.getByTestId('partitions-chart')).toBeTruthy();
  });

  it('previews the future partitions, then creates them on confirmation', async () => {
    apiServer.use(
      statusAnswer,
      partitionsAnswer([]),
      http.post('/api/v1/partitions/create', ({ response }) =>
        response(201).json({
          session_id: 's',
          created: [{ table: 'database_size_stats', name: 'database_size_stats_2026_12', month: '2026-12' }],
          existing: [],
          moved: [],
          failed: [],
        }),
      ),
    );
    renderWithProviders(<PartitionsPage />);
    await userEvent.click(await screen.findByTestId('partitions-create'));
    const preview = screen.getByTestId('partitions-create-preview');
    expect(within(preview).getByText('2026-11').closest('tr')?.textContent).toContain('exists');
    expect(within(preview).getByText('2026-12').closest('tr')?.textContent).toContain('will be created');
    expect(apiCalls().some((c) => c.method === 'POST')).toBe(false);

    await userEvent.click(screen.getByTestId('partitions-create-confirm'));
    expect(await screen.findByTestId('partitions-created')).toBeTruthy();
    expect(apiCalls().find((c) => c.method === 'POST')?.body).toEqual({ future_months: 1 });
  });

  it('runs the cleanup as a dry run first and drops only after confirmation', async () => {
    apiServer.use(
      statusAnswer,
      partitionsAnswer([]),
      http.post('/api/v1/partitions/cleanup', async ({ request, response }) => {
        const { dry_run } = await request.json();
        return response(200).json(cleanupResult(dry_run ?? false));
      }),
    );
    renderWithProviders(<PartitionsPage />);
    await userEvent.click(await screen.findByTestId('partitions-cleanup'));
    const preview = await screen.findByTestId('partitions-cleanup-preview');
    expect(within(preview).getByText('database_size_stats_2025_10')).toBeTruthy();
    const posts = () => apiCalls().filter((c) => c.method === 'POST').map((c) => c.body);
    expect(posts()).toEqual([{ retention_months: 12, dry_run: true, drop_without_archive: false }]);

    await userEvent.click(screen.getByTestId('partitions-cleanup-confirm'));
    await screen.findByTestId('partitions-dropped');
    await waitFor(() =>
      expect(posts()).toEqual([
        { retention_months: 12, dry_run: true, drop_without_archive: false },
        { retention_months: 12, dry_run: false, drop_without_archive: false },
      ]),
    );
  });

  it('shows the API message when the status cannot be read', async () => {
    apiServer.use(
      http.get('/api/v1/partitions/status', ({ response }) => response(403).json(errorBody(403, 'Forbidden', 'admin role required'))),
    );
    renderWithProviders(<PartitionsPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('admin role required');
  });
});
