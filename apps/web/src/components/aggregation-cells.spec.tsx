import { screen } from '@testing-library/react';
import type { AggregationItem } from '../lib/api-types';
import { renderWithProviders } from '../testing/render';
import { AggregationCells, useAggregationColumns } from './aggregation-cells';
import { DataTable } from './data-table';

const item = (period_end: string, size_change_mb: number | null): AggregationItem => ({
  instance: { id: 1, name: 'pg1', db_type: 'postgresql' },
  database_name: 'app',
  period_type: 'weekly',
  period_start: '2026-11-02',
  period_end,
  statistics: {
    avg_size_mb: 10,
    max_size_mb: 12,
    min_size_mb: 8,
    avg_data_size_mb: null,
    max_data_size_mb: null,
    min_data_size_mb: null,
    avg_log_size_mb: null,
    max_log_size_mb: null,
    min_log_size_mb: null,
    data_count: 7,
    size_change_mb,
    size_change_percent: 25,
    growth_rate: null,
  },
  calculated_at: '2026-11-09T00:00:00Z',
});

function Table({ items }: { items: AggregationItem[] }) {
  const columns = useAggregationColumns();
  return (
    <DataTable testId="t" columns={columns}>
      {items.map((i) => (
        <tr key={i.period_end}>
          <AggregationCells item={i} />
        </tr>
      ))}
    </DataTable>
  );
}

describe('AggregationCells', () => {
  it('renders one cell per column: the period, then the figures', () => {
    renderWithProviders(<Table items={[item('2026-11-08', 2), item('2026-11-02', null)]} />);
    const table = screen.getByTestId('t');
    const headers = table.querySelectorAll('th');
    const [spanning, single] = [...table.querySelectorAll('tbody tr')];
    expect(spanning?.querySelectorAll('td')).toHaveLength(headers.length);
    expect(spanning?.querySelector('td')?.textContent).toContain('–');
    expect(single?.querySelector('td')?.textContent).not.toContain('–');
    expect(single?.querySelectorAll('td')[4]?.textContent).toBe('—');
    expect(spanning?.querySelectorAll('td')[4]?.textContent).not.toBe('—');
  });
});
