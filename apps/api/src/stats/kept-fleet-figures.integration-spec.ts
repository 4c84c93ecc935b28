import { addDays, addMonths, currentMonthIn, firstDayOf, STATS_TABLES, todayIn } from '@capacity/contracts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AggregationService } from '../aggregation/aggregation.service';
import { HistoryRepository, type SummaryFigures } from '../history/history.repository';
import { PartitionRepository } from '../partition/partition.repository';
import { createInstance } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { StatsRepository, type InstanceReading } from './stats.repository';

/**
 * The kept fleet figures (migration 1764900005000) against a direct computation from the statistics tables, after
 * each kind of write: collections (new days, a repeated day, an older day, an unknown total), aggregation runs,
 * an instance deleted, a month archived (partition dropped) and restored.
 */

// The latest reading per instance and the base of its 30-day growth, as GET /aggregations/summary computed them
// before the kept table (a sort of every reading, then one look-up per instance).
const DIRECT_LATEST = `
  WITH latest AS (
    SELECT DISTINCT ON (instance_id) instance_id, collected_date, collected_at, total_size_bytes, data_size_bytes, log_size_bytes, database_count
    FROM instance_size_stats ORDER BY instance_id, collected_date DESC
  )
  SELECT l.instance_id, to_char(l.collected_date, 'YYYY-MM-DD') AS collected_date, l.collected_at, l.total_size_bytes, l.data_size_bytes,
         l.log_size_bytes, l.database_count, to_char(b.collected_date, 'YYYY-MM-DD') AS base_collected_date, b.total_size_bytes AS base_total_size_bytes
  FROM latest l
  LEFT JOIN LATERAL (
    SELECT s.collected_date, s.total_size_bytes FROM instance_size_stats s
    WHERE s.instance_id = l.instance_id AND s.collected_date <= l.collected_date - 30 AND s.total_size_bytes IS NOT NULL
    ORDER BY s.collected_date DESC LIMIT 1
  ) b ON true
  ORDER BY l.instance_id`;

const KEPT_LATEST = `
  SELECT instance_id, to_char(collected_date, 'YYYY-MM-DD') AS collected_date, collected_at, total_size_bytes, data_size_bytes,
         log_size_bytes, database_count, to_char(base_collected_date, 'YYYY-MM-DD') AS base_collected_date, base_total_size_bytes
  FROM instance_latest_stats ORDER BY instance_id`;

const DIRECT_SUMS = `
  SELECT instance_id, period_type, to_char(period_start, 'YYYY-MM-DD') AS period_start, sum(avg_size_bytes)::bigint AS avg_size_bytes, count(*)::int AS database_count
  FROM database_size_aggregations WHERE avg_size_bytes IS NOT NULL
  GROUP BY instance_id, period_type, period_start ORDER BY instance_id, period_type, period_start`;

const KEPT_SUMS = `
  SELECT instance_id, period_type, to_char(period_start, 'YYYY-MM-DD') AS period_start, avg_size_bytes, database_count
  FROM database_size_period_sums ORDER BY instance_id, period_type, period_start`;

// The summary's figures exactly as the statement before the kept table computed them (for every instance).
const DIRECT_SUMMARY = `
  WITH latest AS (
    SELECT DISTINCT ON (instance_id) instance_id, total_size_bytes, database_count, collected_date
    FROM instance_size_stats ORDER BY instance_id, collected_date DESC
  ), base AS (
    SELECT l.instance_id, b.total_size_bytes FROM latest l
    CROSS JOIN LATERAL (
      SELECT s.total_size_bytes FROM instance_size_stats s
      WHERE s.instance_id = l.instance_id AND s.collected_date <= l.collected_date - 30 AND s.total_size_bytes IS NOT NULL
      ORDER BY s.collected_date DESC LIMIT 1
    ) b
  )
  SELECT (SELECT count(*) FROM instances) AS total_instances,
         coalesce(sum(l.database_count), 0) AS total_databases,
         coalesce(sum(l.total_size_bytes), 0) AS total_size_bytes,
         count(*) FILTER (WHERE l.total_size_bytes IS NULL) AS unsized_instances,
         to_char(max(l.collected_date), 'YYYY-MM-DD') AS latest_date,
         sum(l.total_size_bytes) FILTER (WHERE b.instance_id IS NOT NULL AND l.total_size_bytes IS NOT NULL) AS size_now_with_base_bytes,
         sum(b.total_size_bytes) FILTER (WHERE l.total_size_bytes IS NOT NULL) AS base_size_bytes
  FROM latest l LEFT JOIN base b ON b.instance_id = l.instance_id`;

async function directSummary(ds: DataSource): Promise<SummaryFigures> {
  const [row]: Record<string, string | null>[] = await ds.query(DIRECT_SUMMARY);
  const n = (value: string | null) => (value === null ? null : Number(value));
  return {
    total_instances: Number(row.total_instances),
    total_databases: Number(row.total_databases),
    total_size_bytes: Number(row.total_size_bytes),
    unsized_instances: Number(row.unsized_instances),
    latest_date: row.latest_date,
    size_now_with_base_bytes: n(row.size_now_with_base_bytes),
    base_size_bytes: n(row.base_size_bytes),
  };
}

/** A reading of `databases` databases of `size` bytes each (null: one database's size unknown). */
function reading(instanceId: number, date: string, size: number | null, databases = 3): InstanceReading {
  const sizes = Array.from({ length: databases }, (_, k) => (size === null && k === 0 ? null : (size ?? 1000) + k));
  return {
    instanceId,
    collectedDate: date,
    collectedAt: new Date(`${date}T03:00:00Z`),
    databases: sizes.map((sizeBytes, k) => ({ name: `db_${k}`, sizeBytes, dataSizeBytes: sizeBytes, logSizeBytes: null, sizeSource: sizeBytes === null ? null : 'files' })),
    totalSizeBytes: sizes.some((s) => s === null) ? null : sizes.reduce<number>((total, s) => total + (s ?? 0), 0),
    dataSizeBytes: null,
    logSizeBytes: null,
  };
}

describe('kept fleet figures', () => {
  let t: TestApp;
  let ds: DataSource;
  let stats: StatsRepository;
  let aggregation: AggregationService;
  let history: HistoryRepository;
  let archiveDir: string;
  const today = todayIn('UTC');
  const oldMonth = addMonths(currentMonthIn('UTC'), -14);
  const oldDay = addDays(firstDayOf(oldMonth), 4);
  const ids: Record<'steady' | 'gappy' | 'unsized' | 'old' | 'gone', number> = { steady: 0, gappy: 0, unsized: 0, old: 0, gone: 0 };
  const auth = () => ({ Authorization: `Bearer ${t.adminToken}` });

  async function expectKeptEqualsDirect(): Promise<void> {
    expect(await ds.query(KEPT_LATEST)).toEqual(await ds.query(DIRECT_LATEST));
    expect(await ds.query(KEPT_SUMS)).toEqual(await ds.query(DIRECT_SUMS));
    expect(await history.summary(null)).toEqual(await directSummary(ds));
  }

  beforeAll(async () => {
    archiveDir = await mkdtemp(join(tmpdir(), 'capacity-kept-'));
    t = await createTestApp({ ARCHIVE_DIR: archiveDir, RETENTION_MONTHS: '12', DUCKDB_MEMORY_LIMIT: '128MB' });
    ds = t.dataSource;
    stats = t.app.get(StatsRepository);
    aggregation = t.app.get(AggregationService);
    history = t.app.get(HistoryRepository);
    for (const key of Object.keys(ids) as (keyof typeof ids)[]) ids[key] = (await createInstance(ds)).id;
    const partitions = t.app.get(PartitionRepository);
    for (const table of STATS_TABLES) await partitions.createMonthPartition(table, oldMonth);
  });

  afterAll(async () => {
    await t?.close();
    await rm(archiveDir, { recursive: true, force: true });
  });

  it('starts empty and equal', async () => {
    expect(await ds.query(KEPT_LATEST)).toEqual([]);
    await expectKeptEqualsDirect();
  });

  it('follows collections: new days, a repeated day, an older day, an unknown total', async () => {
    for (let day = 40; day >= 0; day -= 5) await stats.saveReading(reading(ids.steady, addDays(today, -day), 1000 + day));
    await stats.saveReading(reading(ids.gappy, addDays(today, -45), 500));
    await stats.saveReading(reading(ids.gappy, addDays(today, -1), 700, 4));
    await stats.saveReading(reading(ids.unsized, addDays(today, -31), 300));
    await stats.saveReading(reading(ids.unsized, today, null));
    await stats.saveReading(reading(ids.old, oldDay, 900, 2));
    await stats.saveReading(reading(ids.gone, today, 100));
    await expectKeptEqualsDirect();

    // The same day again (latest reading wins), then an older day that becomes the base of the growth.
    await stats.saveReading(reading(ids.gappy, addDays(today, -1), 800, 5));
    await stats.saveReading(reading(ids.gappy, addDays(today, -33), 600));
    // The steady instance's base had a reading; one read before the others makes no difference to it.
    await stats.saveReading(reading(ids.steady, oldDay, 50));
    await expectKeptEqualsDirect();
    const [gappy] = (await ds.query(KEPT_LATEST)).filter((row: { instance_id: number }) => row.instance_id === ids.gappy);
    expect(gappy).toMatchObject({ collected_date: addDays(today, -1), database_count: 5, base_collected_date: addDays(today, -33) });
  });

  it('follows aggregation runs, and a rerun after a reading changed', async () => {
    await aggregation.recomputeRange(firstDayOf(oldMonth), today);
    expect(Number((await ds.query(`SELECT count(*) FROM database_size_period_sums`))[0].count)).toBeGreaterThan(0);
    await expectKeptEqualsDirect();

    await stats.saveReading(reading(ids.steady, today, 5000, 4));
    await aggregation.recomputeRange(addDays(today, -1), today);
    await expectKeptEqualsDirect();
  });

  it('drops the figures of a deleted instance', async () => {
    await t.http.delete(`/api/v1/instances/${ids.gone}`).set(auth()).expect(204);
    const kept: { instance_id: number }[] = await ds.query(`SELECT instance_id FROM instance_latest_stats UNION SELECT instance_id FROM database_size_period_sums`);
    expect(kept.map((row) => row.instance_id)).not.toContain(ids.gone);
    await expectKeptEqualsDirect();
  });

  it('follows a month archived (its partitions dropped) and restored', async () => {
    const run = await t.http.post('/api/v1/archive/run').set(auth()).send({}).expect(200);
    expect(run.body.dropped).toHaveLength(STATS_TABLES.length);
    // The old instance had no other reading, the steady one's oldest reading is gone.
    expect((await ds.query(KEPT_LATEST)).map((row: { instance_id: number }) => row.instance_id)).not.toContain(ids.old);
    await expectKeptEqualsDirect();

    for (const table of ['instance_size_stats', 'database_size_aggregations']) {
      await t.http.post('/api/v1/archive/restore').set(auth()).send({ table, month: oldMonth }).expect(200);
    }
    expect((await ds.query(KEPT_LATEST)).map((row: { instance_id: number }) => row.instance_id)).toContain(ids.old);
    await expectKeptEqualsDirect();
  });
});
