import type { SessionCategory, SessionType } from '@capacity/contracts';
import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { errorMessage } from '../common/error-message';
import { ConflictError } from '../common/domain-errors';
import { SessionsService } from '../sessions/sessions.service';
import { JobEvents, type RunFinished } from './job-events';
import { JobLockRepository, type HeldJobLock } from './job-lock.repository';
import type { JobName } from './job-names';

/** 409: another run of the job holds its lock, here or on another replica. */
export class JobBusyError extends ConflictError {
  constructor(readonly job: JobName) {
    super(`a ${job} run is already in progress`);
  }
}

/** What a run's session says about one target: an instance, or a period type, table or partition. */
export interface JobTarget {
  instanceId: number | null;
  name: string;
}

export interface JobRequest<T> {
  category: SessionCategory;
  type: SessionType;
  createdBy?: number | null;
  /** Resolved under the job's lock, before the session starts: one pending record per target, in order. */
  targets: () => Promise<readonly T[]> | readonly T[];
  /** The record of a target; names are unique within a run. */
  record: (target: T) => JobTarget;
}

/** How a target's record ends. */
export interface RecordOutcome {
  ok: boolean;
  itemsSynced?: number;
  error?: string | null;
  details?: Record<string, unknown> | null;
}

/** What the work sees of its run: the session, the targets, and their records (the runner ends the session). */
export interface JobContext<T> {
  sessionId: string;
  targets: readonly T[];
  recordId(target: T): number;
  markRunning(target: T): Promise<void>;
  finishRecord(target: T, outcome: RecordOutcome): Promise<void>;
}

/** What the work hands back: its result, the session's summary, or a fatal error that fails the session. */
export interface JobOutcome<R> {
  result: R;
  summary?: Record<string, unknown> | null;
  error?: string | null;
}

export type JobWork<T, R> = (context: JobContext<T>) => Promise<JobOutcome<R>>;

interface Prepared<T> {
  lock: HeldJobLock;
  context: JobContext<T>;
}

/**
 * The one way a job runs: its advisory lock (refused with 409 while another run holds it), the recovery of the
 * job's runs left `running` by a dead owner, a session with a record per target, the work, the session's end
 * (status from the records, or failed with the error), the lock's release.
 */
@Injectable()
export class JobRunner implements BeforeApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private readonly background = new Set<Promise<unknown>>();

  constructor(
    private readonly locks: JobLockRepository,
    private readonly sessions: SessionsService,
    private readonly events: JobEvents,
  ) {}

  /**
   * The job's lock, or null while another run holds it. Holding it proves that the job's sessions still marked
   * running (here or on a replica that died) have no live owner: they are failed before the lock is handed out.
   */
  async tryAcquire(job: JobName): Promise<HeldJobLock | null> {
    const lock = await this.locks.tryLock(job);
    if (!lock) return null;
    try {
      await this.sessions.failInterrupted([job]);
    } catch (error) {
      await lock.release();
      throw error;
    }
    return lock;
  }

  /** Runs `work` under the job's lock without a session (a step that must not overlap the job's runs). */
  async withLock<R>(job: JobName, work: () => Promise<R>): Promise<R> {
    const lock = await this.acquireOrBusy(job);
    try {
      return await work();
    } finally {
      await lock.release();
    }
  }

  /** The whole run, awaited: its result, or its error once the session is failed. */
  async runNow<T, R>(job: JobName, request: JobRequest<T>, work: JobWork<T, R>): Promise<R> {
    const { lock, context } = await this.prepare(job, request);
    try {
      return await this.execute(context, work, { job, category: request.category });
    } finally {
      await lock.release();
    }
  }

  /** Starts the run and answers once its session exists; the work goes on in the background (see idle()). */
  async start<T, R>(job: JobName, request: JobRequest<T>, work: JobWork<T, R>): Promise<{ sessionId: string }> {
    const { lock, context } = await this.prepare(job, request);
    const run = this.execute(context, work, { job, category: request.category })
      .catch((error: unknown) => this.logger.error(`${request.category} session ${context.sessionId} failed: ${errorMessage(error)}`))
      .finally(() => lock.release());
    this.background.add(run);
    void run.finally(() => this.background.delete(run));
    return { sessionId: context.sessionId };
  }

  /** Resolves when the background runs started by this process have ended. */
  async idle(): Promise<void> {
    await Promise.allSettled(this.background);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.idle();
  }

  private async acquireOrBusy(job: JobName): Promise<HeldJobLock> {
    const lock = await this.tryAcquire(job);
    if (!lock) throw new JobBusyError(job);
    return lock;
  }

  private async prepare<T>(job: JobName, request: JobRequest<T>): Promise<Prepared<T>> {
    const lock = await this.acquireOrBusy(job);
    try {
      const targets = await request.targets();
      const { sessionId, recordIds } = await this.sessions.start({
        category: request.category,
        job,
        type: request.type,
        createdBy: request.createdBy ?? null,
        targets: targets.map(request.record),
      });
      const recordId = (target: T): number => {
        const id = recordIds.get(request.record(target).name);
        if (id === undefined) throw new Error(`no record for target ${request.record(target).name} in session ${sessionId}`);
        return id;
      };
      const context: JobContext<T> = {
        sessionId,
        targets,
        recordId,
        markRunning: (target) => this.sessions.markRunning(recordId(target)),
        finishRecord: (target, outcome) => this.sessions.finishRecord(recordId(target), outcome),
      };
      return { lock, context };
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  private async execute<T, R>(context: JobContext<T>, work: JobWork<T, R>, run: Omit<RunFinished, 'sessionId'>): Promise<R> {
    let outcome: JobOutcome<R>;
    try {
      outcome = await work(context);
    } catch (error) {
      await this.sessions
        .finish(context.sessionId, { error: errorMessage(error) })
        .catch((finishError: unknown) => this.logger.error(`could not end session ${context.sessionId}: ${errorMessage(finishError)}`));
      await this.events.runFinished({ ...run, sessionId: context.sessionId });
      throw error;
    }
    await this.sessions.finish(context.sessionId, { summary: outcome.summary ?? null, error: outcome.error ?? null });
    await this.events.runFinished({ ...run, sessionId: context.sessionId });
    return outcome.result;
  }
}
