import { TOP_TABLES_PER_DATABASE } from '@capacity/contracts';
import { Client } from 'pg';
import { LOCAL_PG, dropPgDatabases, quotePg, uniqueSuffix, withPg } from '../../collection/testing/local-engines';
import type { CollectedTable, TableScanOptions } from '../collector.types';
import type { ConnectionOptions } from '../connections/connection-options';
import { openPostgresSession } from '../connections/pg-session.repository';
import { PG_TABLE_LOCK_TIMEOUT_MS } from './postgresql-tables';
import { postgresTablesRepository } from './postgresql-tables.repository';
import { PostgresqlCollector } from './postgresql.collector';

interface Expected {
  schema: string;
  name: string;
  total: number;
  index: number;
  table: number;
}

/** PostgreSQL's own figures for every user table (and materialized view) of `database`, partitions summed into their root. */
async function engineFigures(database: string): Promise<Expected[]> {
  return withPg(async (client) => {
    const result = await client.query<{ schema: string; name: string; total: string; index: string; table: string }>(
      `SELECT n.nspname AS schema, c.relname AS name,
              sum(pg_total_relation_size(l.oid))::text AS total, sum(pg_indexes_size(l.oid))::text AS index, sum(pg_table_size(l.oid))::text AS table
       FROM pg_class l
       JOIN pg_class c ON c.oid = coalesce(pg_partition_root(l.oid), l.oid)
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE l.relkind IN ('r', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
       GROUP BY n.nspname, c.relname`,
    );
    return result.rows.map((row) => ({ schema: row.schema, name: row.name, total: Number(row.total), index: Number(row.index), table: Number(row.table) }));
  }, database);
}

describe('PostgresqlCollector top tables against the local PostgreSQL', () => {
  const suffix = uniqueSuffix();
  const database = `cap_t_${suffix}`;
  const collector = new PostgresqlCollector();
  const options: ConnectionOptions = { ...LOCAL_PG, password: null, database: 'postgres', connectTimeoutMs: 5000 };
  const scan = (maxDatabases = 200): TableScanOptions => ({ maxDatabases, signal: new AbortController().signal });
  const ofDatabase = (tables: CollectedTable[] | undefined) => (tables ?? []).filter((t) => t.database === database);

  beforeAll(async () => {
    await withPg((client) => client.query(`CREATE DATABASE ${quotePg(database)}`));
    await withPg(async (client) => {
      await client.query(`CREATE SCHEMA app`);
      // Partitioned: three partitions of different sizes, one of them sub-partitioned.
      await client.query(`CREATE TABLE app.events (id bigint, day date, payload text, PRIMARY KEY (id, day)) PARTITION BY RANGE (day)`);
      await client.query(`CREATE TABLE app.events_2025 PARTITION OF app.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')`);
      await client.query(`CREATE TABLE app.events_2026 PARTITION OF app.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01') PARTITION BY HASH (id)`);
      await client.query(`CREATE TABLE app.events_2026_a PARTITION OF app.events_2026 FOR VALUES WITH (MODULUS 2, REMAINDER 0)`);
      await client.query(`CREATE TABLE app.events_2026_b PARTITION OF app.events_2026 FOR VALUES WITH (MODULUS 2, REMAINDER 1)`);
      await client.query(`INSERT INTO app.events SELECT g, date '2025-01-01' + (g % 700), md5(g::text) FROM generate_series(1, 30000) g`);
      // Index-heavy: small rows, five indexes.
      await client.query(`CREATE TABLE public.indexed (a int, b int, c int, d text)`);
      await client.query(`INSERT INTO public.indexed SELECT g, g * 7 % 1000, g % 13, md5(g::text) FROM generate_series(1, 20000) g`);
      for (const column of ['a', 'b', 'c', 'd', 'a, b, c, d']) await client.query(`CREATE INDEX ON public.indexed (${column})`);
      // TOAST-heavy: few rows, large incompressible values stored out of line.
      await client.query(`CREATE TABLE public.documents (id int PRIMARY KEY, body text)`);
      await client.query(`ALTER TABLE public.documents ALTER COLUMN body SET STORAGE EXTERNAL`);
      await client.query(`INSERT INTO public.documents SELECT g, (SELECT string_agg(md5(g::text || k::text), '') FROM generate_series(1, 200) k) FROM generate_series(1, 300) g`);
      // More tables than the top-20 cut keeps, of distinct sizes.
      for (let i = 0; i < TOP_TABLES_PER_DATABASE + 5; i++) {
        await client.query(`CREATE TABLE public.filler_${i} (id int, v text)`);
        await client.query(`INSERT INTO public.filler_${i} SELECT g, md5(g::text) FROM generate_series(1, ${50 * (i + 1)}) g`);
      }
      await client.query(`CREATE MATERIALIZED VIEW app.event_days AS SELECT day, count(*) FROM app.events GROUP BY day`);
      await client.query('VACUUM ANALYZE');
    }, database);
  });

  afterAll(async () => {
    await dropPgDatabases([database]);
  });

  it('keeps the 20 largest tables of the database at pg_total_relation_size / pg_indexes_size / pg_table_size, partitions summed into their root', async () => {
    const result = await collector.collect(options, new AbortController().signal, scan());
    const expected = (await engineFigures(database)).sort((a, b) => b.total - a.total || a.schema.localeCompare(b.schema) || a.name.localeCompare(b.name));
    const tables = ofDatabase(result.tables?.tables);
    expect(expected.length).toBeGreaterThan(TOP_TABLES_PER_DATABASE);
    expect(result.tables?.databases).toContain(database);
    expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual(expected.slice(0, TOP_TABLES_PER_DATABASE).map((e) => `${e.schema}.${e.name}`));
    for (const want of expected.slice(0, TOP_TABLES_PER_DATABASE)) {
      const got = tables.find((t) => t.schema === want.schema && t.name === want.name);
      expect(got, `${want.schema}.${want.name}`).toBeDefined();
      expect(got?.totalBytes).toBe(want.total);
      expect(got?.indexBytes).toBe(want.index);
      expect((got?.dataBytes ?? 0) + (got?.toastBytes ?? 0)).toBe(want.table);
      expect(got?.sizeSource).toBe('files');
    }
    // The cut: the smallest fillers are not among the 20 kept.
    expect(tables.map((t) => t.name)).not.toContain('filler_0');
    expect(tables.map((t) => t.name)).not.toContain('events_2025');
  });

  it('rolls a partitioned table into one row at its root, with the rows of its partitions', async () => {
    const result = await collector.collect(options, new AbortController().signal, scan());
    const events = ofDatabase(result.tables?.tables).find((t) => t.name === 'events');
    const [figures] = (await engineFigures(database)).filter((e) => e.name === 'events');
    expect(events).toMatchObject({ schema: 'app', totalBytes: figures.total, indexBytes: figures.index, rowEstimate: 30000 });
    expect(ofDatabase(result.tables?.tables).some((t) => t.name.startsWith('events_'))).toBe(false);
  });

  it('tells the index-heavy table and the TOAST-heavy table apart', async () => {
    const result = await collector.collect(options, new AbortController().signal, scan());
    const tables = ofDatabase(result.tables?.tables);
    const indexed = tables.find((t) => t.name === 'indexed');
    const documents = tables.find((t) => t.name === 'documents');
    expect(indexed?.indexBytes).toBeGreaterThan(indexed?.dataBytes ?? Infinity);
    expect(documents?.toastBytes).toBeGreaterThan(10 * (documents?.dataBytes ?? Infinity));
    for (const t of tables) expect(t.totalBytes).toBe(t.dataBytes + t.indexBytes + (t.toastBytes ?? 0));
  });

  it('skips a table held ACCESS EXCLUSIVE by another session without waiting for it, with a warning naming it', async () => {
    const holder = new Client({ host: LOCAL_PG.host, port: LOCAL_PG.port, user: LOCAL_PG.username, database });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE public.documents IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const result = await collector.collect(options, new AbortController().signal, scan());
      // Without the pg_locks check the sizing would wait on the lock (and end at lock_timeout at best).
      expect(Date.now() - started).toBeLessThan(PG_TABLE_LOCK_TIMEOUT_MS);
      const names = ofDatabase(result.tables?.tables).map((t) => t.name);
      expect(names).not.toContain('documents');
      expect(names).toContain('indexed');
      expect(result.warnings.some((w) => w.includes(`database "${database}"`) && w.includes('public.documents') && w.includes('ACCESS EXCLUSIVE'))).toBe(true);
      expect(result.tables?.databases).toContain(database);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });

  it('reads the same rows with the one-statement scan as with the scan that tells locked tables apart', async () => {
    const session = await openPostgresSession(options, new AbortController().signal, database);
    try {
      const careful = await postgresTablesRepository.topTables(session, TOP_TABLES_PER_DATABASE);
      const cheap = await postgresTablesRepository.topTablesUnlocked(session, TOP_TABLES_PER_DATABASE);
      expect(cheap.every((row) => !row.locks_present)).toBe(true);
      expect(careful.length).toBe(TOP_TABLES_PER_DATABASE);
      expect(cheap.map(({ locks_present, ...row }) => (locks_present ? null : row))).toEqual(careful);
    } finally {
      await session.close();
    }
  });

  it('sizes every table exactly when an ACCESS EXCLUSIVE lock elsewhere in the database sends the scan to the lock-aware statement', async () => {
    const holder = new Client({ host: LOCAL_PG.host, port: LOCAL_PG.port, user: LOCAL_PG.username, database });
    await holder.connect();
    try {
      // A temporary table created in an open transaction: ACCESS EXCLUSIVE on a relation the scan never reads.
      await holder.query('BEGIN');
      await holder.query('CREATE TEMPORARY TABLE scratch (id int)');
      const session = await openPostgresSession(options, new AbortController().signal, database);
      try {
        expect((await postgresTablesRepository.topTablesUnlocked(session, TOP_TABLES_PER_DATABASE)).every((row) => row.locks_present)).toBe(true);
      } finally {
        await session.close();
      }
      const result = await collector.collect(options, new AbortController().signal, scan());
      const expected = (await engineFigures(database)).sort((a, b) => b.total - a.total || a.schema.localeCompare(b.schema) || a.name.localeCompare(b.name));
      const tables = ofDatabase(result.tables?.tables);
      expect(tables.map((t) => [`${t.schema}.${t.name}`, t.totalBytes, t.indexBytes])).toEqual(
        expected.slice(0, TOP_TABLES_PER_DATABASE).map((e) => [`${e.schema}.${e.name}`, e.total, e.index]),
      );
      expect(result.warnings.filter((w) => w.includes(`database "${database}"`))).toEqual([]);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
  });

  it('scans only the largest databases up to COLLECT_TABLES_MAX_DATABASES, with a warning', async () => {
    const result = await collector.collect(options, new AbortController().signal, scan(1));
    const largest = [...result.databases].sort((a, b) => (b.sizeBytes ?? 0) - (a.sizeBytes ?? 0))[0];
    expect(result.tables?.databases).toEqual([largest.name]);
    expect(result.warnings.some((w) => w.includes('COLLECT_TABLES_MAX_DATABASES=1'))).toBe(true);
  });

  it('keeps the sizes when the table scan runs out of its time budget', async () => {
    const budget = new AbortController();
    budget.abort(new Error('budget spent'));
    const result = await collector.collect(options, new AbortController().signal, { maxDatabases: 200, signal: budget.signal });
    expect(result.databases.map((d) => d.name)).toContain(database);
    expect(result.tables?.tables).toEqual([]);
    expect(result.warnings.some((w) => w.includes('ran out of time'))).toBe(true);
  });

  it('reads no table without a scan (COLLECT_TABLES off)', async () => {
    const result = await collector.collect(options, new AbortController().signal);
    expect(result.tables).toBeUndefined();
  });
});
