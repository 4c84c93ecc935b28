import type { DataSource } from 'typeorm';
import { createInstance } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { FleetRepository, type SeriesQuery } from './fleet.repository';

/**
 * The top groups of a series ranked by size, against the grouped computation they replace: every group read in the
 * first or the last period, scored by its size in the last (0 when it has none then), ties by key.
 */
const FIRST = '2026-03-01';
const LAST = '2026-03-03';

const DIRECT_TOP = `
  WITH e AS (
    SELECT min(period_start) AS f, max(period_start) AS l FROM database_size_aggregations
    WHERE period_type = 'daily' AND period_start BETWEEN $1::date AND $2::date AND avg_size_bytes IS NOT NULL AND instance_id = ANY($4::int[])
  )
  SELECT instance_id, database_name, coalesce(sum(avg_size_bytes) FILTER (WHERE period_start = e.l), 0)::text AS score
  FROM database_size_aggregations, e
  WHERE period_type = 'daily' AND period_start IN (e.f, e.l) AND avg_size_bytes IS NOT NULL AND instance_id = ANY($4::int[])
  GROUP BY instance_id, database_name
  ORDER BY coalesce(sum(avg_size_bytes) FILTER (WHERE period_start = e.l), 0) DESC, instance_id, database_name COLLATE "C"
  LIMIT $3`;

async function insertRollup(ds: DataSource, instanceId: number, databaseName: string, day: string, size: number): Promise<void> {
  await ds.query(
    `INSERT INTO database_size_aggregations (instance_id, database_name, period_type, period_start, period_end, avg_size_bytes, max_size_bytes, min_size_bytes, data_count)
     VALUES ($1, $2, 'daily', $3::date, $3::date, $4, $4, $4, 1)`,
    [instanceId, databaseName, day, size],
  );
}

describe('fleet series top groups by size', () => {
  let t: TestApp;
  let fleet: FleetRepository;
  let ids: number[];

  beforeAll(async () => {
    t = await createTestApp();
    fleet = t.app.get(FleetRepository);
    const a = (await createInstance(t.dataSource)).id;
    const b = (await createInstance(t.dataSource)).id;
    ids = [a, b];
    // x grows, y and z are read only on the first day, w is 0 on the last day (ties with the first-day-only ones).
    await insertRollup(t.dataSource, a, 'x', FIRST, 100);
    await insertRollup(t.dataSource, a, 'x', LAST, 300);
    await insertRollup(t.dataSource, a, 'y', FIRST, 900);
    await insertRollup(t.dataSource, b, 'z', FIRST, 50);
    await insertRollup(t.dataSource, b, 'w', FIRST, 10);
    await insertRollup(t.dataSource, b, 'w', LAST, 0);
    await insertRollup(t.dataSource, b, 'v', LAST, 300);
  });

  afterAll(() => t?.close());

  const query = (top: number, groupBy: 'database' | 'instance'): SeriesQuery => ({
    measure: 'database_size',
    groupBy,
    rankBy: 'size',
    periodType: 'daily',
    firstStart: FIRST,
    lastStart: LAST,
    top,
    filter: { instanceIds: ids },
  });

  it.each([1, 2, 3, 4, 10])('ranks the databases like the grouped computation, top %i', async (top) => {
    const rows = await fleet.series(query(top, 'database'));
    const groups = rows
      .filter((row) => row.part === 'group')
      .sort((p, q) => Number(p.rank) - Number(q.rank))
      .map((row) => ({ instance_id: row.instance_id, database_name: row.database_name, score: row.size_bytes }));
    expect(groups).toEqual(await t.dataSource.query(DIRECT_TOP, [FIRST, LAST, top, ids]));
  });

  it('still sums an instance group over its databases (several rows per group and period)', async () => {
    const rows = await fleet.series(query(10, 'instance'));
    const groups = rows.filter((row) => row.part === 'group').map((row) => [row.instance_id, row.size_bytes]);
    expect(groups).toEqual([
      [ids[0], '300'],
      [ids[1], '300'],
    ]);
  });
});
