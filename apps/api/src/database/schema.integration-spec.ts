import { Client } from 'pg';
import { createTestDatabase, testServerKind, type TestDatabase } from '../test-support/test-database';
import { addMonths, currentMonthIn, STATS_TABLES } from '@capacity/contracts';
import { partitionName } from '../partition/partition-naming';
import { runMigrations } from './run-migrations';

describe(`repository schema (${testServerKind()} PostgreSQL)`, () => {
  let database: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it.each(STATS_TABLES)('%s is range-partitioned with a default and the current month plus 3', async (table) => {
    const { rows: kind } = await client.query(
      `SELECT p.partstrat FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid WHERE c.relname = $1`,
      [table],
    );
    expect(kind).toEqual([{ partstrat: 'r' }]);
    const { rows } = await client.query(
      `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
       WHERE p.relname = $1 ORDER BY c.relname`,
      [table],
    );
    const current = currentMonthIn('UTC');
    const expected = [0, 1, 2, 3].map((offset) => partitionName(table, addMonths(current, offset)));
    expect(rows.map((row) => row.relname).sort()).toEqual([...expected, `${table}_default`].sort());
  });

  it('routes a row dated 10 years ahead to the default partition', async () => {
    const { rows: [instance] } = await client.query(
      `INSERT INTO instances (name, db_type, host, port, username) VALUES ('far-future', 'postgresql', 'h', 5432, 'u') RETURNING id`,
    );
    const future = new Date();
    future.setUTCFullYear(future.getUTCFullYear() + 10);
    const day = future.toISOString().slice(0, 10);
    await client.query(
      `INSERT INTO database_size_stats (instance_id, database_name, size_bytes, collected_date, collected_at) VALUES ($1, 'db', 1, $2, now())`,
      [instance.id, day],
    );
    const { rows } = await client.query(`SELECT tableoid::regclass::text AS partition FROM database_size_stats WHERE collected_date = $1`, [day]);
    expect(rows).toEqual([{ partition: 'database_size_stats_default' }]);
  });

  it.each([
    ['database_size_stats', 'uq_database_size_stats_key', ['instance_id', 'database_name', 'collected_date']],
    ['instance_size_stats', 'uq_instance_size_stats_key', ['instance_id', 'collected_date']],
    ['database_size_aggregations', 'uq_database_size_aggregations_key', ['instance_id', 'database_name', 'period_type', 'period_start']],
    ['instance_size_aggregations', 'uq_instance_size_aggregations_key', ['instance_id', 'period_type', 'period_start']],
  ])('%s has the unique key %s', async (table, index, columns) => {
    const { rows } = await client.query(
      `SELECT i.indisunique, array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE ic.relname = $1 AND t.relname = $2 GROUP BY i.indisunique`,
      [index, table],
    );
    expect(rows).toEqual([{ indisunique: true, columns }]);
  });

  it('refuses a second reading of the same database and day (unique key)', async () => {
    const { rows: [instance] } = await client.query(
      `INSERT INTO instances (name, db_type, host, port, username) VALUES ('dupe-check', 'mysql', 'h', 3306, 'u') RETURNING id`,
    );
    const insert = `INSERT INTO database_size_stats (instance_id, database_name, size_bytes, collected_date, collected_at) VALUES ($1, 'db', 1, current_date, now())`;
    await client.query(insert, [instance.id]);
    await expect(client.query(insert, [instance.id])).rejects.toThrow(/duplicate key value violates unique constraint/);
  });

  it('runs no migration twice', async () => {
    expect(await runMigrations(database.url)).toEqual([]);
  });
});
