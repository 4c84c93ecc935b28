import { STATS_TABLES, type SessionCategory, type SessionDetailResponse } from '@capacity/contracts';
import { required } from '../common/required';
import { PartitionCleanupService } from '../partition/partition-cleanup.service';
import { PartitionCreateService } from '../partition/partition-create.service';
import { SessionsService } from '../sessions/sessions.service';
import { bootApp, type BootedApp } from '../test-support/boot-app';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { JOB_LOCK_KEYS } from './job-lock.repository';

/**
 * A process dies in the middle of a run of each lock-held category: its runs did their work, their sessions are
 * still `running`, and its connections (with the job locks) are gone. The next start of the product on that
 * database fails every one of them, whatever the category. A capacity run is queued (its jobs outlive the process
 * that started it, and another replica finishes them): scale-out.integration-spec.ts kills a process mid-run.
 */
describe('crash recovery of every job category', () => {
  let dying: TestApp;
  let next: BootedApp | undefined;
  let openGate: () => void = () => undefined;

  beforeAll(async () => {
    dying = await createTestApp({ ARCHIVE_ENABLED: 'true' });
  });
  afterAll(async () => {
    openGate();
    vi.restoreAllMocks();
    await next?.close();
    await dying?.close();
  });

  const heldJobLocks = async (): Promise<number> => {
    const [{ held }]: { held: number }[] = await dying.dataSource.query(
      `SELECT count(*)::int AS held FROM pg_locks
       WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND objid::bigint = ANY($1::bigint[])`,
      [Object.values(JOB_LOCK_KEYS)],
    );
    return held;
  };

  it('the next start fails the aggregation, partition and archive runs the dead process left running', async () => {
    const sessions = dying.app.get(SessionsService);
    const finish = sessions.finish.bind(sessions);
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const reachedTheEnd: string[] = [];
    // Every run of the dying process gets as far as ending its session, and stops there.
    vi.spyOn(sessions, 'finish').mockImplementation(async (sessionId, result) => {
      reachedTheEnd.push(sessionId);
      await gate;
      return finish(sessionId, result);
    });

    const admin = { type: 'bearer' } as const;
    await dying.http.post('/api/v1/aggregations/run').auth(dying.adminToken, admin).send({}).expect(202);
    const partitionRun = dying.app.get(PartitionCreateService).create({ futureMonths: 1 }, { type: 'manual' });
    const archiveRun = dying.app.get(PartitionCleanupService).cleanup({ dryRun: true, category: 'archive', type: 'manual' });
    await vi.waitFor(() => expect(reachedTheEnd).toHaveLength(3), { timeout: 20_000, interval: 50 });
    expect(await heldJobLocks()).toBe(3);

    const categories: { session_id: string; sync_category: SessionCategory; status: string }[] = await dying.dataSource.query(
      `SELECT session_id, sync_category, status FROM sync_sessions WHERE session_id = ANY($1::uuid[]) ORDER BY sync_category`,
      [reachedTheEnd],
    );
    expect(categories.map((c) => [c.sync_category, c.status])).toEqual([
      ['aggregation', 'running'],
      ['archive', 'running'],
      ['partition', 'running'],
    ]);

    // The process dies: PostgreSQL frees its locks with its connections.
    await dying.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
       WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND objid::bigint = ANY($1::bigint[])`,
      [Object.values(JOB_LOCK_KEYS)],
    );
    await vi.waitFor(async () => expect(await heldJobLocks()).toBe(0), { timeout: 5_000, interval: 50 });

    next = await bootApp(dying.database.url);
    const after = next.app.get(SessionsService);
    const outcome = async (category: SessionCategory): Promise<SessionDetailResponse> =>
      after.get(required(categories.find((c) => c.sync_category === category), `the ${category} run`).session_id);

    for (const category of ['aggregation', 'partition', 'archive'] as const) {
      const session = await outcome(category);
      expect({ category, status: session.status }).toEqual({ category, status: 'failed' });
      expect(session.error_message).toMatch(/^interrupted/);
      expect(session.completed_at).not.toBeNull();
      expect(session.records.filter((r) => r.status === 'pending' || r.status === 'running')).toEqual([]);
    }
    // Records the run had finished keep their outcome and their count.
    expect(await outcome('aggregation')).toMatchObject({ total_instances: 4, successful_instances: 4, failed_instances: 0 });
    // One record per statistics table.
    expect(await outcome('partition')).toMatchObject({ total_instances: STATS_TABLES.length, successful_instances: STATS_TABLES.length, failed_instances: 0 });
    expect((await outcome('archive')).sync_type).toBe('manual');

    openGate();
    await Promise.allSettled([partitionRun, archiveRun]);
  });
});
