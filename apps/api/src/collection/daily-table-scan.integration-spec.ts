import type { InstanceResponse, SessionDetailResponse } from '@capacity/contracts';
import { required } from '../common/required';
import { JobRunner } from '../jobs/job-runner.service';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { LOCAL_PG, createPgDatabase, dropPgDatabases, pgDatabaseSizes, uniqueSuffix, withPg } from './testing/local-engines';

interface StoredTable {
  table_name: string;
  total_bytes: string;
  collected_date: string;
  collected_at: Date;
}

/** The once-a-day table scan, through the real app (embedded repository) against the local PostgreSQL. */
describe('the top tables are read once per instance and day', () => {
  const suffix = uniqueSuffix();
  const database = `cap_d_${suffix}`;
  let t: TestApp;
  let instance: InstanceResponse;

  const run = async (): Promise<SessionDetailResponse['records'][number]> => {
    const started = await t.http.post('/api/v1/collections/run').auth(t.adminToken, { type: 'bearer' }).send({ instance_id: instance.id }).expect(202);
    await t.app.get(JobRunner).idle();
    const session = (await t.http.get(`/api/v1/sessions/${started.body.session_id as string}`).auth(t.adminToken, { type: 'bearer' }).expect(200)).body as SessionDetailResponse;
    const record = required(session.records.find((r) => r.instance_id === instance.id), 'the record of the instance');
    expect(record.status).toBe('completed');
    return record;
  };
  const storedTables = (): Promise<StoredTable[]> =>
    t.dataSource.query(
      `SELECT table_name, total_bytes::text AS total_bytes, to_char(collected_date, 'YYYY-MM-DD') AS collected_date, collected_at
       FROM table_size_stats WHERE instance_id = $1 AND database_name = $2 ORDER BY collected_date, table_name`,
      [instance.id, database],
    );
  const storedSize = async (): Promise<number> => {
    const [row]: { size_bytes: string }[] = await t.dataSource.query(
      `SELECT size_bytes::text AS size_bytes FROM database_size_stats WHERE instance_id = $1 AND database_name = $2 ORDER BY collected_at DESC LIMIT 1`,
      [instance.id, database],
    );
    return Number(row.size_bytes);
  };
  const pgTableSize = (): Promise<number> =>
    withPg(async (client) => Number((await client.query<{ size: string }>(`SELECT pg_total_relation_size('readings')::text AS size`)).rows[0].size), database);

  beforeAll(async () => {
    await createPgDatabase(database, 2000);
    t = await createTestApp({ APP_TIMEZONE: 'UTC', COLLECT_TABLES: 'true' });
    instance = (
      await t.http
        .post('/api/v1/instances')
        .auth(t.adminToken, { type: 'bearer' })
        .send({ name: `daily-${suffix}`, db_type: 'postgresql', host: LOCAL_PG.host, port: LOCAL_PG.port, username: LOCAL_PG.username, database_name: 'postgres' })
        .expect(201)
    ).body as InstanceResponse;
  });

  afterAll(async () => {
    await t?.close();
    await dropPgDatabases([database]);
  });

  it('reads them on the first run of the day, keeps them on a later run of that day (sizes collected anew), reads them again the next day', async () => {
    const first = await run();
    expect(first.details).toMatchObject({ table_scan: 'read', tables_read_at: expect.any(String) });
    expect(first.details?.table_count).toEqual(expect.any(Number));
    const firstTables = await storedTables();
    expect(firstTables.map((row) => row.table_name)).toEqual(['readings']);
    expect(Number(firstTables[0].total_bytes)).toBe(await pgTableSize());
    expect(new Date(firstTables[0].collected_at).toISOString()).toBe(first.details?.tables_read_at);

    // The database grows between the runs: the sizes follow, the day's top tables stay as first read.
    await withPg((client) => client.query(`INSERT INTO readings SELECT g, repeat(md5(g::text), 4) FROM generate_series(2001, 6000) g`), database);
    const grown = await pgTableSize();
    expect(grown).toBeGreaterThan(Number(firstTables[0].total_bytes));

    const later = await run();
    expect(later.details).toMatchObject({ table_scan: 'already_read_today', table_count: null, tables_read_at: first.details?.tables_read_at });
    expect(String(later.details?.table_scan_note)).toContain('the table history is daily');
    expect(await storedTables()).toEqual(firstTables);
    expect(await storedSize()).toBe((await pgDatabaseSizes([database])).get(database));

    // The next day (the stored scan moved to yesterday): read again, at the grown size.
    await t.dataSource.query(`UPDATE table_size_stats SET collected_date = collected_date - 1 WHERE instance_id = $1`, [instance.id]);
    const nextDay = await run();
    expect(nextDay.details).toMatchObject({ table_scan: 'read' });
    const today = firstTables[0].collected_date;
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const days = await storedTables();
    expect(days.map((row) => [row.table_name, row.collected_date])).toEqual([
      ['readings', yesterday],
      ['readings', today],
    ]);
    expect(Number(days[1].total_bytes)).toBe(grown);
  });
});
