import type { SessionCategory, SessionDetailResponse, SessionRecordResponse, SessionResponse, SessionType } from '@capacity/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/domain-errors';
import type { JobName } from '../jobs/job-names';
import { sessionOutcome } from './session-status';
import { SyncInstanceRecord } from './sync-instance-record.entity';
import { SyncSession } from './sync-session.entity';

export interface StartSessionInput {
  category: SessionCategory;
  /** The job whose lock the run holds while it goes: the lock that proves whether the run is still alive. */
  job: JobName;
  type: SessionType;
  createdBy?: number | null;
  /** One pending record per target (an instance, or a table/month for maintenance runs). */
  targets?: { instanceId: number | null; name: string }[];
}

export interface StartedSession {
  sessionId: string;
  /** Record id per target name, in the order given. */
  recordIds: Map<string, number>;
}

export const INTERRUPTED_REASON = 'interrupted: the process running it stopped before the run finished';

/**
 * The job locks a running session's owner holds: its own job, or for a row of an earlier version (no job)
 * the locks its category may have run under — a `partition` session was a maintenance or a cleanup.
 */
const REQUIRED_LOCKS = `(CASE WHEN s.job IS NOT NULL THEN ARRAY[s.job::text]
  WHEN s.sync_category = 'capacity' THEN ARRAY['collect']
  WHEN s.sync_category = 'aggregation' THEN ARRAY['aggregation']
  WHEN s.sync_category = 'archive' THEN ARRAY['cleanup']
  ELSE ARRAY['partition', 'cleanup'] END)`;

/** Every run is a session with its records; this is the only writer of those two tables. */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);
  /** Sessions this process started and has not finished: alive whatever the locks say (a run may hold none). */
  private readonly live = new Set<string>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async start(input: StartSessionInput): Promise<StartedSession> {
    const sessionId = randomUUID();
    const targets = input.targets ?? [];
    const recordIds = new Map<string, number>();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO sync_sessions (session_id, sync_type, sync_category, job, status, total_instances, created_by)
         VALUES ($1, $2, $3, $4, 'running', $5, $6)`,
        [sessionId, input.type, input.category, input.job, targets.length, input.createdBy ?? null],
      );
      if (targets.length > 0) {
        const rows: { id: number; instance_name: string }[] = await manager.query(
          `INSERT INTO sync_instance_records (session_id, instance_id, instance_name, status)
           SELECT $1, t.instance_id, t.name, 'pending'
           FROM unnest($2::int[], $3::text[]) WITH ORDINALITY AS t(instance_id, name, ord)
           ORDER BY t.ord
           RETURNING id, instance_name`,
          [sessionId, targets.map((t) => t.instanceId), targets.map((t) => t.name)],
        );
        for (const row of rows) recordIds.set(row.instance_name, row.id);
      }
    });
    this.live.add(sessionId);
    this.logger.log(`started ${input.category} session ${sessionId} (${targets.length} targets)`);
    return { sessionId, recordIds };
  }

  async addRecord(sessionId: string, target: { instanceId: number | null; name: string }): Promise<number> {
    const [row]: { id: number }[] = await this.dataSource.query(
      `WITH record AS (
         INSERT INTO sync_instance_records (session_id, instance_id, instance_name, status)
         VALUES ($1, $2, $3, 'pending') RETURNING id
       ), bump AS (
         UPDATE sync_sessions SET total_instances = total_instances + 1, updated_at = now() WHERE session_id = $1
       )
       SELECT id FROM record`,
      [sessionId, target.instanceId, target.name],
    );
    return row.id;
  }

  async markRunning(recordId: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE sync_instance_records SET status = 'running', started_at = clock_timestamp() WHERE id = $1`,
      [recordId],
    );
  }

  /** Ends one record and counts it on its session in the same statement. */
  async finishRecord(
    recordId: number,
    outcome: { ok: boolean; itemsSynced?: number; error?: string | null; details?: Record<string, unknown> | null },
  ): Promise<void> {
    await this.dataSource.query(
      `WITH record AS (
         UPDATE sync_instance_records
         SET status = $2, completed_at = clock_timestamp(), started_at = coalesce(started_at, clock_timestamp()),
             items_synced = $3, error_message = $4, details = $5
         WHERE id = $1 AND status IN ('pending', 'running')
         RETURNING session_id
       )
       UPDATE sync_sessions s
       SET successful_instances = successful_instances + CASE WHEN $2 = 'completed' THEN 1 ELSE 0 END,
           failed_instances = failed_instances + CASE WHEN $2 = 'failed' THEN 1 ELSE 0 END,
           updated_at = now()
       FROM record WHERE s.session_id = record.session_id`,
      [recordId, outcome.ok ? 'completed' : 'failed', outcome.itemsSynced ?? 0, outcome.error ?? null, outcome.details ?? null],
    );
  }

  /** Closes the session: status derived from its records unless a fatal error is given. */
  async finish(sessionId: string, result: { summary?: Record<string, unknown> | null; error?: string | null } = {}): Promise<SessionDetailResponse> {
    try {
      await this.close(sessionId, result);
    } finally {
      this.live.delete(sessionId);
    }
    return this.get(sessionId);
  }

  private async close(sessionId: string, result: { summary?: Record<string, unknown> | null; error?: string | null }): Promise<void> {
    const session = await this.dataSource.getRepository(SyncSession).findOneByOrFail({ sessionId });
    const status = result.error ? 'failed' : sessionOutcome(session.successfulInstances, session.failedInstances);
    await this.dataSource.query(
      `UPDATE sync_instance_records SET status = 'failed', completed_at = clock_timestamp(),
              error_message = coalesce(error_message, 'run ended before this record was processed')
       WHERE session_id = $1 AND status IN ('pending', 'running')`,
      [sessionId],
    );
    await this.dataSource.query(
      `UPDATE sync_sessions SET status = $2, completed_at = clock_timestamp(), summary = coalesce($3, summary),
              error_message = $4, updated_at = now(),
              failed_instances = (SELECT count(*) FROM sync_instance_records WHERE session_id = $1 AND status = 'failed')
       WHERE session_id = $1`,
      [sessionId, status, result.summary ?? null, result.error ?? null],
    );
    this.logger.log(`${session.syncCategory} session ${sessionId} ended ${status}`);
  }

  /**
   * Fails the sessions left `running` by a process that is gone, with their open records, and counts those
   * records in `failed_instances`. The caller holds the advisory locks of `heldJobs`, which proves that no
   * live run of those jobs exists on any replica; sessions this process is still running are never touched.
   */
  async failInterrupted(heldJobs: readonly JobName[], reason = INTERRUPTED_REASON): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { session_id: string }[] = await manager.query(
        `SELECT s.session_id FROM sync_sessions s
         WHERE s.status = 'running' AND ${REQUIRED_LOCKS} <@ $1::text[] AND NOT (s.session_id = ANY($2::uuid[]))
         FOR UPDATE`,
        [heldJobs, [...this.live]],
      );
      if (rows.length === 0) return 0;
      const ids = rows.map((row) => row.session_id);
      await manager.query(
        `UPDATE sync_instance_records SET status = 'failed', completed_at = now(), error_message = coalesce(error_message, $2)
         WHERE session_id = ANY($1::uuid[]) AND status IN ('pending', 'running')`,
        [ids, reason],
      );
      await manager.query(
        `UPDATE sync_sessions s SET status = 'failed', completed_at = now(), error_message = $2, updated_at = now(),
                successful_instances = (SELECT count(*) FROM sync_instance_records r WHERE r.session_id = s.session_id AND r.status = 'completed'),
                failed_instances = (SELECT count(*) FROM sync_instance_records r WHERE r.session_id = s.session_id AND r.status = 'failed')
         WHERE s.session_id = ANY($1::uuid[])`,
        [ids, reason],
      );
      this.logger.warn(`failed ${ids.length} interrupted session(s) of ${heldJobs.join(', ')}: ${ids.join(', ')}`);
      return ids.length;
    });
  }

  /** The lock sets to take to check the sessions running without a live run in this process (distinct). */
  async locksOfForeignRunningSessions(): Promise<JobName[][]> {
    const rows: { locks: JobName[] }[] = await this.dataSource.query(
      `SELECT DISTINCT ${REQUIRED_LOCKS} AS locks FROM sync_sessions s
       WHERE s.status = 'running' AND NOT (s.session_id = ANY($1::uuid[]))`,
      [[...this.live]],
    );
    return rows.map((row) => row.locks);
  }

  async get(sessionId: string): Promise<SessionDetailResponse> {
    const session = await this.dataSource.getRepository(SyncSession).findOneBy({ sessionId });
    if (!session) throw new NotFoundError(`session ${sessionId} not found`);
    const records = await this.dataSource.getRepository(SyncInstanceRecord).find({ where: { sessionId }, order: { id: 'ASC' } });
    return { ...toSessionResponse(session), records: records.map(toRecordResponse) };
  }

  async isRunning(category: SessionCategory): Promise<string | null> {
    const row = await this.dataSource.getRepository(SyncSession).findOne({ where: { syncCategory: category, status: 'running' }, order: { startedAt: 'DESC' } });
    return row?.sessionId ?? null;
  }
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
const duration = (from: Date | null, to: Date | null): number | null => (from && to ? to.getTime() - from.getTime() : null);

export function toSessionResponse(session: SyncSession): SessionResponse {
  return {
    session_id: session.sessionId,
    sync_type: session.syncType,
    sync_category: session.syncCategory,
    status: session.status,
    started_at: session.startedAt.toISOString(),
    completed_at: iso(session.completedAt),
    duration_ms: duration(session.startedAt, session.completedAt),
    total_instances: session.totalInstances,
    successful_instances: session.successfulInstances,
    failed_instances: session.failedInstances,
    created_by: session.createdBy,
    summary: session.summary,
    error_message: session.errorMessage,
  };
}

function toRecordResponse(record: SyncInstanceRecord): SessionRecordResponse {
  return {
    id: record.id,
    instance_id: record.instanceId,
    instance_name: record.instanceName,
    status: record.status,
    started_at: iso(record.startedAt),
    completed_at: iso(record.completedAt),
    duration_ms: duration(record.startedAt, record.completedAt),
    items_synced: record.itemsSynced,
    error_message: record.errorMessage,
    details: record.details,
  };
}
