import { addMonths, currentMonthIn, firstDayOf, STATS_TABLES, type PartitionCleanupResult, type PartitionCreateResult, type PartitionStatusResponse, type StatsTable } from '@capacity/contracts';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { required } from '../common/required';
import { JobRunner } from '../jobs/job-runner.service';
import { OrphanedRunSweep } from '../jobs/orphaned-run-sweep.service';
import { SessionsRepository } from '../sessions/sessions.repository';
import { SessionsService } from '../sessions/sessions.service';
import { createInstance, insertDatabaseStats, insertInstanceStats } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { testServerKind } from '../test-support/test-database';
import type { ArchiveStep, ArchiveStepResult } from './archive-step';
import { ARCHIVE_DISABLED_MESSAGE, PartitionCleanupService, SCHEDULED_NO_ARCHIVE_MESSAGE } from './partition-cleanup.service';
import { PartitionCreateService } from './partition-create.service';
import { partitionName } from './partition-naming';
import { PartitionRepository } from './partition.repository';

const current = currentMonthIn('UTC');
const ym = (offset: number) => addMonths(current, offset);
const day = (offset: number, dayOfMonth: number) => `${ym(offset)}-${String(dayOfMonth).padStart(2, '0')}`;

async function childPartitions(ds: DataSource, table: StatsTable): Promise<string[]> {
  const rows: { relname: string }[] = await ds.query(
    `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass ORDER BY 1`,
    [table],
  );
  return rows.map((row) => row.relname);
}

async function totals(ds: DataSource): Promise<{ rows: number; sum: string }> {
  const [row]: { rows: string; sum: string }[] = await ds.query(`SELECT count(*) AS rows, coalesce(sum(size_bytes), 0)::text AS sum FROM database_size_stats`);
  return { rows: Number(row.rows), sum: row.sum };
}

describe(`partition management (${testServerKind()} PostgreSQL)`, () => {
  let t: TestApp;
  let instanceId: number;
  const post = (path: string, body: object, token = t.adminToken) => t.http.post(`/api/v1/partitions/${path}`).auth(token, { type: 'bearer' }).send(body);

  beforeAll(async () => {
    t = await createTestApp({ ARCHIVE_ENABLED: 'false' });
    instanceId = (await createInstance(t.dataSource)).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates a month partition with its indexes, and a second call creates nothing', async () => {
    const first = await post('create', { month: ym(-30) }).expect(201);
    const body = first.body as PartitionCreateResult;
    expect(body.created.map((p) => p.name).sort()).toEqual(STATS_TABLES.map((table) => partitionName(table, ym(-30))).sort());
    expect(body.existing).toEqual([]);

    const again = (await post('create', { month: ym(-30) }).expect(201)).body as PartitionCreateResult;
    expect(again.created).toEqual([]);
    expect(again.existing).toHaveLength(STATS_TABLES.length);
    for (const table of STATS_TABLES) {
      const children = await childPartitions(t.dataSource, table);
      expect(children.filter((name) => name === partitionName(table, ym(-30)))).toHaveLength(1);
      const [{ parent, child }]: { parent: string; child: string }[] = await t.dataSource.query(
        `SELECT (SELECT count(*) FROM pg_indexes WHERE tablename = $1) AS parent, (SELECT count(*) FROM pg_indexes WHERE tablename = $2) AS child`,
        [table, partitionName(table, ym(-30))],
      );
      expect(Number(child)).toBe(Number(parent));
      expect(Number(child)).toBeGreaterThanOrEqual(2);
    }
    const session = await t.http.get(`/api/v1/sessions/${body.session_id}`).auth(t.adminToken, { type: 'bearer' }).expect(200);
    expect(session.body).toMatchObject({ sync_category: 'partition', sync_type: 'manual', status: 'completed', total_instances: STATS_TABLES.length });
    expect(session.body.summary).toMatchObject({ created: STATS_TABLES.length, existing: 0, moved_rows: 0 });
  });

  it('moves the rows of a month out of the default partition when its partition is created, losing none', async () => {
    const rows = Array.from({ length: 40 }, (_, index) => ({
      instanceId,
      databaseName: `db${index % 5}`,
      date: day(-24, Math.floor(index / 5) + 1),
      sizeBytes: 1_000_003 * (index + 1),
    }));
    const elsewhere = [{ instanceId, databaseName: 'other', date: day(-27, 3), sizeBytes: 777 }];
    await insertDatabaseStats(t.dataSource, [...rows, ...elsewhere]);
    const [{ in_default }]: { in_default: string }[] = await t.dataSource.query(`SELECT count(*) AS in_default FROM database_size_stats_default`);
    expect(Number(in_default)).toBe(41);
    const before = await totals(t.dataSource);

    const result = (await post('create', { month: ym(-24), table: 'database_size_stats' }).expect(201)).body as PartitionCreateResult;

    expect(result.created.map((p) => p.name)).toEqual([partitionName('database_size_stats', ym(-24))]);
    expect(result.moved).toEqual([{ table: 'database_size_stats', name: partitionName('database_size_stats', ym(-24)), month: ym(-24), rows: 40 }]);
    expect(await totals(t.dataSource)).toEqual(before);
    const placed: { partition: string; rows: string; sum: string }[] = await t.dataSource.query(
      `SELECT tableoid::regclass::text AS partition, count(*) AS rows, sum(size_bytes)::text AS sum FROM database_size_stats
       WHERE instance_id = $1 GROUP BY 1 ORDER BY 1`,
      [instanceId],
    );
    const expectedSum = rows.reduce((sum, row) => sum + BigInt(row.sizeBytes), 0n).toString();
    expect(placed).toEqual([
      { partition: partitionName('database_size_stats', ym(-24)), rows: '40', sum: expectedSum },
      { partition: 'database_size_stats_default', rows: '1', sum: '777' },
    ]);
    // The default is attached again and still takes rows outside every range.
    await insertDatabaseStats(t.dataSource, [{ instanceId, databaseName: 'late', date: day(-29, 2), sizeBytes: 5 }]);
    expect(await childPartitions(t.dataSource, 'database_size_stats')).toContain('database_size_stats_default');
  });

  it('maintenance premakes the missing future months and rescues default rows into them', async () => {
    const repository = t.app.get(PartitionRepository);
    expect(await repository.dropMonthPartition('instance_size_stats', ym(2))).toBe(true);
    await insertInstanceStats(t.dataSource, [
      { instanceId, date: day(2, 5), totalSizeBytes: 123, databaseCount: 2 },
      { instanceId, date: day(2, 6), totalSizeBytes: 456, databaseCount: 2 },
    ]);

    const result = await t.app.get(PartitionCreateService).maintain({ type: 'scheduled' });

    // The earlier tests left one row each of months −29 and −27 in database_size_stats_default: rescued too.
    const expected = [
      [partitionName('database_size_stats', ym(-29)), 1],
      [partitionName('database_size_stats', ym(-27)), 1],
      [partitionName('instance_size_stats', ym(2)), 2],
    ];
    expect(result.created.map((p) => p.name)).toEqual(expected.map(([name]) => name));
    expect(result.moved.map((m) => [m.name, m.rows])).toEqual(expected);
    const [{ in_default }]: { in_default: string }[] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM database_size_stats_default) + (SELECT count(*) FROM instance_size_stats_default) AS in_default`,
    );
    expect(in_default).toBe('0');
    const rows: { partition: string; total: string }[] = await t.dataSource.query(
      `SELECT tableoid::regclass::text AS partition, sum(total_size_bytes)::text AS total FROM instance_size_stats GROUP BY 1`,
    );
    expect(rows).toEqual([{ partition: partitionName('instance_size_stats', ym(2)), total: '579' }]);
    const session = await t.app.get(SessionsService).get(result.session_id);
    expect(session).toMatchObject({ sync_category: 'partition', sync_type: 'scheduled', status: 'completed' });
    expect(session.records.map((r) => r.instance_name).sort()).toEqual([...STATS_TABLES].sort());
    const record = session.records.find((r) => r.instance_name === 'instance_size_stats');
    expect(record?.details).toMatchObject({ created: [partitionName('instance_size_stats', ym(2))], moved: [{ rows: 2 }] });

    const idle = await t.app.get(PartitionCreateService).maintain({ type: 'scheduled' });
    expect(idle.created).toEqual([]);
    expect(idle.moved).toEqual([]);
  });

  it('concurrent creates of the same months from separate connections neither fail nor duplicate', async () => {
    const other = new DataSource({ type: 'postgres', url: t.database.url });
    await other.initialize();
    try {
      const repositories = [t.app.get(PartitionRepository), new PartitionRepository(other)];
      await insertInstanceStats(t.dataSource, [{ instanceId, date: day(-40, 9), totalSizeBytes: 9, databaseCount: 1 }]);
      const months = [-40, -41, -42].map(ym);
      const attempts = months.flatMap((month) =>
        STATS_TABLES.flatMap((table) => [0, 1, 0, 1].map((which) => repositories[which].createMonthPartition(table, month))),
      );
      const outcomes = await Promise.all(attempts);
      for (const month of months) {
        for (const table of STATS_TABLES) {
          const mine = outcomes.filter((o) => o.table === table && o.month === month);
          expect(mine.filter((o) => o.created)).toHaveLength(1);
          expect((await childPartitions(t.dataSource, table)).filter((name) => name === partitionName(table, month))).toHaveLength(1);
        }
      }
      expect(outcomes.reduce((sum, o) => sum + o.movedRows, 0)).toBe(1);
      const [{ rows }]: { rows: string }[] = await t.dataSource.query(
        `SELECT count(*) AS rows FROM instance_size_stats WHERE collected_date = $1`,
        [day(-40, 9)],
      );
      expect(rows).toBe('1');
    } finally {
      await other.destroy();
    }
  });

  it('prunes a one-month query on database_size_stats to that month partition', async () => {
    const from = firstDayOf(current);
    const to = firstDayOf(ym(1));
    const [{ 'QUERY PLAN': plan }]: { 'QUERY PLAN': unknown }[] = await t.dataSource.query(
      `EXPLAIN (FORMAT JSON) SELECT instance_id, sum(size_bytes) FROM database_size_stats
       WHERE collected_date >= '${from}' AND collected_date < '${to}' GROUP BY instance_id`,
    );
    const relations = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'Relation Name') relations.add(String(value));
          else walk(value);
        }
      }
    };
    walk(plan);
    expect(await childPartitions(t.dataSource, 'database_size_stats')).toContain(partitionName('database_size_stats', current));
    expect([...relations]).toEqual([partitionName('database_size_stats', current)]);
  });

  describe('status and list', () => {
    it('lists every partition with its range, exact rows and total bytes from the engine', async () => {
      const response = await t.http.get('/api/v1/partitions?table=database_size_stats').auth(t.adminToken, { type: 'bearer' }).expect(200);
      const list = response.body.data as { name: string; range_from: string | null; range_to: string | null; row_count: number; row_count_estimated: boolean; total_bytes: number; is_default: boolean; table: string }[];
      expect(list.map((p) => p.name)).toEqual([...(await childPartitions(t.dataSource, 'database_size_stats'))].sort((a, b) =>
        a.endsWith('_default') ? 1 : b.endsWith('_default') ? -1 : a.localeCompare(b),
      ));
      expect(list.at(-1)).toMatchObject({ name: 'database_size_stats_default', is_default: true, range_from: null, range_to: null });
      const engine: { name: string; rows: string; bytes: string }[] = await t.dataSource.query(
        `SELECT c.relname AS name, pg_total_relation_size(c.oid)::text AS bytes,
                (SELECT count(*) FROM database_size_stats s WHERE s.tableoid = c.oid)::text AS rows
         FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'database_size_stats'::regclass`,
      );
      for (const partition of list) {
        const truth = required(engine.find((row) => row.name === partition.name), partition.name);
        expect(partition).toMatchObject({ table: 'database_size_stats', row_count: Number(truth.rows), row_count_estimated: false, total_bytes: Number(truth.bytes) });
      }
      const month = required(list.find((p) => p.name === partitionName('database_size_stats', ym(-24))), 'the partition of 24 months ago');
      expect(month).toMatchObject({ range_from: firstDayOf(ym(-24)), range_to: firstDayOf(ym(-23)), row_count: 40 });
    });

    it('flags the planner estimate instead of counting a partition estimated over 5 M rows', async () => {
      const name = partitionName('instance_size_stats', ym(1));
      // Stand-in for a very large partition: the planner statistics say 6 M rows (superuser test server).
      await t.dataSource.query(`UPDATE pg_class SET reltuples = 6000000 WHERE relname = $1`, [name]);
      const list = (await t.http.get('/api/v1/partitions?table=instance_size_stats').auth(t.adminToken, { type: 'bearer' }).expect(200)).body.data as {
        name: string; row_count: number; row_count_estimated: boolean;
      }[];
      expect(list.find((p) => p.name === name)).toMatchObject({ row_count: 6_000_000, row_count_estimated: true });
      expect(list.filter((p) => p.name !== name).every((p) => !p.row_count_estimated)).toBe(true);
      await t.dataSource.query(`ANALYZE "${name}"`);
    });

    it('reports rows stuck in default, gaps and missing months', async () => {
      await insertDatabaseStats(t.dataSource, [{ instanceId, databaseName: 'future', date: day(60, 1), sizeBytes: 1 }]);
      await t.app.get(PartitionRepository).dropMonthPartition('database_size_aggregations', current);
      const status = (await t.http.get('/api/v1/partitions/status').auth(t.adminToken, { type: 'bearer' }).expect(200)).body as PartitionStatusResponse;
      expect(status).toMatchObject({ healthy: false, current_month: ym(0), premake_months: 3, retention_months: 12 });
      const stats = required(status.tables.find((table) => table.table === 'database_size_stats'), 'database_size_stats');
      const defaultRows = required(stats.partitions.find((p) => p.is_default), 'the default partition').row_count;
      expect(stats.default_rows).toBe(defaultRows);
      // Far-future rows stay in the default (beyond the premake window); months so far: −42…−40, −30, −29, −27, −24, 0…3.
      expect(stats.findings.filter((f) => f.kind === 'rows_in_default').map((f) => f.month)).toEqual([ym(60)]);
      expect(defaultRows).toBe(1);
      expect(stats.findings.filter((f) => f.kind === 'gap').map((f) => f.month)).toEqual([ym(-39), ym(-28), ym(-26), ym(-23)]);
      expect(stats.partition_count).toBe(stats.partitions.length - 1);
      expect(stats.total_bytes).toBe(stats.partitions.reduce((sum, p) => sum + p.total_bytes, 0));
      const aggregations = required(status.tables.find((table) => table.table === 'database_size_aggregations'), 'database_size_aggregations');
      expect(aggregations.findings.filter((f) => f.kind === 'missing_current')).toEqual([
        { kind: 'missing_current', month: ym(0), message: expect.stringContaining(ym(0)) },
      ]);
      await post('create', { month: ym(0), table: 'database_size_aggregations' }).expect(201);
    });
  });

  describe('cleanup', () => {
    const old = [-11, -12, -13, -20];
    beforeAll(async () => {
      for (const offset of old) await post('create', { month: ym(offset) }).expect(201);
      await insertDatabaseStats(t.dataSource, [
        { instanceId, databaseName: 'kept', date: day(-12, 15), sizeBytes: 10 },
        { instanceId, databaseName: 'gone', date: day(-13, 15), sizeBytes: 20 },
      ]);
    });

    const monthsOf = async (table: StatsTable) => (await childPartitions(t.dataSource, table)).filter((name) => !name.endsWith('_default'));
    const expectedPast = async () => {
      const past: string[] = [];
      for (const table of STATS_TABLES) {
        for (const name of await monthsOf(table)) {
          const match = required(/_(\d{4})_(\d{2})$/.exec(name), `the month of ${name}`);
          if (`${match[1]}-${match[2]}` < ym(-12)) past.push(name);
        }
      }
      return past.sort();
    };

    it('dry run lists exactly the partitions past retention and drops nothing', async () => {
      const before = await Promise.all(STATS_TABLES.map(monthsOf));
      const past = await expectedPast();
      expect(past).toContain(partitionName('database_size_stats', ym(-13)));
      expect(past).not.toContain(partitionName('database_size_stats', ym(-12)));
      const result = (await post('cleanup', { retention_months: 12, dry_run: true }).expect(200)).body as PartitionCleanupResult;
      expect(result).toMatchObject({ dry_run: true, retention_months: 12, keep_from: ym(-12), dropped: [], archived: [], skipped: [], message: null });
      expect(result.would_drop.map((p) => p.name).sort()).toEqual(past);
      expect(await Promise.all(STATS_TABLES.map(monthsOf))).toEqual(before);
    });

    it('with ARCHIVE_ENABLED=false and no explicit flag, drops nothing and says why', async () => {
      const before = await Promise.all(STATS_TABLES.map(monthsOf));
      const result = (await post('cleanup', { retention_months: 12 }).expect(200)).body as PartitionCleanupResult;
      expect(result.message).toBe(ARCHIVE_DISABLED_MESSAGE);
      expect(result.dropped).toEqual([]);
      expect(result.skipped.map((p) => p.name).sort()).toEqual(await expectedPast());
      expect(result.skipped.every((p) => p.reason === ARCHIVE_DISABLED_MESSAGE)).toBe(true);
      expect(await Promise.all(STATS_TABLES.map(monthsOf))).toEqual(before);
    });

    it('the scheduled cleanup never drops without archiving', async () => {
      const before = await Promise.all(STATS_TABLES.map(monthsOf));
      const result = await t.app.get(PartitionCleanupService).cleanup({ type: 'scheduled', dropWithoutArchive: true });
      expect(result.message).toBe(SCHEDULED_NO_ARCHIVE_MESSAGE);
      expect(result.dropped).toEqual([]);
      expect(await Promise.all(STATS_TABLES.map(monthsOf))).toEqual(before);
    });

    it('with drop_without_archive drops exactly the partitions past retention and keeps the rest', async () => {
      const past = await expectedPast();
      const kept = (await Promise.all(STATS_TABLES.map(monthsOf))).flat().filter((name) => !past.includes(name)).sort();
      const result = (await post('cleanup', { retention_months: 12, drop_without_archive: true }).expect(200)).body as PartitionCleanupResult;
      expect(result.message).toBeNull();
      expect(result.dropped.map((p) => p.name).sort()).toEqual(past);
      expect((await Promise.all(STATS_TABLES.map(monthsOf))).flat().sort()).toEqual(kept);
      for (const table of STATS_TABLES) {
        for (const offset of [-12, -11, 0, 1, 2, 3]) expect(kept).toContain(partitionName(table, ym(offset)));
      }
      const rows: { database_name: string }[] = await t.dataSource.query(
        `SELECT database_name FROM database_size_stats WHERE database_name IN ('kept', 'gone')`,
      );
      expect(rows).toEqual([{ database_name: 'kept' }]);
      const session = await t.app.get(SessionsService).get(result.session_id);
      expect(session.records.map((r) => r.instance_name).sort()).toEqual(past);
      expect(session.records.every((r) => r.status === 'completed' && r.details?.action === 'dropped_without_archive')).toBe(true);
    });

    it('with the archive on, sends each partition past retention through the archive step, which drops it', async () => {
      await post('create', { month: ym(-15) }).expect(201);
      await insertDatabaseStats(t.dataSource, [{ instanceId, databaseName: 'archived', date: day(-15, 2), sizeBytes: 3 }]);
      const calls: { table: StatsTable; month: string; existedBefore: boolean; existsAfter: boolean }[] = [];
      const exists = async (name: string) => (await t.dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [name]))[0].present as boolean;
      const fake: ArchiveStep = {
        async archiveThenDrop(table, month, drop): Promise<ArchiveStepResult> {
          const name = partitionName(table, month);
          const existedBefore = await exists(name);
          await drop();
          calls.push({ table, month, existedBefore, existsAfter: await exists(name) });
          return { archived: true, files: [`${table}/${month}.parquet`], rows: 0, detail: 'fake archive' };
        },
      };
      const service = new PartitionCleanupService(
        t.app.get(PartitionRepository),
        t.app.get(JobRunner),
        { ...t.config, enabled: { ...t.config.enabled, archive: true } },
        fake,
      );
      const result = await service.cleanup({ retentionMonths: 12, category: 'archive', type: 'scheduled' });
      expect(calls.map((c) => [c.table, c.month]).sort()).toEqual(STATS_TABLES.map((table) => [table, ym(-15)]).sort());
      expect(calls.every((c) => c.existedBefore && !c.existsAfter)).toBe(true);
      expect(result.archived.map((a) => a.name).sort()).toEqual(STATS_TABLES.map((table) => partitionName(table, ym(-15))).sort());
      expect(result.dropped).toHaveLength(STATS_TABLES.length);
      const session = await t.app.get(SessionsService).get(result.session_id);
      expect(session).toMatchObject({ sync_category: 'archive', sync_type: 'scheduled', status: 'completed' });
    });
  });

  describe('API validation and access', () => {
    it.each([
      [{ month: '2026-13' }, 'month'],
      [{ month: '26-01' }, 'month'],
      [{}, 'month'],
      [{ month: ym(1), future_months: 2 }, 'month'],
      [{ future_months: -1 }, 'future_months'],
      [{ future_months: 121 }, 'future_months'],
      [{ future_months: 1.5 }, 'future_months'],
      [{ future_months: 2, table: 'users' }, 'table'],
      [{ month: ym(1), table: 'database_size_stats; DROP TABLE users' }, 'table'],
    ])('POST /partitions/create %j is a 400 naming %s', async (body, field) => {
      const response = await post('create', body).expect(400);
      expect(response.body.fields).toEqual([field]);
      expect(String(response.body.message)).toContain(field);
    });

    it.each([
      [{ retention_months: 0 }, 'retention_months'],
      [{ retention_months: -3 }, 'retention_months'],
      [{ retention_months: 1201 }, 'retention_months'],
      [{ dry_run: 'yes' }, 'dry_run'],
      [{ drop_without_archive: 1 }, 'drop_without_archive'],
    ])('POST /partitions/cleanup %j is a 400 naming %s', async (body, field) => {
      const response = await post('cleanup', body).expect(400);
      expect(response.body.fields).toEqual([field]);
    });

    it('GET /partitions with an unknown table is a 400 naming table', async () => {
      const response = await t.http.get('/api/v1/partitions?table=users').auth(t.adminToken, { type: 'bearer' }).expect(400);
      expect(response.body.fields).toEqual(['table']);
    });

    it('future_months creates the current month and that many after it', async () => {
      const result = (await post('create', { future_months: 5, table: 'instance_size_aggregations' }).expect(201)).body as PartitionCreateResult;
      expect([...result.created, ...result.existing].map((p) => p.month).sort()).toEqual([0, 1, 2, 3, 4, 5].map(ym));
      expect(result.created.map((p) => p.month).sort()).toEqual([ym(4), ym(5)]);
    });

    it('refuses viewers on every partition route', async () => {
      const viewer = await t.loginAs('viewer');
      await t.http.get('/api/v1/partitions').auth(viewer.token, { type: 'bearer' }).expect(403);
      await t.http.get('/api/v1/partitions/status').auth(viewer.token, { type: 'bearer' }).expect(403);
      await post('create', { month: ym(1) }, viewer.token).expect(403);
      await post('cleanup', { dry_run: true }, viewer.token).expect(403);
    });

    it('fails a partition session a dead process left running once its lock is free', async () => {
      const deadProcess = new SessionsService(new SessionsRepository(t.dataSource));
      const { sessionId } = await deadProcess.start({ category: 'partition', job: 'partition', type: 'scheduled', targets: [{ instanceId: null, name: 'database_size_stats' }] });
      await t.app.get(OrphanedRunSweep).sweep();
      const session = await t.app.get(SessionsService).get(sessionId);
      expect(session).toMatchObject({ status: 'failed', error_message: expect.stringContaining('interrupted') });
    });

    it('answers 409 to a manual create while a partition run holds the lock', async () => {
      const client = new Client({ connectionString: t.database.url });
      await client.connect();
      try {
        await client.query('SELECT pg_advisory_lock(7364103)');
        await post('create', { month: ym(1) }).expect(409);
      } finally {
        await client.end();
      }
    });
  });
});

describe(`partition jobs at start-up (${testServerKind()} PostgreSQL)`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PARTITION_ENABLED: 'true', CLEANUP_ENABLED: 'true', PARTITION_PREMAKE_MONTHS: '5' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs one maintenance at bootstrap so the premake months exist, and schedules both jobs', async () => {
    for (const table of STATS_TABLES) {
      const children = await childPartitions(t.dataSource, table);
      for (const offset of [0, 1, 2, 3, 4, 5]) expect(children).toContain(partitionName(table, ym(offset)));
    }
    const sessions = await t.http.get('/api/v1/sessions?category=partition').auth(t.adminToken, { type: 'bearer' }).expect(200);
    expect(sessions.body.data).toHaveLength(1);
    expect(sessions.body.data[0]).toMatchObject({ sync_type: 'scheduled', status: 'completed', summary: expect.objectContaining({ created: 2 * STATS_TABLES.length }) });
    const registry = t.app.get(SchedulerRegistry);
    expect(registry.getCronJob('partition')).toBeDefined();
    expect(registry.getCronJob('cleanup')).toBeDefined();
  });
});
