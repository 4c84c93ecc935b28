import type { CapacityItemResponse } from '../lib/api-types';
import { http } from './api-server';
import { pagination } from './fixtures';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const mb = (bytes: number | null) => (bytes === null ? null : Math.round((bytes / MIB) * 100) / 100);

/**
 * A forecast row: by default database `orders` of instance 3 (pg1), 30 GiB of a configured 100 GiB limit, growing
 * 1 GiB a day over 30 points: full in 70 days. Sizes in bytes; the `_mb` figures follow from them.
 */
export function capacityItem(overrides: Partial<CapacityItemResponse> = {}): CapacityItemResponse {
  const item: CapacityItemResponse = {
    instance: { id: 3, name: 'pg1', db_type: 'postgresql' },
    database_name: 'orders',
    size_bytes: 30 * GIB,
    size_mb: null,
    last_date: '2026-11-30',
    limit_bytes: 100 * GIB,
    limit_mb: null,
    limit_source: 'configured',
    configured_limit_bytes: 100 * GIB,
    engine_limit_bytes: null,
    used_percent: 30,
    points: 30,
    growth_bytes_per_day: GIB,
    growth_mb_per_day: null,
    days_to_full: 70,
    days_to_full_early: 62.5,
    days_to_full_late: 80.1,
    full_date: '2027-02-08',
    status: 'ok',
    ...overrides,
  };
  return { ...item, size_mb: mb(item.size_bytes), limit_mb: mb(item.limit_bytes), growth_mb_per_day: mb(item.growth_bytes_per_day) };
}

/** A row without a forecast for `status` (no limit, too little history, not growing). */
export function unforecastItem(status: 'not_enough_history' | 'not_growing' | 'no_limit', overrides: Partial<CapacityItemResponse> = {}): CapacityItemResponse {
  const noLimit = status === 'no_limit' ? { limit_bytes: null, limit_source: null, configured_limit_bytes: null, used_percent: null } : {};
  const history = status === 'not_enough_history' ? { points: 5, growth_bytes_per_day: null } : {};
  const flat = status === 'not_growing' ? { growth_bytes_per_day: -MIB } : {};
  return capacityItem({
    status, days_to_full: null, days_to_full_early: null, days_to_full_late: null, full_date: null, ...noLimit, ...history, ...flat, ...overrides,
  });
}

/** No readings yet: the capacity of any instance answers its instance row without a size, no databases, no limit changes. */
export const noCapacityReadings = [
  http.get('/api/v1/instances/{id}/capacity', ({ params, response }) =>
    response(200).json({
      instance: unforecastItem('not_enough_history', {
        instance: { id: Number(params.id), name: 'pg1', db_type: 'postgresql' }, database_name: null, size_bytes: null, last_date: null, points: 0,
        limit_bytes: null, limit_source: null, configured_limit_bytes: null, used_percent: null,
      }),
      databases: [],
      pagination: pagination(0),
    }),
  ),
  http.get('/api/v1/instances/{id}/limit-changes', ({ response }) => response(200).json({ data: [], pagination: pagination(0) })),
];

/**
 * The fleet's capacity rows as GET /fleet/capacity sorts them (days to full, nulls last): `instances` PostgreSQL
 * instances `fleet-0001`…, at level=database two databases each. Instance n fills in n days; every tenth has no limit.
 */
export function fleetCapacityRows(instances: number, level: 'instance' | 'database'): CapacityItemResponse[] {
  const rows: CapacityItemResponse[] = [];
  for (let n = 1; n <= instances; n++) {
    const instance = { id: n, name: `fleet-${String(n).padStart(4, '0')}`, db_type: 'postgresql' as const };
    for (const database of level === 'instance' ? [null] : ['db_1', 'db_2']) {
      const days = database === 'db_2' ? n + 0.5 : n;
      rows.push(
        n % 10 === 0
          ? unforecastItem('no_limit', { instance, database_name: database })
          : capacityItem({ instance, database_name: database, days_to_full: days, days_to_full_early: days - 0.5, days_to_full_late: days + 1 }),
      );
    }
  }
  const order = (item: CapacityItemResponse) => item.days_to_full ?? Number.POSITIVE_INFINITY;
  return rows.sort((a, b) => order(a) - order(b) || a.instance.id - b.instance.id);
}
