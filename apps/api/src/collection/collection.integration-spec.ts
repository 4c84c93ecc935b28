import type { InstanceResponse, LatestDatabaseSizeResponse, SessionDetailResponse } from '@capacity/contracts';
import { required } from '../common/required';
import { JobRunner } from '../jobs/job-runner.service';
import { OrphanedRunSweep } from '../jobs/orphaned-run-sweep.service';
import { createTestApp, type TestApp } from '../test-support/test-app';
import {
  LOCAL_MYSQL,
  LOCAL_PG,
  closedPort,
  createPgDatabase,
  dropMysqlSchemas,
  dropPgDatabases,
  mysqlSchemaSize,
  pgDatabaseSizes,
  quoteMysql,
  silentServer,
  uniqueSuffix,
  withMysql,
  withPg,
} from './testing/local-engines';

const TIMEOUT_MS = 2000;
// Upper bounds on wall-clock time: a run that honours the time limit takes a little over TIMEOUT_MS; the
// bounds allow 3-4 times that for a loaded machine and still fail a run left waiting on a silent server.
const RUN_BOUND_MS = TIMEOUT_MS * 4;
const TEST_CONNECTION_BOUND_MS = TIMEOUT_MS * 3.5;

describe('collection runs against the local PostgreSQL and MariaDB', () => {
  const suffix = uniqueSuffix();
  const pgPlain = `cap_c_${suffix}_plain`;
  const pgOdd = `cap c ${suffix} 'ö数据`;
  const myFull = `cap_c_${suffix}_full`;
  const myOdd = `cap c ${suffix} 'ö数据`;
  const myEmpty = `cap_c_${suffix}_empty`;
  let t: TestApp;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  let viewer: { id: number; token: string };

  const admin = () => ({ type: 'bearer' as const });
  const createInstance = async (body: Record<string, unknown>): Promise<InstanceResponse> => {
    const response = await t.http
      .post('/api/v1/instances')
      .auth(t.adminToken, admin())
      .send({ name: `${body.name as string}-${suffix}`, ...body, ...(body.name ? { name: `${body.name as string}-${suffix}` } : {}) })
      .expect(201);
    return response.body as InstanceResponse;
  };
  const pgInstance = (name: string, extra: Record<string, unknown> = {}) =>
    createInstance({ name, db_type: 'postgresql', host: LOCAL_PG.host, port: LOCAL_PG.port, username: LOCAL_PG.username, database_name: 'postgres', ...extra });
  const mysqlInstance = (name: string, extra: Record<string, unknown> = {}) =>
    createInstance({ name, db_type: 'mysql', host: LOCAL_MYSQL.host, port: LOCAL_MYSQL.port, username: LOCAL_MYSQL.username, ...extra });

  const sessionOf = async (sessionId: string): Promise<SessionDetailResponse> =>
    (await t.http.get(`/api/v1/sessions/${sessionId}`).auth(t.adminToken, admin()).expect(200)).body as SessionDetailResponse;
  /** A run started over HTTP goes on in the background: wait until this app's runs have ended, then read its session. */
  const waitForSession = async (sessionId: string): Promise<SessionDetailResponse> => {
    await t.app.get(JobRunner).idle();
    return sessionOf(sessionId);
  };
  const runAndWait = async (instanceId?: number): Promise<SessionDetailResponse> => {
    const response = await t.http
      .post('/api/v1/collections/run')
      .auth(t.adminToken, admin())
      .send(instanceId === undefined ? {} : { instance_id: instanceId })
      .expect(202);
    return waitForSession(response.body.session_id as string);
  };
  const latest = async (instanceId: number, token = t.adminToken): Promise<LatestDatabaseSizeResponse[]> =>
    (await t.http.get(`/api/v1/instances/${instanceId}/database-sizes/latest`).auth(token, admin()).expect(200)).body.data;

  beforeAll(async () => {
    await createPgDatabase(pgPlain, 3000);
    await createPgDatabase(pgOdd, 100);
    await withMysql(async (c) => {
      for (const schema of [myFull, myOdd, myEmpty]) await c.query(`CREATE DATABASE ${quoteMysql(schema)} CHARACTER SET utf8mb4`);
      await c.query(`CREATE TABLE ${quoteMysql(myFull)}.t (id int PRIMARY KEY, v varchar(100)) ENGINE=InnoDB`);
      await c.query(`INSERT INTO ${quoteMysql(myFull)}.t VALUES (1, 'a'), (2, 'b')`);
      await c.query(`CREATE TABLE ${quoteMysql(myOdd)}.${quoteMysql("t 'ö")} (id int) ENGINE=MyISAM`);
      await c.query(`INSERT INTO ${quoteMysql(myOdd)}.${quoteMysql("t 'ö")} VALUES (1), (2), (3)`);
    });
    silent = await silentServer();
    t = await createTestApp({ COLLECT_TIMEOUT_MS: String(TIMEOUT_MS), COLLECT_CONCURRENCY: '8' });
    viewer = await t.loginAs('viewer');
  });

  afterAll(async () => {
    await t?.close();
    await silent?.close();
    await dropPgDatabases([pgPlain, pgOdd, `cap_c_${suffix}_gone`]);
    await dropMysqlSchemas([myFull, myOdd, myEmpty]);
  });

  describe('fault isolation', () => {
    it('finishes within the timeout, stores the healthy instances and names each failure; the session is partial', async () => {
      const healthyPg = await pgInstance('healthy-pg');
      const healthyMysql = await mysqlInstance('healthy-mysql');
      const refused = await pgInstance('closed-port', { port: await closedPort() });
      const badPassword = await mysqlInstance('wrong-password', { password: 'definitely-not-the-password' });
      const hungPg = await pgInstance('silent-pg', { port: silent.port });
      const hungMysql = await mysqlInstance('silent-mysql', { port: silent.port });
      const inactive = await pgInstance('inactive', { port: await closedPort(), is_active: false });

      const started = Date.now();
      const session = await runAndWait();
      const elapsed = Date.now() - started;

      expect(elapsed).toBeLessThan(RUN_BOUND_MS);
      expect(session).toMatchObject({ status: 'partial', sync_category: 'capacity', sync_type: 'manual', total_instances: 6, successful_instances: 2, failed_instances: 4 });
      const record = (id: number) => required(session.records.find((r) => r.instance_id === id), `the record of instance ${id}`);
      expect(session.records.find((r) => r.instance_id === inactive.id)).toBeUndefined();

      expect(record(refused.id)).toMatchObject({ status: 'failed', items_synced: 0 });
      expect(record(refused.id).error_message).toMatch(/^connection refused by 127\.0\.0\.1:\d+/);
      expect(record(badPassword.id).status).toBe('failed');
      expect(record(badPassword.id).error_message).toMatch(/^authentication failed for user root/);
      for (const hung of [hungPg, hungMysql]) {
        expect(record(hung.id).status).toBe('failed');
        expect(record(hung.id).error_message).toMatch(/^timeout: /);
      }
      expect(silent.connections()).toBeGreaterThanOrEqual(2);
      // The hung connections were torn down, not left open.
      await vi.waitFor(() => expect(silent.open()).toBe(0), { timeout: 5000 });

      const pgRows = await latest(healthyPg.id);
      expect(record(healthyPg.id)).toMatchObject({ status: 'completed', items_synced: pgRows.length, error_message: null });
      const pgExpected = await pgDatabaseSizes([pgPlain, pgOdd]);
      for (const name of [pgPlain, pgOdd]) {
        const row = pgRows.find((r) => r.database_name === name);
        expect(row?.size_bytes).toBe(pgExpected.get(name));
        expect(row?.size_mb).toBe(Math.round((required(pgExpected.get(name), name) / 1024 / 1024) * 100) / 100);
      }

      const myRows = await latest(healthyMysql.id);
      expect(record(healthyMysql.id)).toMatchObject({ status: 'completed', items_synced: myRows.length });
      for (const name of [myFull, myOdd, myEmpty]) {
        expect(myRows.find((r) => r.database_name === name)?.size_bytes).toBe(await mysqlSchemaSize(name));
      }
      expect(myRows.find((r) => r.database_name === myEmpty)).toMatchObject({ size_bytes: 0, size_mb: 0, log_size_bytes: null });

      const [instanceRow]: { total: string; log: string; count: number }[] = await t.dataSource.query(
        `SELECT total_size_bytes::text AS total, log_size_bytes::text AS log, database_count AS count FROM instance_size_stats WHERE instance_id = $1`,
        [healthyPg.id],
      );
      // The total is the databases plus the instance's WAL (the superuser may read it).
      expect(Number(instanceRow.total)).toBe(pgRows.reduce((sum, r) => sum + required(r.size_bytes, r.database_name), 0) + Number(instanceRow.log));
      expect(instanceRow.count).toBe(pgRows.length);

      // The instances list shows each instance's latest total and last collection.
      const listed = (await t.http.get('/api/v1/instances').auth(t.adminToken, admin()).expect(200)).body.data as InstanceResponse[];
      expect(listed.find((i) => i.id === healthyPg.id)).toMatchObject({
        latest_total_size_bytes: Number(instanceRow.total),
        database_count: pgRows.length,
        last_collection_status: 'completed',
      });
      const listedAt = new Date(required(required(listed.find((i) => i.id === healthyPg.id), 'the listed instance').last_collected_at, 'its last_collected_at')).getTime();
      expect(listedAt).toBeGreaterThanOrEqual(new Date(pgRows[0].collected_at).getTime());
      expect(listed.find((i) => i.id === refused.id)).toMatchObject({ latest_total_size_bytes: null, last_collection_status: 'failed' });
    });
  });

  describe('repeated collection', () => {
    it('keeps one row per database and day, with the later reading', async () => {
      const instance = await pgInstance('twice');
      await runAndWait(instance.id);
      const [first]: { size: string; at: Date }[] = await t.dataSource.query(
        `SELECT size_bytes::text AS size, collected_at AS at FROM database_size_stats WHERE instance_id = $1 AND database_name = $2`,
        [instance.id, pgPlain],
      );
      await withPg(async (c) => {
        await c.query(`INSERT INTO readings SELECT g, repeat(md5(g::text), 8) FROM generate_series(100001, 104000) g`);
        await c.query('VACUUM ANALYZE readings');
      }, pgPlain);
      await runAndWait(instance.id);

      const rows: { size: string; at: Date; date: string }[] = await t.dataSource.query(
        `SELECT size_bytes::text AS size, collected_at AS at, to_char(collected_date, 'YYYY-MM-DD') AS date
         FROM database_size_stats WHERE instance_id = $1 AND database_name = $2`,
        [instance.id, pgPlain],
      );
      const now = (await pgDatabaseSizes([pgPlain])).get(pgPlain);
      expect(rows).toHaveLength(1);
      expect(Number(rows[0].size)).toBe(now);
      expect(Number(rows[0].size)).toBeGreaterThan(Number(first.size));
      expect(new Date(rows[0].at).getTime()).toBeGreaterThan(new Date(first.at).getTime());
      const [{ count }]: { count: number }[] = await t.dataSource.query(`SELECT count(*)::int AS count FROM instance_size_stats WHERE instance_id = $1`, [instance.id]);
      expect(count).toBe(1);
    });

    it('keeps the history of a database that disappeared, and leaves it out of the latest sizes', async () => {
      const gone = `cap_c_${suffix}_gone`;
      await createPgDatabase(gone, 10);
      const instance = await pgInstance('disappearing');
      await runAndWait(instance.id);
      expect((await latest(instance.id)).map((r) => r.database_name)).toContain(gone);
      await dropPgDatabases([gone]);
      await runAndWait(instance.id);

      expect((await latest(instance.id)).map((r) => r.database_name)).not.toContain(gone);
      const kept: unknown[] = await t.dataSource.query(`SELECT 1 FROM database_size_stats WHERE instance_id = $1 AND database_name = $2`, [instance.id, gone]);
      expect(kept).toHaveLength(1);
    });
  });

  describe('POST /collections/run', () => {
    it('answers 202 with the session id, and 409 while the run is going', async () => {
      const hung = await pgInstance('busy', { port: silent.port, is_active: false });
      const first = await t.http.post('/api/v1/collections/run').auth(t.adminToken, admin()).send({ instance_id: hung.id }).expect(202);
      expect(first.body).toEqual({ session_id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'running' });
      const second = await t.http.post('/api/v1/collections/run').auth(t.adminToken, admin()).send({}).expect(409);
      expect(second.body).toMatchObject({ statusCode: 409, message: 'a collect run is already in progress' });
      const session = await waitForSession(first.body.session_id);
      expect(session).toMatchObject({ status: 'failed', total_instances: 1, failed_instances: 1 });
      expect(session.records[0].error_message).toMatch(/^timeout: /);
    });

    it('answers 404 for an unknown instance, 400 for a bad instance_id and 403 for a viewer', async () => {
      const missing = await t.http.post('/api/v1/collections/run').auth(t.adminToken, admin()).send({ instance_id: 999999 }).expect(404);
      expect(missing.body.message).toContain('999999');
      const bad = await t.http.post('/api/v1/collections/run').auth(t.adminToken, admin()).send({ instance_id: 'abc' }).expect(400);
      expect(JSON.stringify(bad.body.message)).toContain('instance_id');
      await t.http.post('/api/v1/collections/run').auth(viewer.token, admin()).send({}).expect(403);
    });
  });

  describe('GET /instances/:id/database-sizes/latest', () => {
    it('serves the owner viewer and answers 404 to a viewer who does not own the instance', async () => {
      const owned = await pgInstance('owned', { owner_id: viewer.id });
      const other = await pgInstance('not-owned');
      await runAndWait(owned.id);
      await runAndWait(other.id);
      const rows = await latest(owned.id, viewer.token);
      expect(rows.find((r) => r.database_name === pgPlain)).toMatchObject({
        data_size_bytes: expect.any(Number),
        log_size_bytes: null,
        log_size_mb: null,
        collected_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
      await t.http.get(`/api/v1/instances/${other.id}/database-sizes/latest`).auth(viewer.token, admin()).expect(404);
      await t.http.get(`/api/v1/instances/999999/database-sizes/latest`).auth(t.adminToken, admin()).expect(404);
    });

    it('answers an empty list before the first collection', async () => {
      const fresh = await pgInstance('never-collected');
      expect(await latest(fresh.id)).toEqual([]);
    });
  });

  describe('POST /instances/:id/test-connection', () => {
    it('really connects and names the cause of each failure', async () => {
      const ok = await pgInstance('probe-ok');
      const wrong = await mysqlInstance('probe-wrong', { password: 'definitely-not-the-password' });
      const refused = await pgInstance('probe-refused', { port: await closedPort() });
      const hung = await mysqlInstance('probe-silent', { port: silent.port });
      const test = async (id: number) => (await t.http.post(`/api/v1/instances/${id}/test-connection`).auth(t.adminToken, admin()).expect(200)).body;

      const serverVersion = await withPg(async (c) => (await c.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v);
      expect(await test(ok.id)).toMatchObject({ ok: true, server_version: `PostgreSQL ${serverVersion}`, latency_ms: expect.any(Number) });
      expect(await test(wrong.id)).toMatchObject({ ok: false, failure: 'authentication', message: expect.stringContaining('authentication failed') });
      expect(await test(refused.id)).toMatchObject({ ok: false, failure: 'refused' });
      const started = Date.now();
      expect(await test(hung.id)).toMatchObject({ ok: false, failure: 'timeout' });
      expect(Date.now() - started).toBeLessThan(TEST_CONNECTION_BOUND_MS);
      await t.http.post(`/api/v1/instances/${ok.id}/test-connection`).auth(viewer.token, admin()).expect(403);
    });
  });

  describe('GET /metrics', () => {
    it('exposes the latest sizes per database and instance and the failures per instance', async () => {
      const instance = await pgInstance('metrics');
      const refused = await pgInstance('metrics-refused', { port: await closedPort(), is_active: false });
      await runAndWait(instance.id);
      await runAndWait(refused.id);
      const response = await t.http.get('/api/v1/metrics').auth(t.adminToken, admin()).expect(200);
      expect(response.headers['content-type']).toContain('text/plain');
      const [stored]: { size: string }[] = await t.dataSource.query(
        `SELECT size_bytes::text AS size FROM database_size_stats WHERE instance_id = $1 AND database_name = $2`,
        [instance.id, pgPlain],
      );
      expect(response.text).toContain(`capacity_database_size_bytes{instance_name="${instance.name}",database="${pgPlain}",db_type="postgresql"} ${stored.size}`);
      const [total]: { total: string }[] = await t.dataSource.query(`SELECT total_size_bytes::text AS total FROM instance_size_stats WHERE instance_id = $1`, [instance.id]);
      expect(response.text).toContain(`capacity_instance_size_bytes{instance_name="${instance.name}",db_type="postgresql"} ${total.total}`);
      expect(response.text).toContain(`capacity_collection_failures_total{instance_name="${refused.name}",db_type="postgresql",reason="refused"} 1`);
      expect(response.text).toMatch(/capacity_collection_run_duration_seconds_count\{type="manual"\} [1-9]/);
      expect(response.text).toMatch(/capacity_collection_last_run_timestamp_seconds \d+/);
      // A quote in a database name is escaped, not breaking the format.
      expect(response.text).toContain(`database="cap c ${suffix} 'ö数据"`);
    });
  });

  describe('interrupted runs', () => {
    it('marks a capacity session left running by a dead process failed once its lock is free', async () => {
      const sessionId = '00000000-0000-4000-8000-' + suffix.padStart(12, '0');
      await t.dataSource.query(`INSERT INTO sync_sessions (session_id, sync_type, sync_category, status, total_instances) VALUES ($1, 'scheduled', 'capacity', 'running', 1)`, [sessionId]);
      await t.dataSource.query(`INSERT INTO sync_instance_records (session_id, instance_name, status) VALUES ($1, 'ghost', 'running')`, [sessionId]);
      await t.app.get(OrphanedRunSweep).sweep();
      const session = await sessionOf(sessionId);
      expect(session.status).toBe('failed');
      expect(session.error_message).toMatch(/interrupted/);
      expect(session.completed_at).not.toBeNull();
    });
  });
});
