import { addDays, addMonths, currentMonthIn, firstDayOf, lastDayOf, STATS_TABLES } from '@capacity/contracts';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { required } from '../common/required';
import { UnavailableError } from '../common/domain-errors';
import { errorMessage } from '../common/error-message';
import { COLD_TIER, type ColdTierPort } from '../history/cold-tier.port';
import { PartitionRepository } from '../partition/partition.repository';
import { createInstance } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { ARCHIVE_COLUMNS } from './archive-columns';
import { hotRows, monthFigures, partitionPresent, seedMonth } from './testing/archive-fixtures';

describe('archive (cold tier) on real PostgreSQL', () => {
  let t: TestApp;
  let archiveDir: string;
  let cold: ColdTierPort;
  let instanceIds: number[];
  const month = addMonths(currentMonthIn('UTC'), -14);
  const from = firstDayOf(month);
  const to = lastDayOf(month);
  const before = new Map<string, Record<string, unknown>[]>();
  const figuresBefore = new Map<string, { rows: number; sums: Record<string, string> }>();
  const auth = () => ({ Authorization: `Bearer ${t.adminToken}` });

  beforeAll(async () => {
    archiveDir = await mkdtemp(join(tmpdir(), 'capacity-archive-'));
    t = await createTestApp({ ARCHIVE_DIR: archiveDir, RETENTION_MONTHS: '12', DUCKDB_MEMORY_LIMIT: '128MB' });
    cold = t.app.get<ColdTierPort>(COLD_TIER);
    instanceIds = [];
    for (let i = 0; i < 3; i++) instanceIds.push((await createInstance(t.dataSource)).id);
    await seedMonth(t.dataSource, t.app.get(PartitionRepository), month, instanceIds);
    for (const table of STATS_TABLES) {
      before.set(table, await hotRows(t.dataSource, table, { from, to }));
      figuresBefore.set(table, await monthFigures(t.dataSource, table, month));
    }
  });

  afterAll(async () => {
    await t?.close();
    await rm(archiveDir, { recursive: true, force: true });
  });

  it('archives every column of each statistics table, in table order (the Parquet schema follows the migration)', async () => {
    for (const table of STATS_TABLES) {
      const columns: { column_name: string }[] = await t.dataSource.query(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
        [table],
      );
      expect(ARCHIVE_COLUMNS[table].map((column) => column.name)).toEqual(columns.map((column) => column.column_name));
    }
  });

  it('a dry run lists the partitions past retention and archives nothing', async () => {
    const response = await t.http.post('/api/v1/archive/run').set(auth()).send({ dry_run: true }).expect(200);
    expect(response.body.dry_run).toBe(true);
    expect(response.body.would_drop.map((p: { name: string }) => p.name).sort()).toEqual(
      STATS_TABLES.map((table) => `${table}_${month.replace('-', '_')}`).sort(),
    );
    expect(response.body.dropped).toEqual([]);
    for (const table of STATS_TABLES) expect(await partitionPresent(t.dataSource, table, month)).toBe(true);
    expect(await readdir(archiveDir)).not.toContain('database_size_stats');
  });

  it('archives every partition past retention as an archive session, then drops it', async () => {
    const response = await t.http.post('/api/v1/archive/run').set(auth()).send({}).expect(200);
    expect(response.body.dropped).toHaveLength(STATS_TABLES.length);
    expect(response.body.archived).toHaveLength(STATS_TABLES.length);
    for (const archived of response.body.archived as { table: string; rows: number; files: string[] }[]) {
      expect(archived.rows).toBe(required(figuresBefore.get(archived.table), archived.table).rows);
      expect(archived.files[0]).toMatch(new RegExp(`^${archived.table}/year=\\d{4}/month=\\d{2}/part-0\\.parquet$`));
    }
    const session = await t.http.get(`/api/v1/sessions/${response.body.session_id}`).set(auth()).expect(200);
    expect(session.body.sync_category).toBe('archive');
    expect(session.body.status).toBe('completed');
    for (const table of STATS_TABLES) {
      expect(await partitionPresent(t.dataSource, table, month)).toBe(false);
      expect((await monthFigures(t.dataSource, table, month)).rows).toBe(0);
    }
  });

  it('reports each archived month with rows, bytes, compression ratio and state', async () => {
    const response = await t.http.get('/api/v1/archive/status').set(auth()).expect(200);
    expect(response.body.archive_enabled).toBe(true);
    for (const tableStatus of response.body.tables) {
      const [entry] = tableStatus.entries;
      expect(entry.month).toBe(month);
      expect(entry.state).toBe('dropped');
      expect(entry.rows).toBe(required(figuresBefore.get(tableStatus.table), tableStatus.table).rows);
      expect(entry.parquet_bytes).toBeGreaterThan(0);
      expect(entry.compression_ratio).toBeCloseTo(entry.pg_bytes_before / entry.parquet_bytes, 2);
      expect(entry.dropped_at).not.toBeNull();
      expect(tableStatus.cold_rows).toBe(entry.rows);
    }
  });

  it('answers every table from the cold tier exactly as PostgreSQL answered before, field by field', async () => {
    for (const table of STATS_TABLES) {
      expect(await cold.archivedMonths(table, from, to)).toEqual([month]);
      const rows = await cold.readRows(table, { from, to });
      expect(rows.length).toBe(required(figuresBefore.get(table), table).rows);
      expect(rows).toEqual(before.get(table));
    }
  });

  it('applies the instance, database, period type and date filters like the hot query', async () => {
    const rangeFrom = addDays(from, 5);
    const rangeTo = addDays(from, 9);
    const cases = [
      { table: 'database_size_stats' as const, filter: { from: rangeFrom, to: rangeTo, instanceIds: [instanceIds[1]], databaseName: 'db_2' } },
      { table: 'instance_size_stats' as const, filter: { from: rangeFrom, to: rangeTo, instanceIds: [instanceIds[0], instanceIds[2]] } },
      { table: 'database_size_aggregations' as const, filter: { from, to, periodType: 'monthly' as const } },
      { table: 'instance_size_aggregations' as const, filter: { from: rangeFrom, to: rangeTo, periodType: 'daily' as const, instanceIds: [instanceIds[2]] } },
    ];
    for (const { table, filter } of cases) {
      const expected = required(before.get(table), table).filter(
        (row) =>
          String(row[table.endsWith('stats') ? 'collected_date' : 'period_start']) >= filter.from &&
          String(row[table.endsWith('stats') ? 'collected_date' : 'period_start']) <= filter.to &&
          (filter.instanceIds === undefined || filter.instanceIds.includes(row.instance_id as number)) &&
          (!('databaseName' in filter) || row.database_name === filter.databaseName) &&
          (!('periodType' in filter) || row.period_type === filter.periodType),
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(await cold.readRows(table, filter)).toEqual(expected);
    }
    expect(await cold.readRows('database_size_stats', { from, to, instanceIds: [] })).toEqual([]);
    expect(await cold.archivedMonths('database_size_stats', firstDayOf(addMonths(month, 1)), firstDayOf(addMonths(month, 2)))).toEqual([]);
  });

  it('refuses a bad restore request naming the field, and a month that is not archived with 404', async () => {
    const badTable = await t.http.post('/api/v1/archive/restore').set(auth()).send({ table: 'users', month: month }).expect(400);
    expect(JSON.stringify(badTable.body.message)).toMatch(/table must be one of/);
    const badMonth = await t.http.post('/api/v1/archive/restore').set(auth()).send({ table: 'database_size_stats', month: '2025-13' }).expect(400);
    expect(JSON.stringify(badMonth.body.message)).toMatch(/month must be a month as YYYY-MM/);
    const notArchived = addMonths(month, -1);
    const missing = await t.http.post('/api/v1/archive/restore').set(auth()).send({ table: 'database_size_stats', month: notArchived }).expect(404);
    expect(missing.body.message).toContain(notArchived);
    const viewer = await t.loginAs('viewer');
    await t.http.post('/api/v1/archive/restore').set({ Authorization: `Bearer ${viewer.token}` }).send({ table: 'database_size_stats', month: month }).expect(403);
  });

  it('restores a month: the partition is back with the original rows, counts and sums; the files stay', async () => {
    const response = await t.http.post('/api/v1/archive/restore').set(auth()).send({ table: 'database_size_stats', month: month }).expect(200);
    expect(response.body).toMatchObject({ table: 'database_size_stats', month: month, state: 'restored', rows: required(figuresBefore.get('database_size_stats'), 'database_size_stats').rows });
    expect(await partitionPresent(t.dataSource, 'database_size_stats', month)).toBe(true);
    expect(await monthFigures(t.dataSource, 'database_size_stats', month)).toEqual(figuresBefore.get('database_size_stats'));
    expect(await hotRows(t.dataSource, 'database_size_stats', { from, to })).toEqual(before.get('database_size_stats'));
    // Hot again: the cold tier no longer serves it (no double counting), the files are kept.
    expect(await cold.archivedMonths('database_size_stats', from, to)).toEqual([]);
    expect(await cold.readRows('database_size_stats', { from, to })).toEqual([]);
    const status = await t.http.get('/api/v1/archive/status').set(auth()).expect(200);
    const entry = status.body.tables.find((s: { table: string }) => s.table === 'database_size_stats').entries[0];
    expect(entry.state).toBe('restored');
    expect(await readdir(join(archiveDir, entry.files[0], '..'))).toContain('part-0.parquet');
    await t.http.post('/api/v1/archive/restore').set(auth()).send({ table: 'database_size_stats', month: month }).expect(404);
  });

  it('archives a restored month again on the next run', async () => {
    const response = await t.http.post('/api/v1/archive/run').set(auth()).send({}).expect(200);
    expect(response.body.dropped.map((p: { table: string }) => p.table)).toEqual(['database_size_stats']);
    expect(await cold.readRows('database_size_stats', { from, to })).toEqual(before.get('database_size_stats'));
  });

  it('reads and restores files written before a column existed (size_source) with that column as NULL', async () => {
    const [entry] = (await t.http.get('/api/v1/archive/status').set(auth()).expect(200)).body.tables.find(
      (s: { table: string }) => s.table === 'database_size_stats',
    ).entries;
    const file = join(archiveDir, entry.files[0]);
    // Rewrite the month as an earlier release wrote it: every column but size_source.
    const duck = await DuckDBInstance.create(':memory:');
    const connection = await duck.connect();
    try {
      await connection.run(`COPY (SELECT * EXCLUDE (size_source) FROM read_parquet('${file}')) TO '${file}.old' (FORMAT parquet, COMPRESSION zstd)`);
    } finally {
      connection.closeSync();
    }
    await rename(`${file}.old`, file);
    const expected = required(before.get('database_size_stats'), 'database_size_stats').map((row) => ({ ...row, size_source: null }));
    expect(await cold.readRows('database_size_stats', { from, to })).toEqual(expected);
    await t.http.post('/api/v1/archive/restore').set(auth()).send({ table: 'database_size_stats', month: month }).expect(200);
    expect(await hotRows(t.dataSource, 'database_size_stats', { from, to })).toEqual(expected);
  });

  it('fails a query over a corrupt Parquet file with a 503 naming the file, never with fewer rows', async () => {
    const [entry] = (await t.http.get('/api/v1/archive/status').set(auth()).expect(200)).body.tables.find(
      (s: { table: string }) => s.table === 'instance_size_stats',
    ).entries;
    const file = join(archiveDir, entry.files[0]);
    await writeFile(file, 'PAR1 this is not a parquet file at all');
    const failure = await cold.readRows('instance_size_stats', { from, to }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UnavailableError);
    expect((failure as UnavailableError).status).toBe(503);
    expect(errorMessage(failure)).toContain(file);
    const restore = await t.http.post('/api/v1/archive/restore').set(auth()).send({ table: 'instance_size_stats', month: month }).expect(503);
    expect(restore.body.message).toContain(file);
    expect(await partitionPresent(t.dataSource, 'instance_size_stats', month)).toBe(true);
    expect((await monthFigures(t.dataSource, 'instance_size_stats', month)).rows).toBe(0);
    await rm(file);
    const missing = await cold.readRows('instance_size_stats', { from, to }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(Error);
    expect(errorMessage(missing)).toContain(file);
  });
});

describe('archive switched off (ARCHIVE_ENABLED=false)', () => {
  let t: TestApp;
  let archiveDir: string;
  const month = addMonths(currentMonthIn('UTC'), -14);

  beforeAll(async () => {
    archiveDir = await mkdtemp(join(tmpdir(), 'capacity-archive-off-'));
    t = await createTestApp({ ARCHIVE_DIR: archiveDir, ARCHIVE_ENABLED: 'false' });
    const instance = await createInstance(t.dataSource);
    await seedMonth(t.dataSource, t.app.get(PartitionRepository), month, [instance.id], 2);
  });

  afterAll(async () => {
    await t?.close();
    await rm(archiveDir, { recursive: true, force: true });
  });

  it('refuses an archive run with 409 and drops nothing; cleanup drops only when told explicitly', async () => {
    const auth = { Authorization: `Bearer ${t.adminToken}` };
    const refused = await t.http.post('/api/v1/archive/run').set(auth).send({}).expect(409);
    expect(refused.body.message).toContain('ARCHIVE_ENABLED=false');
    const status = await t.http.get('/api/v1/archive/status').set(auth).expect(200);
    expect(status.body.archive_enabled).toBe(false);
    for (const table of STATS_TABLES) expect(await partitionPresent(t.dataSource, table, month)).toBe(true);

    const cleanup = await t.http.post('/api/v1/partitions/cleanup').set(auth).send({}).expect(200);
    expect(cleanup.body.dropped).toEqual([]);
    const explicit = await t.http.post('/api/v1/partitions/cleanup').set(auth).send({ drop_without_archive: true }).expect(200);
    expect(explicit.body.dropped).toHaveLength(STATS_TABLES.length);
    expect(explicit.body.archived).toEqual([]);
    expect(await readdir(archiveDir)).not.toContain('database_size_stats');
  });
});
