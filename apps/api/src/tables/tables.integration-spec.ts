import type { InstanceResponse, SessionDetailResponse, TableGrowthResponse, TopTablesResponse } from '@capacity/contracts';
import { LOCAL_PG, dropPgDatabases, quotePg, uniqueSuffix, withPg } from '../collection/testing/local-engines';
import { PostgresqlCollector } from '../collector/engines/postgresql.collector';
import { JobRunner } from '../jobs/job-runner.service';
import { StatsService } from '../stats/stats.service';
import { createInstance } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';

interface TableRow {
  database: string;
  table: string;
  date: string;
  total: number;
}

/** Table readings written straight into table_size_stats (schema public, data = total, no index or TOAST). */
async function insertTableStats(t: TestApp, instanceId: number, rows: TableRow[]): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO table_size_stats (instance_id, database_name, schema_name, table_name, total_bytes, data_bytes, index_bytes, toast_bytes,
       row_estimate, size_source, collected_date, collected_at)
     SELECT $1, r.db, 'public', r.name, r.total, r.total, 0, 0, NULL, 'files', r.day, (r.day::timestamp + time '03:00') AT TIME ZONE 'UTC'
     FROM unnest($2::text[], $3::text[], $4::date[], $5::bigint[]) AS r(db, name, day, total)`,
    [instanceId, rows.map((r) => r.database), rows.map((r) => r.table), rows.map((r) => r.date), rows.map((r) => r.total)],
  );
}

describe('top tables per database (API)', () => {
  let t: TestApp;
  let viewer: { id: number; token: string };
  let ownedByViewer: number;
  let notTheViewers: number;
  const get = (path: string, token = t.adminToken) => t.http.get(`/api/v1${path}`).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.loginAs('viewer');
    ownedByViewer = (await createInstance(t.dataSource, { owner_id: viewer.id })).id;
    notTheViewers = (await createInstance(t.dataSource)).id;
    const rows: TableRow[] = [];
    for (const id of [ownedByViewer, notTheViewers]) {
      const day = (date: string, table: string, total: number) => rows.push({ database: 'shop', table, date, total }) && undefined;
      day('2026-10-01', 'orders', 1000);
      day('2026-10-01', 'items', 5000);
      day('2026-10-24', 'orders', 2000);
      day('2026-10-24', 'items', 5100);
      day('2026-10-24', 'logs', 100);
      day('2026-10-31', 'orders', 4000);
      day('2026-10-31', 'items', 5200);
      day('2026-10-31', 'logs', 400);
      day('2026-10-31', 'fresh', 999);
      rows.push({ database: 'other', table: 'orders', date: '2026-11-02', total: 1 });
      await insertTableStats(t, id, rows.splice(0));
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lists the tables of the latest day with readings by default, largest first', async () => {
    const body = (await get(`/instances/${ownedByViewer}/databases/shop/tables`).expect(200)).body as TopTablesResponse;
    expect(body).toMatchObject({ instance_id: ownedByViewer, database_name: 'shop', collected_date: '2026-10-31' });
    expect(body.data.map((row) => [row.table_name, row.total_bytes])).toEqual([['items', 5200], ['orders', 4000], ['fresh', 999], ['logs', 400]]);
    expect(body.data[0]).toMatchObject({ schema_name: 'public', data_bytes: 5200, index_bytes: 0, toast_bytes: 0, row_estimate: null, size_source: 'files', collected_at: '2026-10-31T03:00:00.000Z' });
  });

  it('lists the tables of the day asked for; none for a day without readings', async () => {
    const body = (await get(`/instances/${ownedByViewer}/databases/shop/tables?date=2026-10-24`).expect(200)).body as TopTablesResponse;
    expect(body.data.map((row) => row.table_name)).toEqual(['items', 'orders', 'logs']);
    const empty = (await get(`/instances/${ownedByViewer}/databases/shop/tables?date=2026-10-25`).expect(200)).body as TopTablesResponse;
    expect(empty).toMatchObject({ collected_date: '2026-10-25', data: [] });
    const unknown = (await get(`/instances/${ownedByViewer}/databases/nothing/tables`).expect(200)).body as TopTablesResponse;
    expect(unknown).toMatchObject({ collected_date: null, data: [] });
  });

  it('computes the growth over 7 days against the readings of the window start, fastest first', async () => {
    const body = (await get(`/instances/${ownedByViewer}/databases/shop/tables/growth?window_days=7`).expect(200)).body as TableGrowthResponse;
    expect(body).toMatchObject({ window_days: 7, start_date: '2026-10-24', end_date: '2026-10-31' });
    expect(body.data.map((row) => [row.table_name, row.start_date, row.start_total_bytes, row.end_total_bytes, row.change_bytes, row.change_percent])).toEqual([
      ['orders', '2026-10-24', 2000, 4000, 2000, 100],
      ['logs', '2026-10-24', 100, 400, 300, 300],
      ['items', '2026-10-24', 5100, 5200, 100, 1.96],
    ]);
  });

  it('computes the growth over 30 days (the default), a table new in the window from its first reading', async () => {
    const body = (await get(`/instances/${ownedByViewer}/databases/shop/tables/growth`).expect(200)).body as TableGrowthResponse;
    expect(body).toMatchObject({ window_days: 30, start_date: '2026-10-01', end_date: '2026-10-31' });
    expect(body.data.map((row) => [row.table_name, row.start_date, row.change_bytes, row.change_percent])).toEqual([
      ['orders', '2026-10-01', 3000, 300],
      ['logs', '2026-10-24', 300, 300],
      ['items', '2026-10-01', 200, 4],
    ]);
    const none = (await get(`/instances/${ownedByViewer}/databases/nothing/tables/growth`).expect(200)).body as TableGrowthResponse;
    expect(none).toMatchObject({ start_date: null, end_date: null, data: [] });
  });

  it('lets a viewer read its own instance only: another instance is unknown to it (404)', async () => {
    await get(`/instances/${ownedByViewer}/databases/shop/tables`, viewer.token).expect(200);
    await get(`/instances/${ownedByViewer}/databases/shop/tables/growth`, viewer.token).expect(200);
    await get(`/instances/${notTheViewers}/databases/shop/tables`, viewer.token).expect(404);
    await get(`/instances/${notTheViewers}/databases/shop/tables/growth`, viewer.token).expect(404);
    await t.http.get(`/api/v1/instances/${ownedByViewer}/databases/shop/tables`).expect(401);
  });

  it('answers 404 for an unknown instance', async () => {
    await get(`/instances/999999/databases/shop/tables`).expect(404);
    await get(`/instances/999999/databases/shop/tables/growth`).expect(404);
  });

  it.each([
    ['/databases/shop/tables?date=2026-13-01', 'date'],
    ['/databases/shop/tables?date=yesterday', 'date'],
    ['/databases/shop/tables?day=2026-10-01', 'day'],
    ['/databases/shop/tables/growth?window_days=0', 'window_days'],
    ['/databases/shop/tables/growth?window_days=7.5', 'window_days'],
    ['/databases/shop/tables/growth?window_days=3651', 'window_days'],
    [`/databases/${'x'.repeat(256)}/tables`, 'name'],
    [`/databases/${'x'.repeat(256)}/tables/growth`, 'name'],
  ])('answers 400 naming the field for %s', async (path, field) => {
    const response = await get(`/instances/${ownedByViewer}${path}`).expect(400);
    expect(response.body.fields).toEqual([field]);
  });

  it('answers 400 naming the id for a bad instance id', async () => {
    const response = await get(`/instances/abc/databases/shop/tables`).expect(400);
    expect(response.body.fields).toEqual(['id']);
  });
});

describe('top tables collected from the local PostgreSQL and served (write path)', () => {
  const suffix = uniqueSuffix();
  const database = `cap_tw_${suffix}`;
  let t: TestApp;
  let instance: InstanceResponse;

  const collect = async (): Promise<SessionDetailResponse> => {
    const run = await t.http.post('/api/v1/collections/run').auth(t.adminToken, { type: 'bearer' }).send({ instance_id: instance.id }).expect(202);
    await t.app.get(JobRunner).idle();
    return (await t.http.get(`/api/v1/sessions/${run.body.session_id as string}`).auth(t.adminToken, { type: 'bearer' }).expect(200)).body as SessionDetailResponse;
  };

  beforeAll(async () => {
    await withPg((client) => client.query(`CREATE DATABASE ${quotePg(database)}`));
    await withPg(async (client) => {
      await client.query(`CREATE TABLE big (id int PRIMARY KEY, v text)`);
      await client.query(`INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, 20000) g`);
      await client.query(`CREATE TABLE small (id int)`);
      await client.query(`INSERT INTO small SELECT generate_series(1, 10)`);
      await client.query('VACUUM ANALYZE');
    }, database);
    t = await createTestApp();
    instance = (
      await t.http
        .post('/api/v1/instances')
        .auth(t.adminToken, { type: 'bearer' })
        .send({ name: `tables-${suffix}`, db_type: 'postgresql', host: LOCAL_PG.host, port: LOCAL_PG.port, username: LOCAL_PG.username, database_name: 'postgres' })
        .expect(201)
    ).body as InstanceResponse;
  });

  afterAll(async () => {
    await t?.close();
    await dropPgDatabases([database]);
  });

  it('stores the tables with the sizes and serves them; a later run the same day keeps them, a same-day reading with tables replaces them, nothing twice', async () => {
    const first = await collect();
    expect(first.status).toBe('completed');
    const served = (await t.http.get(`/api/v1/instances/${instance.id}/databases/${database}/tables`).auth(t.adminToken, { type: 'bearer' }).expect(200)).body as TopTablesResponse;
    const [expected] = await withPg(async (client) => (await client.query<{ total: string }>(`SELECT pg_total_relation_size('big')::text AS total`)).rows, database);
    expect(served.data.map((row) => row.table_name)).toEqual(['big', 'small']);
    expect(served.data[0].total_bytes).toBe(Number(expected.total));

    await withPg((client) => client.query(`DROP TABLE small`), database);
    const readings = (): Promise<{ table_name: string; readings: number }[]> =>
      t.dataSource.query(
        `SELECT table_name, count(*)::int AS readings FROM table_size_stats WHERE instance_id = $1 AND database_name = $2 GROUP BY table_name ORDER BY table_name`,
        [instance.id, database],
      );
    // The table history is daily: a later run of the day collects the sizes and keeps the day's top list.
    const second = await collect();
    expect(second.status).toBe('completed');
    expect(second.records[0].details).toMatchObject({ table_scan: 'already_read_today' });
    expect(await readings()).toEqual([
      { table_name: 'big', readings: 1 },
      { table_name: 'small', readings: 1 },
    ]);

    // A same-day reading that carries tables (the write path of a scan) replaces that day's list of the database.
    const options = { host: LOCAL_PG.host, port: LOCAL_PG.port, username: LOCAL_PG.username, password: null, database: 'postgres', connectTimeoutMs: 5000 };
    const reread = await new PostgresqlCollector().collect(options, new AbortController().signal, { maxDatabases: 200, signal: new AbortController().signal });
    await t.app.get(StatsService).saveReading(instance.id, reread);
    // One reading per table and day; the dropped table's row of the day is gone with the new top list.
    expect(await readings()).toEqual([{ table_name: 'big', readings: 1 }]);
    const [{ total }]: { total: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS total FROM (SELECT 1 FROM table_size_stats WHERE instance_id = $1 GROUP BY database_name, schema_name, table_name, collected_date HAVING count(*) > 1) d`,
      [instance.id],
    );
    expect(total).toBe(0);
  });
});
