import { addDays, addMonths, currentMonthIn, firstDayOf, STATS_TABLES, utcCalendarDate } from '@capacity/contracts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AggregationService } from '../aggregation/aggregation.service';
import { PartitionRepository } from '../partition/partition.repository';
import { createInstance, insertDatabaseStats, insertInstanceStats, type DatabaseStatRow, type InstanceStatRow } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { partitionPresent } from './testing/archive-fixtures';

const MiB = 1024 * 1024;

/**
 * End to end: the real history and aggregation endpoints answer the same, field by field, before and after the
 * months past retention are archived to Parquet and dropped, and again after one of them is restored.
 */
describe('history endpoints across the hot/cold boundary (real archive, real endpoints)', () => {
  let t: TestApp;
  let archiveDir: string;
  let ids: number[];
  let viewerToken: string;
  const current = currentMonthIn('UTC');
  const oldMonths = [-15, -14, -13].map((offset) => addMonths(current, offset));
  const start = firstDayOf(oldMonths[0]);
  const today = utcCalendarDate(new Date());
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    archiveDir = await mkdtemp(join(tmpdir(), 'capacity-archive-history-'));
    t = await createTestApp({ ARCHIVE_DIR: archiveDir, RETENTION_MONTHS: '12' });
    const viewer = await t.loginAs('viewer');
    viewerToken = viewer.token;
    ids = [(await createInstance(t.dataSource, { name: 'alpha', owner_id: viewer.id })).id, (await createInstance(t.dataSource, { name: 'beta', db_type: 'mysql' })).id];
    const partitions = t.app.get(PartitionRepository);
    for (const month of [...oldMonths, addMonths(current, -1)]) for (const table of STATS_TABLES) await partitions.createMonthPartition(table, month);

    // Daily readings over the three old months, and the previous and current month (hot).
    const days: string[] = [];
    for (let day = start; day < firstDayOf(addMonths(oldMonths[2], 1)); day = addDays(day, 1)) days.push(day);
    for (let day = firstDayOf(addMonths(current, -1)); day <= today; day = addDays(day, 1)) days.push(day);
    const stats: DatabaseStatRow[] = [];
    const instances: InstanceStatRow[] = [];
    for (const [dayIndex, date] of days.entries()) {
      for (const [index, id] of ids.entries()) {
        const names = index === 0 ? ['app', 'Audit', 'logs'] : ['app', 'ledger'];
        let total = 0;
        for (const [n, name] of names.entries()) {
          if (name === 'ledger' && dayIndex % 5 === 2) continue;
          const size = (200 + n * 50 + index * 11) * MiB + dayIndex * (n + 1) * 54321 + ((dayIndex * 7919) % 4096);
          total += size;
          stats.push({ instanceId: id, databaseName: name, date, sizeBytes: size, dataSizeBytes: name === 'app' ? null : size - 2 * MiB, logSizeBytes: n === 1 ? 3 * MiB : null });
        }
        instances.push({ instanceId: id, date, totalSizeBytes: total, databaseCount: names.length });
      }
    }
    await insertDatabaseStats(t.dataSource, stats);
    await insertInstanceStats(t.dataSource, instances);
    await t.app.get(AggregationService).recomputeRange(start, today);
  });

  afterAll(async () => {
    await t?.close();
    await rm(archiveDir, { recursive: true, force: true });
  });

  const requests = (): { name: string; path: string; token?: () => string }[] => {
    const [alpha, beta] = ids;
    const mid = addDays(firstDayOf(oldMonths[1]), 9);
    return [
      { name: 'database sizes from the first archived day to today', path: `/api/v1/instances/${alpha}/database-sizes?start_date=${start}&end_date=${today}` },
      { name: 'database sizes of one database, archived range only', path: `/api/v1/instances/${beta}/database-sizes?start_date=${start}&end_date=${mid}&database_name=ledger` },
      { name: 'daily aggregations, a page inside the archive', path: `/api/v1/instances/${alpha}/database-sizes/aggregations?period_type=daily&start_date=${start}&end_date=${today}&page=4&per_page=37` },
      { name: 'weekly aggregations across the boundary', path: `/api/v1/instances/${beta}/database-sizes/aggregations?period_type=weekly&start_date=${start}&end_date=${today}&per_page=500` },
      { name: 'monthly aggregations of one database', path: `/api/v1/instances/${alpha}/database-sizes/aggregations?period_type=monthly&database_name=Audit&per_page=100` },
      { name: 'quarterly aggregations', path: `/api/v1/instances/${beta}/database-sizes/aggregations?period_type=quarterly` },
      { name: 'monthly trends over 18 months', path: `/api/v1/instances/${alpha}/database-sizes/trends?period_type=monthly&months=18` },
      { name: 'weekly trends over 18 months', path: `/api/v1/instances/${beta}/database-sizes/trends?period_type=weekly&months=18` },
      { name: 'forecast', path: `/api/v1/instances/${alpha}/database-sizes/forecast` },
      { name: 'cross-instance daily aggregations, page 3', path: `/api/v1/aggregations?period_type=daily&start_date=${start}&end_date=${today}&page=3&per_page=40` },
      { name: 'cross-instance by db type and archived dates', path: `/api/v1/aggregations?db_type=mysql&start_date=${start}&end_date=${mid}&per_page=500` },
      { name: 'cross-instance as a viewer', path: `/api/v1/aggregations?period_type=monthly&per_page=100`, token: () => viewerToken },
      { name: 'aggregation summary', path: `/api/v1/aggregations/summary` },
    ];
  };

  async function answers(): Promise<Map<string, unknown>> {
    const result = new Map<string, unknown>();
    for (const request of requests()) {
      const response = await t.http.get(request.path).set(auth(request.token?.() ?? t.adminToken));
      expect(response.status, `${request.name}: ${JSON.stringify(response.body)}`).toBe(200);
      result.set(request.name, response.body);
    }
    return result;
  }

  it('answers every history and aggregation request the same after the old months are archived, and after a restore', async () => {
    const before = await answers();
    // The requests do reach into the months that will be archived.
    const sizes = before.get('database sizes from the first archived day to today') as { data: { stats: { collected_date: string }[] }[] };
    expect(sizes.data[0].stats[0].collected_date).toBe(start);

    const run = await t.http.post('/api/v1/archive/run').set(auth(t.adminToken)).send({}).expect(200);
    expect(run.body.dropped).toHaveLength(oldMonths.length * STATS_TABLES.length);
    for (const month of oldMonths) for (const table of STATS_TABLES) expect(await partitionPresent(t.dataSource, table, month)).toBe(false);

    const afterArchive = await answers();
    for (const request of requests()) expect(afterArchive.get(request.name), request.name).toEqual(before.get(request.name));

    await t.http.post('/api/v1/archive/restore').set(auth(t.adminToken)).send({ table: 'database_size_stats', month: oldMonths[1] }).expect(200);
    await t.http.post('/api/v1/archive/restore').set(auth(t.adminToken)).send({ table: 'database_size_aggregations', month: oldMonths[0] }).expect(200);
    const afterRestore = await answers();
    for (const request of requests()) expect(afterRestore.get(request.name), request.name).toEqual(before.get(request.name));
  });
});
