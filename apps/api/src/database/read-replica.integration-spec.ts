import { freePort } from '../test-support/ports';
import type { InstanceResponse } from '@capacity/contracts';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { required } from '../common/required';
import { bootApp, type BootedApp } from '../test-support/boot-app';
import { TEST_ADMIN_PASSWORD } from '../test-support/test-app';
import { runMigrations } from './run-migrations';
import { asPostgres, clusterRoot, initCluster, ownPgUrl as urlOf, startCluster, stopCluster } from './testing/own-postgres';

/**
 * DATABASE_READ_URLS against a real streaming replica: a PostgreSQL primary this spec starts on a spare loopback
 * port, a `pg_basebackup -R` of it started as a hot standby on another. History reads go to the standby, writes to
 * the primary; with the standby stopped, reads are answered by the primary.
 */
let PRIMARY_PORT = 0;
let STANDBY_PORT = 0;
// Free loopback ports, asked of the system (a fixed one can be taken by another connection's ephemeral port).
beforeAll(async () => {
  PRIMARY_PORT = await freePort();
  STANDBY_PORT = await freePort();
});

async function queryOn<T>(port: number, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: urlOf(port), application_name: 'read-replica-spec' });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('read replicas (DATABASE_READ_URLS) on a real streaming standby', () => {
  let cluster: Awaited<ReturnType<typeof clusterRoot>> | undefined;
  let primaryDir = '';
  let standbyDir = '';
  const started: string[] = [];
  let app: BootedApp | undefined;
  const booted = (): BootedApp => required(app, 'the booted app');
  let token: string;

  const startServer = async (dir: string, port: number) => {
    await startCluster(required(cluster, 'the cluster root').root, dir, port);
    started.push(dir);
  };
  const stopServer = async (dir: string) => {
    await stopCluster(dir);
    started.splice(started.indexOf(dir), 1);
  };

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    cluster = await clusterRoot('capacity-replica-');
    primaryDir = `${cluster.root}/primary`;
    standbyDir = `${cluster.root}/standby`;
    await initCluster(primaryDir);
    await startServer(primaryDir, PRIMARY_PORT);
    await asPostgres('pg_basebackup', ['-h', '127.0.0.1', '-p', String(PRIMARY_PORT), '-U', 'postgres', '-D', standbyDir, '-R', '-X', 'stream']);
    await startServer(standbyDir, STANDBY_PORT);
    const [{ recovery }] = await queryOn<{ recovery: boolean }>(STANDBY_PORT, 'SELECT pg_is_in_recovery() AS recovery');
    expect(recovery).toBe(true);
    await runMigrations(urlOf(PRIMARY_PORT));
    app = await bootApp(urlOf(PRIMARY_PORT), { env: { DATABASE_READ_URLS: urlOf(STANDBY_PORT) } });
    const login = await app.http.post('/api/v1/auth/login').send({ username: 'admin', password: TEST_ADMIN_PASSWORD }).expect(200);
    token = login.body.access_token as string;
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    // Only the servers this spec started.
    for (const dir of [...started].reverse()) await stopServer(dir).catch(() => undefined);
    cluster?.remove();
  });

  const historyQueries = (port: number) =>
    queryOn<{ n: number }>(
      port,
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'capacity' AND query LIKE '%FROM database_size_stats%WHERE instance_id = $1%'`,
    );

  it('reads history from the standby, writes on the primary, and falls back to the primary once the standby is gone', async () => {
    // A write: the standby is read-only, so this only works on the primary.
    const created = await booted().http
      .post('/api/v1/instances')
      .auth(token, { type: 'bearer' })
      .send({ name: 'replicated', db_type: 'postgresql', host: '127.0.0.1', port: 5432, username: 'postgres' })
      .expect(201);
    const instance = created.body as InstanceResponse;
    await queryOn(
      PRIMARY_PORT,
      `INSERT INTO database_size_stats (instance_id, database_name, size_bytes, collected_date, collected_at)
       SELECT $1, 'db' || g, g * 1048576, date '2026-11-01' + g, now() FROM generate_series(1, 5) g`,
      [instance.id],
    );
    // Streaming replication: the rows reach the standby after its replay lag (milliseconds here).
    await vi.waitFor(async () => expect((await queryOn<{ n: number }>(STANDBY_PORT, `SELECT count(*)::int AS n FROM database_size_stats`))[0].n).toBe(5), {
      timeout: 10_000,
      interval: 50,
    });

    const read = async () =>
      (await booted().http.get(`/api/v1/instances/${instance.id}/database-sizes`).query({ start_date: '2026-11-01', end_date: '2026-11-30' }).auth(token, { type: 'bearer' }).expect(200))
        .body.data as { database_name: string; stats: unknown[] }[];
    expect((await read()).map((d) => d.database_name).sort()).toEqual(['db1', 'db2', 'db3', 'db4', 'db5']);
    // The standby ran the history query; the primary did not.
    expect((await historyQueries(STANDBY_PORT))[0].n).toBeGreaterThan(0);
    expect((await historyQueries(PRIMARY_PORT))[0].n).toBe(0);

    await stopServer(standbyDir);
    expect((await read()).map((d) => d.database_name).sort()).toEqual(['db1', 'db2', 'db3', 'db4', 'db5']);
    // The failing standby is skipped from then on: the primary answers the history query.
    expect((await read()).length).toBe(5);
    expect((await historyQueries(PRIMARY_PORT))[0].n).toBeGreaterThan(0);
  }, 120_000);
});
