import { http } from './api-server';
import { pagination } from './fixtures';
import { fleetSeriesFixture } from './fleet-fixtures';

/** A fleet with nothing read yet: what the Fleet page asks, answered empty (for specs that only pass through it). */
export const emptyFleetHandlers = () => [
  http.get('/api/v1/aggregations/summary', ({ response }) =>
    response(200).json({
      data: { total_instances: 0, total_databases: 0, total_size_mb: 0, unsized_instances: 0, latest_date: null, growth_30d_mb: null, growth_30d_percent: null },
    }),
  ),
  http.get('/api/v1/fleet/series', ({ response }) => response(200).json({ data: fleetSeriesFixture([], {}) })),
  http.get('/api/v1/fleet/rankings', ({ response }) => response(200).json({ data: [], pagination: pagination(0) })),
  http.get('/api/v1/fleet/changes', ({ response }) => response(200).json({ data: [], pagination: pagination(0) })),
  http.get('/api/v1/fleet/capacity', ({ response }) => response(200).json({ data: [], pagination: pagination(0) })),
];
