import type { SessionDetailResponse } from '@capacity/contracts';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { bootApp, type BootedApp } from '../test-support/boot-app';
import { createInstance } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { createTestDatabase } from '../test-support/test-database';
import { JOB_LOCK_KEYS as LOCK_KEYS } from './job-lock.repository';
import type { JobName } from './job-names';
import { JobBusyError, JobRunner, type JobRequest } from './job-runner.service';
import { OrphanedRunSweep } from './orphaned-run-sweep.service';

/** A scheduled capacity run without targets: what a tick of the collect job starts. */
const probe: JobRequest<never> = { category: 'capacity', type: 'scheduled', targets: () => [], record: () => ({ instanceId: null, name: '' }) };

interface LeftRun {
  category: 'capacity' | 'aggregation' | 'partition' | 'archive';
  /** null: a row written by an earlier version, without the column. */
  job: JobName | null;
  /** Record statuses, in order. */
  records?: ('pending' | 'running' | 'completed' | 'failed')[];
  instanceId?: number | null;
}

/** What a process writes when it starts a run (and then dies): a running session and its records. */
async function leaveRunning(db: { query(sql: string, parameters: unknown[]): Promise<unknown> }, run: LeftRun): Promise<string> {
  const sessionId = randomUUID();
  const records = run.records ?? ['pending'];
  const done = (status: string) => (status === 'completed' ? 1 : 0);
  await db.query(
    `INSERT INTO sync_sessions (session_id, sync_type, sync_category, job, status, total_instances, successful_instances, failed_instances)
     VALUES ($1, 'scheduled', $2, $3, 'running', $4, $5, $6)`,
    [sessionId, run.category, run.job, records.length, records.filter((s) => done(s)).length, records.filter((s) => s === 'failed').length],
  );
  for (const [index, status] of records.entries()) {
    await db.query(
      `INSERT INTO sync_instance_records (session_id, instance_id, instance_name, status, started_at) VALUES ($1, $2, $3, $4::varchar, CASE WHEN $4::varchar = 'pending' THEN NULL ELSE now() END)`,
      [sessionId, run.instanceId ?? null, `target-${index}`, status],
    );
  }
  return sessionId;
}

const replicas = new Set<Client>();

/** A second replica: its own connection, holding a job's advisory lock while its run goes; `end()` is its death. */
async function liveReplica(url: string, job: JobName): Promise<Client> {
  const client = new Client({ connectionString: url });
  replicas.add(client);
  client.on('end', () => replicas.delete(client));
  await client.connect();
  await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEYS[job]]);
  return client;
}

describe('interrupted runs', () => {
  let t: TestApp;
  const get = async (sessionId: string): Promise<SessionDetailResponse> =>
    (await t.http.get(`/api/v1/sessions/${sessionId}`).auth(t.adminToken, { type: 'bearer' }).expect(200)).body as SessionDetailResponse;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    for (const replica of replicas) await replica.end();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('at start-up', () => {
    let restarted: BootedApp | undefined;
    afterAll(async () => {
      await restarted?.close();
    });

    it('fails the runs of every category a dead process left running, counting their open records as failed', async () => {
      const instance = await createInstance(t.dataSource);
      const db = t.dataSource;
      const left = {
        capacity: await leaveRunning(db, { category: 'capacity', job: 'collect', records: ['completed', 'running', 'pending'], instanceId: instance.id }),
        aggregation: await leaveRunning(db, { category: 'aggregation', job: 'aggregation', records: ['completed', 'running'] }),
        maintenance: await leaveRunning(db, { category: 'partition', job: 'partition', records: ['running', 'pending'] }),
        cleanup: await leaveRunning(db, { category: 'partition', job: 'cleanup', records: [] }),
        archive: await leaveRunning(db, { category: 'archive', job: 'cleanup', records: ['completed', 'failed', 'running'] }),
        legacyArchive: await leaveRunning(db, { category: 'archive', job: null, records: ['running'] }),
        legacyPartition: await leaveRunning(db, { category: 'partition', job: null, records: ['pending'] }),
      };

      // The next start of the product on this repository (the first app plays the process that died).
      restarted = await bootApp(t.database.url);

      const expected: Record<keyof typeof left, [number, number, number]> = {
        capacity: [3, 1, 2],
        aggregation: [2, 1, 1],
        maintenance: [2, 0, 2],
        cleanup: [0, 0, 0],
        archive: [3, 1, 2],
        legacyArchive: [1, 0, 1],
        legacyPartition: [1, 0, 1],
      };
      for (const [name, sessionId] of Object.entries(left) as [keyof typeof left, string][]) {
        const session = await get(sessionId);
        const [total, successful, failed] = expected[name];
        expect({ name, status: session.status, total: session.total_instances, successful: session.successful_instances, failed: session.failed_instances }).toEqual({
          name,
          status: 'failed',
          total,
          successful,
          failed,
        });
        expect(session.error_message).toMatch(/^interrupted/);
        expect(session.completed_at).not.toBeNull();
        expect(session.records.filter((r) => r.status === 'pending' || r.status === 'running')).toEqual([]);
      }
      // Records that had finished keep their outcome.
      expect((await get(left.capacity)).records.map((r) => r.status)).toEqual(['completed', 'failed', 'failed']);
    });
  });

  describe('a replica that died', () => {
    it('a live replica holding the lock keeps its run; once it dies, the next tick fails the run before starting its own', async () => {
      const replica = await liveReplica(t.database.url, 'collect');
      const sessionId = await leaveRunning(replica, { category: 'capacity', job: 'collect', records: ['running'] });
      const runner = t.app.get(JobRunner);
      const ticked: string[] = [];

      await t.app.get(OrphanedRunSweep).sweep();
      await expect(runner.runNow('collect', probe, async () => ({ result: ticked.push('ran') }))).rejects.toBeInstanceOf(JobBusyError);
      await t.http.post('/api/v1/collections/run').auth(t.adminToken, { type: 'bearer' }).send({}).expect(409);
      expect((await get(sessionId)).status).toBe('running');
      expect(ticked).toEqual([]);

      await replica.end(); // the replica died: PostgreSQL releases its lock with its connection
      const seenByTheRun: string[] = [];
      await runner.runNow('collect', probe, async () => ({ result: seenByTheRun.push((await get(sessionId)).status) }));
      expect(seenByTheRun).toEqual(['failed']);
      expect(await get(sessionId)).toMatchObject({ status: 'failed', failed_instances: 1, error_message: expect.stringMatching(/^interrupted/) });
    });

    it('a manual run fails the dead replica\'s run before it starts (aggregation)', async () => {
      const replica = await liveReplica(t.database.url, 'aggregation');
      const sessionId = await leaveRunning(replica, { category: 'aggregation', job: 'aggregation', records: ['running', 'pending'] });
      await t.http.post('/api/v1/aggregations/run').auth(t.adminToken, { type: 'bearer' }).send({}).expect(409);
      expect((await get(sessionId)).status).toBe('running');

      await replica.end();
      const started = await t.http.post('/api/v1/aggregations/run').auth(t.adminToken, { type: 'bearer' }).send({}).expect(202);
      expect(await get(sessionId)).toMatchObject({ status: 'failed', failed_instances: 2 });
      await vi.waitFor(async () => expect((await get(started.body.session_id as string)).status).toBe('completed'), { timeout: 10_000 });
    });

    it('POST /archive/run fails an archive run the dead replica left under the cleanup lock', async () => {
      const replica = await liveReplica(t.database.url, 'cleanup');
      const archiveRun = await leaveRunning(replica, { category: 'archive', job: 'cleanup', records: ['running'] });
      await t.http.post('/api/v1/archive/run').auth(t.adminToken, { type: 'bearer' }).send({ dry_run: true }).expect(409);
      await replica.end();

      const result = await t.http.post('/api/v1/archive/run').auth(t.adminToken, { type: 'bearer' }).send({ dry_run: true }).expect(200);
      expect(await get(archiveRun)).toMatchObject({ status: 'failed', failed_instances: 1 });
      expect((await get(result.body.session_id as string)).status).toBe('completed');
    });

    it('the sweep fails only the runs whose lock is free', async () => {
      const cleanupReplica = await liveReplica(t.database.url, 'cleanup');
      const partitionReplica = await liveReplica(t.database.url, 'partition');
      const cleanup = await leaveRunning(cleanupReplica, { category: 'partition', job: 'cleanup', records: ['running'] });
      const maintenance = await leaveRunning(partitionReplica, { category: 'partition', job: 'partition', records: ['running'] });
      const legacy = await leaveRunning(partitionReplica, { category: 'partition', job: null, records: ['running'] });

      await partitionReplica.end();
      await t.app.get(OrphanedRunSweep).sweep();
      // The legacy row may have been either job: it waits until both locks are free.
      expect([(await get(cleanup)).status, (await get(maintenance)).status, (await get(legacy)).status]).toEqual(['running', 'failed', 'running']);

      await cleanupReplica.end();
      await t.app.get(OrphanedRunSweep).sweep();
      expect([(await get(cleanup)).status, (await get(legacy)).status]).toEqual(['failed', 'failed']);
    });

    it('a lock of the same key in another database of the server does not protect a run here', async () => {
      const other = await createTestDatabase();
      const stranger = await liveReplica(other.url, 'collect');
      try {
        const sessionId = await leaveRunning(t.dataSource, { category: 'capacity', job: 'collect', records: ['running'] });
        await t.app.get(OrphanedRunSweep).sweep();
        expect((await get(sessionId)).status).toBe('failed');
      } finally {
        await stranger.end();
        await other.drop();
      }
    });
  });

  describe('the periodic sweep', () => {
    let replicaApp: BootedApp | undefined;
    afterAll(async () => {
      await replicaApp?.close();
    });

    it('fails a dead replica\'s run without any tick or manual run', async () => {
      replicaApp = await bootApp(t.database.url, { sweepMs: 200 });
      const replica = await liveReplica(t.database.url, 'partition');
      const sessionId = await leaveRunning(replica, { category: 'partition', job: 'partition', records: ['running'] });
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect((await get(sessionId)).status).toBe('running');

      await replica.end();
      await vi.waitFor(async () => expect((await get(sessionId)).status).toBe('failed'), { timeout: 5_000, interval: 100 });
    });
  });
});
