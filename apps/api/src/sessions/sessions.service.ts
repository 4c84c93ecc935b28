import type { SessionCategory, SessionDetailResponse, SessionType } from '@capacity/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../common/domain-errors';
import type { JobName } from '../jobs/job-names';
import { sessionOutcome } from './session-status';
import { SessionsRepository, toRecordResponse, toSessionResponse, type RecordsTally } from './sessions.repository';

export interface StartSessionInput {
  category: SessionCategory;
  /** The job whose lock the run holds while it goes: the lock that proves whether the run is still alive. */
  job: JobName;
  type: SessionType;
  createdBy?: number | null;
  /** One pending record per target (an instance, or a table/month for maintenance runs). */
  targets?: { instanceId: number | null; name: string; zone?: string | null }[];
  /** The run's work is in the job queue (JobRunner.fanOut): it ends with its last record, on whichever replica. */
  queued?: boolean;
}

export interface StartedSession {
  sessionId: string;
  /** Record id per target name, in the order given. */
  recordIds: Map<string, number>;
}

export const INTERRUPTED_REASON = 'interrupted: the process running it stopped before the run finished';

/** Every run is a session with its records: the one way jobs write them (stored by SessionsRepository). */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);
  /** Sessions this process started and has not finished: alive whatever the locks say (a run may hold none). */
  private readonly live = new Set<string>();

  constructor(private readonly repository: SessionsRepository) {}

  async start(input: StartSessionInput): Promise<StartedSession> {
    const sessionId = randomUUID();
    const targets = input.targets ?? [];
    const recordIds = await this.repository.insertSession(
      { sessionId, type: input.type, category: input.category, job: input.job, createdBy: input.createdBy ?? null, queued: input.queued },
      targets,
    );
    // A queued run is alive as long as its jobs are (the queue's leases), not because this process started it.
    if (!input.queued) this.live.add(sessionId);
    this.logger.log(`started ${input.category} session ${sessionId} (${targets.length} targets)`);
    return { sessionId, recordIds };
  }

  addRecord(sessionId: string, target: { instanceId: number | null; name: string }): Promise<number> {
    return this.repository.insertRecord(sessionId, target);
  }

  /** Starts an attempt of the record (by `collectorId`); false when the record has already ended (a job retried after it). */
  markRunning(recordId: number, collectorId: string | null = null): Promise<boolean> {
    return this.repository.markRecordRunning(recordId, collectorId);
  }

  /** Ends one record and counts it on its session in the same statement; false when it had already ended. */
  finishRecord(
    recordId: number,
    outcome: { ok: boolean; itemsSynced?: number; error?: string | null; details?: Record<string, unknown> | null },
  ): Promise<boolean> {
    return this.repository.finishRecord(recordId, {
      status: outcome.ok ? 'completed' : 'failed',
      itemsSynced: outcome.itemsSynced ?? 0,
      error: outcome.error ?? null,
      details: outcome.details ?? null,
    });
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
    const session = await this.repository.findSession(sessionId);
    if (!session) throw new NotFoundError(`session ${sessionId} not found`);
    const status = result.error ? 'failed' : sessionOutcome(session.successful_instances, session.failed_instances);
    await this.repository.closeSession(sessionId, { status, summary: result.summary ?? null, error: result.error ?? null });
    this.logger.log(`${session.sync_category} session ${sessionId} ended ${status}`);
  }

  /**
   * Fails the sessions left `running` by a process that is gone, with their open records, and counts those
   * records in `failed_instances`. The caller holds the advisory locks of `heldJobs`, which proves that no
   * live run of those jobs exists on any replica; sessions this process is still running are never touched.
   */
  async failInterrupted(heldJobs: readonly JobName[], reason = INTERRUPTED_REASON): Promise<number> {
    const ids = await this.repository.failRunning(heldJobs, [...this.live], reason);
    if (ids.length > 0) this.logger.warn(`failed ${ids.length} interrupted session(s) of ${heldJobs.join(', ')}: ${ids.join(', ')}`);
    return ids.length;
  }

  /** The lock sets to take to check the sessions running without a live run in this process (distinct). */
  locksOfForeignRunningSessions(): Promise<JobName[][]> {
    return this.repository.locksOfRunningSessions([...this.live]);
  }

  async get(sessionId: string): Promise<SessionDetailResponse> {
    const session = await this.repository.findSession(sessionId);
    if (!session) throw new NotFoundError(`session ${sessionId} not found`);
    const records = await this.repository.findRecords(sessionId);
    return { ...toSessionResponse(session), records: records.map(toRecordResponse) };
  }

  /** Ends a queued session whose last record has ended; true for the one caller that ended it. */
  async closeQueuedIfDone(sessionId: string): Promise<boolean> {
    const closed = await this.repository.closeQueuedIfDone(sessionId);
    if (closed) this.logger.log(`queued session ${sessionId} ended`);
    return closed;
  }

  tallyRecords(sessionId: string): Promise<RecordsTally> {
    return this.repository.tallyRecords(sessionId);
  }

  setSummary(sessionId: string, summary: Record<string, unknown>): Promise<void> {
    return this.repository.setSummary(sessionId, summary);
  }

  /** The running queued session of the category, if any (a run whose jobs are still in the queue). */
  runningQueued(category: SessionCategory): Promise<string | null> {
    return this.repository.runningQueued(category);
  }

  queuedWithoutOpenRecords(): Promise<string[]> {
    return this.repository.queuedWithoutOpenRecords();
  }

  /** Fails the pending records of zones no live collector takes, in queued sessions older than `olderThanMs`. */
  failUnservedZones(servedZones: readonly string[], olderThanMs: number): Promise<string[]> {
    return this.repository.failUnservedZones(servedZones, olderThanMs);
  }

  isRunning(category: SessionCategory): Promise<string | null> {
    return this.repository.latestRunning(category);
  }
}
