import type { CollectorResponse, SessionDetailResponse } from '@capacity/contracts';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startDelayProxy, type DelayProxy } from '../collection/testing/delay-proxy';
import { freePort } from '../test-support/ports';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { isBuilt, login, spawnBuiltApp, stopBuiltApp, waitUntilListening, type BuiltApp } from './testing/built-app';
import { clusterRoot, initCluster, startCluster, stopCluster } from './testing/own-postgres';

/**
 * Scale-out with real processes of the built API (`npm run build`) on one repository on the local PostgreSQL:
 * a run is fanned out as queued jobs that every process takes a share of; a process killed mid-run loses its
 * leases and the others finish its jobs; collectors pinned to zones take only their zone's instances.
 */
const ADMIN_PASSWORD = 'scale-out-admin-1';
const SECRETS = { JWT_SECRET: 'scale-out-jwt-secret-0123456789', APP_SECRET_KEY: 'scale-out-app-secret-0123456789' };
// Ports of this spec: free ones, asked of the system before the processes start (fixed ones can be taken by
// another connection's ephemeral port).
const PORTS = { a: 0, b: 0, c: 0, all: 0, east: 0, west: 0, proxy: 0, monitored: 0 };
const INSTANCES = 300;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const describeBuilt = isBuilt() ? describe : describe.skip;

describeBuilt('scale-out: several processes of the built API on one repository', () => {
  beforeAll(async () => {
    for (const key of Object.keys(PORTS) as (keyof typeof PORTS)[]) PORTS[key] = await freePort();
  });
  const started: BuiltApp[] = [];
  const databases: TestDatabase[] = [];
  let proxy: DelayProxy | undefined;
  // The monitored server: a cluster of this spec's own, so that the collections do not crowd the shared server.
  let monitored: { root: string; remove: () => void } | undefined;
  const monitoredDir = () => `${monitored?.root}/data`;

  beforeAll(async () => {
    monitored = await clusterRoot('capacity-scale-monitored-');
    await initCluster(monitoredDir());
    await startCluster(monitored.root, monitoredDir(), PORTS.monitored, ['max_connections=200']);
  }, 120_000);

  const startProcess = async (database: TestDatabase, port: number, env: Record<string, string> = {}): Promise<BuiltApp> => {
    const app = spawnBuiltApp({
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: await mkdtemp(join(tmpdir(), 'capacity-scale-')),
      ADMIN_PASSWORD,
      ...SECRETS,
      COLLECT_ENABLED: 'false',
      AGGREGATION_ENABLED: 'false',
      PARTITION_ENABLED: 'false',
      CLEANUP_ENABLED: 'false',
      ALERT_DIGEST_ENABLED: 'false',
      COLLECT_TABLES: 'false',
      COLLECT_CONCURRENCY: '8',
      COLLECT_TIMEOUT_MS: '5000',
      COLLECT_LEASE_SECONDS: '6',
      ...env,
    });
    started.push(app);
    await waitUntilListening(app);
    return app;
  };

  const query = async <T>(database: TestDatabase, sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };

  const api = async <T>(app: BuiltApp, token: string, path: string, init: RequestInit = {}): Promise<T> => {
    const response = await app.request(path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };

  const startRun = async (app: BuiltApp, token: string): Promise<string> =>
    (await api<{ session_id: string }>(app, token, '/api/v1/collections/run', { method: 'POST', body: '{}' })).session_id;

  const untilEnded = async (app: BuiltApp, token: string, sessionId: string, timeoutMs: number): Promise<SessionDetailResponse> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const session = await api<SessionDetailResponse>(app, token, `/api/v1/sessions/${sessionId}`);
      if (session.status !== 'running') return session;
      if (Date.now() > deadline) throw new Error(`session ${sessionId} still running after ${timeoutMs} ms`);
      await sleep(500);
    }
  };

  const insertInstances = async (database: TestDatabase, count: number, zone: string, port: number): Promise<void> => {
    await query(
      database,
      `INSERT INTO instances (name, db_type, host, port, username, zone)
       SELECT $1 || '-' || g, 'postgresql', '127.0.0.1', $2, 'postgres', $1 FROM generate_series(1, $3) g`,
      [zone, port, count],
    );
  };

  afterAll(async () => {
    // Only the processes this spec started, each by its own handle.
    for (const app of started) await stopBuiltApp(app);
    await proxy?.close();
    for (const database of databases) await database.drop();
    if (monitored) {
      await stopCluster(monitoredDir()).catch(() => undefined);
      monitored.remove();
    }
  });

  describe('three processes sharing runs', () => {
    let database: TestDatabase;
    let a: BuiltApp;
    let b: BuiltApp;
    let c: BuiltApp;
    let token: string;

    beforeAll(async () => {
      database = await createTestDatabase();
      databases.push(database);
      // Every round trip to the monitored server takes 100 ms longer: the run is bound by waiting, as over a network.
      proxy = await startDelayProxy({ host: '127.0.0.1', port: PORTS.monitored }, 100, PORTS.proxy);
      await insertInstances(database, INSTANCES, 'default', proxy.port);
      a = await startProcess(database, PORTS.a);
      [b, c] = await Promise.all([startProcess(database, PORTS.b), startProcess(database, PORTS.c)]);
      token = await login(a, 'admin', ADMIN_PASSWORD);
    }, 180_000);

    const collectors = async (): Promise<CollectorResponse[]> => (await api<{ data: CollectorResponse[] }>(a, token, '/api/v1/collectors')).data;

    it('shares a run of 300 instances between all three; the run ends once, with one record per instance', async () => {
      const live = await collectors();
      expect(live.map((collector) => collector.pid).sort()).toEqual([a.child.pid, b.child.pid, c.child.pid].sort());
      expect(live.every((collector) => collector.role === 'all' && collector.zones.join() === 'default' && collector.concurrency === 8)).toBe(true);

      const sessionId = await startRun(a, token);
      // Another process answers 409 while the run is in the queue.
      const busy = await b.request('/api/v1/collections/run', { method: 'POST', body: '{}', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
      expect(busy.status).toBe(409);
      const session = await untilEnded(b, token, sessionId, 120_000);
      expect(session).toMatchObject({ status: 'completed', total_instances: INSTANCES, successful_instances: INSTANCES, failed_instances: 0 });
      expect(session.records).toHaveLength(INSTANCES);
      expect(new Set(session.records.map((r) => r.instance_id)).size).toBe(INSTANCES);
      const byCollector = new Map<string, number>();
      for (const record of session.records) byCollector.set(record.collector_id ?? 'none', (byCollector.get(record.collector_id ?? 'none') ?? 0) + 1);
      // Each of the three processes ran some of the jobs.
      expect([...byCollector.keys()].sort()).toEqual(live.map((collector) => collector.id).sort());
      for (const count of byCollector.values()) expect(count).toBeGreaterThan(0);
      expect(session.summary).toMatchObject({ collectors: 3, retried: 0 });
      // jobs_done is written with each heartbeat.
      await vi.waitFor(async () => expect((await collectors()).reduce((sum, collector) => sum + collector.jobs_done, 0)).toBe(INSTANCES), { timeout: 15_000, interval: 500 });
    }, 180_000);

    it('finishes a run whose process was killed mid-run: every instance exactly one record and one reading per database', async () => {
      const live = await collectors();
      const victim = live.find((collector) => collector.pid === c.child.pid);
      expect(victim).toBeDefined();
      const sessionId = await startRun(a, token);
      // Kill -9 while the victim holds jobs and the run is well under way.
      await vi.waitFor(
        async () => {
          const [{ done, held }] = await query<{ done: number; held: number }>(
            database,
            `SELECT count(*) FILTER (WHERE status IN ('completed', 'failed'))::int AS done,
                    count(*) FILTER (WHERE status = 'running' AND collector_id = $2)::int AS held
             FROM sync_instance_records WHERE session_id = $1`,
            [sessionId, victim?.id],
          );
          expect(done).toBeGreaterThan(30);
          expect(held).toBeGreaterThan(0);
        },
        { timeout: 60_000, interval: 100 },
      );
      c.child.kill('SIGKILL');
      await c.exit;

      const session = await untilEnded(a, token, sessionId, 150_000);
      expect(session).toMatchObject({ status: 'completed', total_instances: INSTANCES, successful_instances: INSTANCES, failed_instances: 0 });
      // The victim's leased jobs were retried by the survivors: a second attempt, on another collector.
      const retried = session.records.filter((r) => r.attempts > 1);
      expect(retried.length).toBeGreaterThan(0);
      for (const record of retried) expect(record.collector_id).not.toBe(victim?.id);
      expect(session.records.every((r) => r.attempts <= 2)).toBe(true);

      const perInstance = await query<{ instance_id: number; records: number }>(
        database,
        `SELECT instance_id, count(*)::int AS records FROM sync_instance_records WHERE session_id = $1 GROUP BY instance_id`,
        [sessionId],
      );
      expect(perInstance).toHaveLength(INSTANCES);
      expect(perInstance.every((row) => row.records === 1)).toBe(true);
      // One reading per database per day, one instance reading per instance per day: written once, whatever the retries.
      const duplicates = await query(
        database,
        `SELECT instance_id, database_name, collected_date FROM database_size_stats GROUP BY 1, 2, 3 HAVING count(*) > 1`,
      );
      expect(duplicates).toEqual([]);
      const [{ instances, readings }] = await query<{ instances: number; readings: number }>(
        database,
        `SELECT count(DISTINCT instance_id)::int AS instances, count(*)::int AS readings FROM instance_size_stats`,
      );
      expect({ instances, readings }).toEqual({ instances: INSTANCES, readings: INSTANCES });
      const withoutDatabases = await query(
        database,
        `SELECT i.id FROM instances i WHERE NOT EXISTS (SELECT 1 FROM database_size_stats d WHERE d.instance_id = i.id)`,
      );
      expect(withoutDatabases).toEqual([]);
    }, 240_000);
  });

  describe('collectors pinned to zones', () => {
    let database: TestDatabase;
    let all: BuiltApp;
    let east: BuiltApp;
    let token: string;

    beforeAll(async () => {
      database = await createTestDatabase();
      databases.push(database);
      await insertInstances(database, 20, 'east', PORTS.monitored);
      await insertInstances(database, 20, 'west', PORTS.monitored);
      await insertInstances(database, 5, 'north', PORTS.monitored);
      const zoned = { COLLECT_ZONE_TIMEOUT_MS: '4000' };
      all = await startProcess(database, PORTS.all, zoned);
      [east] = await Promise.all([
        startProcess(database, PORTS.east, { ...zoned, CAPACITY_ROLE: 'collector', COLLECTOR_ZONES: 'east' }),
        startProcess(database, PORTS.west, { ...zoned, CAPACITY_ROLE: 'collector', COLLECTOR_ZONES: 'west' }),
      ]);
      token = await login(all, 'admin', ADMIN_PASSWORD);
    }, 180_000);

    it('each collector takes only its zone; a zone without a collector fails its records by name and the run ends', async () => {
      const live = (await api<{ data: CollectorResponse[] }>(all, token, '/api/v1/collectors')).data;
      const zoneOf = new Map(live.map((collector) => [collector.id, collector.zones.join(',')]));
      expect([...zoneOf.values()].sort()).toEqual(['default', 'east', 'west']);
      expect(live.filter((collector) => collector.role === 'collector')).toHaveLength(2);

      const session = await untilEnded(all, token, await startRun(all, token), 90_000);
      expect(session).toMatchObject({ status: 'partial', total_instances: 45, successful_instances: 40, failed_instances: 5 });
      for (const record of session.records) {
        if (record.zone === 'north') {
          expect(record).toMatchObject({ status: 'failed', error_message: 'no collector for zone north', attempts: 0, collector_id: null });
        } else {
          expect(record.status).toBe('completed');
          expect(zoneOf.get(record.collector_id ?? '')).toBe(record.zone);
        }
      }
      expect(session.summary).toMatchObject({ failures: { no_collector: 5 } });
    }, 120_000);

    it('a collector-only process serves its health endpoint and nothing else', async () => {
      expect((await east.request('/api/v1/health')).status).toBe(200);
      for (const path of ['/api/v1/instances', '/api/v1/collectors', '/api/docs', '/']) expect({ path, status: (await east.request(path)).status }).toEqual({ path, status: 404 });
      const loginAttempt = await east.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
      expect(loginAttempt.status).toBe(404);
    });
  });
});
