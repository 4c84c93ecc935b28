import type { SizeSource } from '@capacity/contracts';
import { screen, within } from '@testing-library/react';
import type { LatestDatabaseSizeResponse } from '../../../lib/api-types';
import { renderWithProviders } from '../../../testing/render';
import { DatabasesTable } from './databases-table';

const MIB = 1024 * 1024;

const row = (database_name: string, size_bytes: number | null, size_source: SizeSource | null): LatestDatabaseSizeResponse => ({
  database_name,
  size_bytes,
  size_mb: size_bytes === null ? null : size_bytes / MIB,
  size_source,
  data_size_bytes: size_bytes,
  data_size_mb: size_bytes === null ? null : size_bytes / MIB,
  log_size_bytes: null,
  log_size_mb: null,
  collected_date: '2026-03-10',
  collected_at: '2026-03-10T03:00:00Z',
});

describe('DatabasesTable', () => {
  it('marks statistics readings as estimates and shows files readings plainly', () => {
    renderWithProviders(<DatabasesTable rows={[row('exact', 30 * MIB, 'files'), row('guess', 10 * MIB, 'statistics')]} changes={new Map()} />);
    const guess = screen.getByTestId('database-row-guess');
    expect(within(guess).getByTestId('size-estimate').textContent).toContain('estimate');
    expect(within(guess).getByTestId('size-estimate').getAttribute('title')).toContain('PROCESS');
    expect(within(screen.getByTestId('database-row-exact')).queryByTestId('size-estimate')).toBeNull();
    expect(screen.getByTestId('databases-total').textContent).toContain('40 MB');
  });

  it('shows an unreadable size as unknown with the reason, never 0, and leaves the total unknown', () => {
    renderWithProviders(<DatabasesTable rows={[row('seen', 30 * MIB, 'files'), row('hidden', null, null)]} changes={new Map()} />);
    const hidden = screen.getByTestId('database-row-hidden');
    expect(within(hidden).getByTestId('size-unknown').textContent).toContain('unknown');
    expect(within(hidden).getByTestId('size-unknown').getAttribute('title')).toContain('not its tables');
    expect(hidden.textContent).not.toMatch(/\b0 B\b/);
    expect(screen.getByTestId('databases-total').textContent).toContain('unknown');
  });
});
