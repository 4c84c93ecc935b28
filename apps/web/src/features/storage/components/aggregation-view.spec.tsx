import { screen, within } from '@testing-library/react';
import type { AggregationItem } from '../../../lib/api-types';
import { apiCalls, apiServer, http } from '../../../testing/api-server';
import { instanceFixture } from '../../../testing/fixtures';
import { renderWithProviders } from '../../../testing/render';
import { AggregationView } from './aggregation-view';

const instance = instanceFixture({ id: 3 });

function row(database_name: string, period_start: string, avg_size_mb: number): AggregationItem {
  return {
    instance: { id: 3, name: 'pg1', db_type: 'postgresql' },
    database_name,
    period_type: 'daily',
    period_start,
    period_end: period_start,
    statistics: {
      avg_size_mb, max_size_mb: avg_size_mb, min_size_mb: avg_size_mb,
      avg_data_size_mb: null, max_data_size_mb: null, min_data_size_mb: null,
      avg_log_size_mb: null, max_log_size_mb: null, min_log_size_mb: null,
      data_count: 1, size_change_mb: null, size_change_percent: null, growth_rate: null,
    },
    calculated_at: '2026-11-30T05:00:00Z',
  };
}

/** The instance's rows served one a page: page n holds database `db_n`. */
function serveAggregationPages(pages: number) {
  apiServer.use(
    http.get('/api/v1/instances/{id}/database-sizes/aggregations', ({ query, response }) => {
      const page = Number(query.get('page'));
      return response(200).json({
        data: [row(`db_${page}`, '2026-11-01', page)],
        pagination: { page, pages, per_page: Number(query.get('per_page')), total: pages, has_next: page < pages, has_prev: page > 1 },
      });
    }),
  );
}

const pagesAsked = () =>
  apiCalls()
    .filter((c) => c.path === '/api/v1/instances/3/database-sizes/aggregations')
    .map((c) => [c.query.get('page'), c.query.get('per_page')]);

describe('AggregationView', () => {
  it('reads every page of the instance rows, so the chart and the table miss no database and no early day', async () => {
    serveAggregationPages(3);
    renderWithProviders(<AggregationView instance={instance} />);
    const table = await screen.findByTestId('aggregations-table');
    expect(within(table).getAllByRole('row').slice(1).map((tr) => tr.firstElementChild?.textContent)).toEqual(['db_3', 'db_2', 'db_1']);
    expect(pagesAsked().sort()).toEqual([['1', '500'], ['2', '500'], ['3', '500']]);
    expect(screen.queryByTestId('aggregation-chart-partial')).toBeNull();
  });

  it('says how much it shows when the rows are more than a chart reads', async () => {
    serveAggregationPages(30);
    renderWithProviders(<AggregationView instance={instance} />);
    expect((await screen.findByTestId('aggregation-chart-partial')).textContent).toBe(
      'The chart shows 20 of 30 rows: narrow the range or the filters to see all of them.',
    );
    expect(pagesAsked()).toHaveLength(20);
  });
});
