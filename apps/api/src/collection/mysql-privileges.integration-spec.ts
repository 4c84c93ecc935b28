import type { InstanceResponse, LatestDatabaseSizeResponse, SessionDetailResponse } from '@capacity/contracts';
import { required } from '../common/required';
import { JobRunner } from '../jobs/job-runner.service';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { LOCAL_MYSQL, dropMysqlSchemas, mysqlSchemaSize, quoteMysql, uniqueSuffix, withMysql } from './testing/local-engines';
import { startOwnMariadb, type OwnMariadb } from './testing/own-mariadb';

/**
 * What a MySQL/MariaDB user may see decides what a reading can say: nothing (null, with a warning naming the
 * privilege), estimates (`statistics`, without PROCESS) or the files (`files`, with PROCESS). Through the real
 * path: an instance per user, a collection run, the stored rows and the API.
 */
describe('MySQL/MariaDB privileges and binary logs, through a collection run', () => {
  const suffix = uniqueSuffix();
  const full = `cap_p_${suffix}_full`;
  const empty = `cap_p_${suffix}_empty`;
  const password = `Pw-${suffix}-x9`;
  const users = { showdb: `cap_p_${suffix}_showdb`, select: `cap_p_${suffix}_select`, process: `cap_p_${suffix}_process` };
  const grants: Record<keyof typeof users, string> = { showdb: 'SHOW DATABASES', select: 'SELECT', process: 'SELECT, PROCESS' };
  let t: TestApp;
  let own: OwnMariadb | undefined;

  const admin = () => ({ type: 'bearer' as const });
  const createInstance = async (body: Record<string, unknown>): Promise<InstanceResponse> =>
    (await t.http.post('/api/v1/instances').auth(t.adminToken, admin()).send({ db_type: 'mysql', ...body, name: `${body.name as string}-${suffix}` }).expect(201)).body;
  const collect = async (instanceId: number): Promise<SessionDetailResponse> => {
    const started = await t.http.post('/api/v1/collections/run').auth(t.adminToken, admin()).send({ instance_id: instanceId }).expect(202);
    await t.app.get(JobRunner).idle();
    return (await t.http.get(`/api/v1/sessions/${started.body.session_id as string}`).auth(t.adminToken, admin()).expect(200)).body;
  };
  const latest = async (instanceId: number): Promise<LatestDatabaseSizeResponse[]> =>
    (await t.http.get(`/api/v1/instances/${instanceId}/database-sizes/latest`).auth(t.adminToken, admin()).expect(200)).body.data;
  const warningsOf = (session: SessionDetailResponse): string[] => (session.records[0]?.details?.warnings as string[] | undefined) ?? [];
  const userInstance = (user: keyof typeof users) =>
    createInstance({ name: user, host: LOCAL_MYSQL.host, port: LOCAL_MYSQL.port, username: users[user], password });

  beforeAll(async () => {
    await withMysql(async (c) => {
      for (const schema of [full, empty]) await c.query(`CREATE DATABASE ${quoteMysql(schema)}`);
      await c.query(`CREATE TABLE ${quoteMysql(full)}.t (id int PRIMARY KEY, v varchar(200)) ENGINE=InnoDB`);
      await c.query(`INSERT INTO ${quoteMysql(full)}.t SELECT seq, REPEAT('x', 150) FROM ${quoteMysql(full)}.seq_1_to_2000`);
      await c.query(`ANALYZE TABLE ${quoteMysql(full)}.t`); // settled statistics: no background recalculation mid-spec
      await c.query(`CREATE TABLE ${quoteMysql(full)}.m (id int) ENGINE=MyISAM`);
      await c.query(`INSERT INTO ${quoteMysql(full)}.m VALUES (1), (2)`);
      for (const key of Object.keys(users) as (keyof typeof users)[]) {
        await c.query(`CREATE USER ?@'%' IDENTIFIED BY ?`, [users[key], password]);
        await c.query(`GRANT ${grants[key]} ON *.* TO ?@'%'`, [users[key]]);
      }
    });
    t = await createTestApp({ COLLECT_TIMEOUT_MS: '20000' });
  });

  afterAll(async () => {
    await t?.close();
    await own?.stop();
    await withMysql(async (c) => {
      for (const user of Object.values(users)) await c.query(`DROP USER IF EXISTS ?@'%'`, [user]);
    });
    await dropMysqlSchemas([full, empty]);
  });

  it('a SHOW DATABASES-only user: every size null (never 0), the record completed with a warning naming SELECT, the total unknown', async () => {
    const instance = await userInstance('showdb');
    const session = await collect(instance.id);
    expect(session).toMatchObject({ status: 'completed', successful_instances: 1, failed_instances: 0 });
    expect(session.records[0]).toMatchObject({ status: 'completed' });
    const warning = required(warningsOf(session).find((w) => w.includes('unknown')), 'the unreadable-schemas warning');
    expect(warning).toContain(full);
    expect(warning).toContain('grant SELECT');
    expect(session.summary).toMatchObject({ instances_with_warnings: 1 });

    const rows = await latest(instance.id);
    for (const schema of [full, empty]) {
      expect(rows.find((r) => r.database_name === schema)).toMatchObject({ size_bytes: null, size_mb: null, size_source: null });
    }
    expect(rows.every((r) => r.size_bytes === null)).toBe(true);
    const stored: { size: string | null }[] = await t.dataSource.query(
      `SELECT size_bytes::text AS size FROM database_size_stats WHERE instance_id = $1 AND database_name = $2`,
      [instance.id, full],
    );
    expect(stored).toEqual([{ size: null }]);
    const [total]: { total: string | null }[] = await t.dataSource.query(`SELECT total_size_bytes::text AS total FROM instance_size_stats WHERE instance_id = $1`, [instance.id]);
    expect(total.total).toBeNull();
    const listed = (await t.http.get(`/api/v1/instances/${instance.id}`).auth(t.adminToken, admin()).expect(200)).body as InstanceResponse;
    expect(listed.latest_total_size_bytes).toBeNull();
  });

  it('a SELECT-only user: readings flagged statistics, the information_schema.TABLES figures, with a warning that PROCESS gives the files', async () => {
    const instance = await userInstance('select');
    const session = await collect(instance.id);
    expect(session).toMatchObject({ status: 'completed' });
    expect(warningsOf(session).some((w) => w.includes('statistics') && w.includes('grant PROCESS'))).toBe(true);

    const estimate = await withMysql(async (c) => {
      const [rows] = await c.query(`SELECT SUM(DATA_LENGTH + INDEX_LENGTH) AS bytes FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?`, [full]);
      return Number((rows as { bytes: string }[])[0].bytes);
    });
    const rows = await latest(instance.id);
    expect(estimate).toBeGreaterThan(0);
    expect(rows.find((r) => r.database_name === full)).toMatchObject({ size_bytes: estimate, size_source: 'statistics' });
    expect(rows.find((r) => r.database_name === empty)).toMatchObject({ size_bytes: 0, size_source: 'statistics' });
  });

  it('a SELECT + PROCESS user: readings flagged files, the tablespace files plus the non-InnoDB tables', async () => {
    const instance = await userInstance('process');
    const session = await collect(instance.id);
    expect(session).toMatchObject({ status: 'completed' });
    expect(warningsOf(session).filter((w) => w.includes('statistics') || w.includes('unknown'))).toEqual([]);

    const rows = await latest(instance.id);
    expect(rows.find((r) => r.database_name === full)).toMatchObject({ size_bytes: await mysqlSchemaSize(full), size_source: 'files' });
    expect(rows.find((r) => r.database_name === empty)).toMatchObject({ size_bytes: 0, size_source: 'files' });
    const history = (await t.http.get(`/api/v1/instances/${instance.id}/database-sizes`).query({ database_name: full }).auth(t.adminToken, admin()).expect(200)).body;
    expect(history.data[0].stats.at(-1)).toMatchObject({ size_source: 'files' });
  });

  it('the binary logs of a server started with --log-bin: the instance reading holds their sum (SHOW BINARY LOGS)', async () => {
    own = await startOwnMariadb();
    await own.query(`CREATE DATABASE binlog_app`);
    await own.query(`CREATE TABLE binlog_app.t (id int PRIMARY KEY, v text) ENGINE=InnoDB`);
    await own.query(`INSERT INTO binlog_app.t SELECT seq, REPEAT('y', 500) FROM binlog_app.seq_1_to_3000`);
    await own.query(`FLUSH BINARY LOGS`); // two files, so the sum is a sum
    await own.query(`INSERT INTO binlog_app.t SELECT seq + 3000, REPEAT('z', 500) FROM binlog_app.seq_1_to_1000`);

    const instance = await createInstance({ name: 'binlog', host: own.host, port: own.port, username: own.username });
    const session = await collect(instance.id);
    expect(session).toMatchObject({ status: 'completed' });
    const logs = await own.query<{ File_size: string }>('SHOW BINARY LOGS');
    const expected = logs.reduce((sum, row) => sum + Number(row.File_size), 0);
    expect(logs.length).toBeGreaterThanOrEqual(2);
    expect(expected).toBeGreaterThan(1_000_000);

    const [stored]: { log: string | null; total: string; data: string }[] = await t.dataSource.query(
      `SELECT log_size_bytes::text AS log, total_size_bytes::text AS total, data_size_bytes::text AS data FROM instance_size_stats WHERE instance_id = $1`,
      [instance.id],
    );
    expect(Number(stored.log)).toBe(expected);
    expect(session.records[0]?.details).toMatchObject({ log_size_bytes: expected });
    const databases = await latest(instance.id);
    expect(Number(stored.data)).toBe(databases.reduce((sum, d) => sum + required(d.size_bytes, d.database_name), 0));
    expect(databases.find((d) => d.database_name === 'binlog_app')).toMatchObject({ size_source: 'files', log_size_bytes: null });
  });
});
