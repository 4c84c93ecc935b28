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
  /** The network zone whose collectors take a queued target (JobRunner.fanOut). */
  zone?: string | null;
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

/** Puts a queued run's work in the job queue (one job per target, carrying its record id); the session exists. */
export type Enqueue<T> = (context: JobContext<T>) => Promise<void>;

/** A queued run that has ended: its summary, written on the session by whoever ended it. */
export type Summarize = (sessionId: string) => Promise<Record<string, unknown>>;

/** How often a process waiting for a queued run it started (runNow, idle) checks whether another replica ended it. */
const QUEUED_POLL_MS = 250;

/**
 * The one way a job runs: its advisory lock (refused with 409 while another run holds it), the recovery of the
 * job's runs left `running` by a dead owner, a session with a record per target, the work, the session's end
 * (status from the records, or failed with the error), the lock's release.
 */
@Injectable()
export class JobRunner implements BeforeApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private readonly background = new Set<Promise<unknown>>();
  /** Queued runs this process started, until they end (here or on another replica). */
  private readonly queued = new Map<string, { ended: Promise<void>; resolve: () => void }>();

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

  /**
   * A queued run: under the job's lock (409 while a queued run of the category is still going), the session with a
   * pending record per target, then `enqueue` puts one job per target in the queue and the lock is released. Workers
   * on every replica take the jobs; `settle` ends the session when its last record ends, wherever that is.
   */
  async fanOut<T>(job: JobName, request: JobRequest<T>, queue: { enqueue: Enqueue<T>; summarize: Summarize }): Promise<{ sessionId: string }> {
    const { lock, context } = await this.prepare(job, request, async () => {
      if (await this.sessions.runningQueued(request.category)) throw new JobBusyError(job);
    });
    try {
      let resolve = (): void => undefined;
      const ended = new Promise<void>((done) => (resolve = done));
      this.queued.set(context.sessionId, { ended, resolve });
      try {
        await queue.enqueue(context);
      } catch (error) {
        this.queued.delete(context.sessionId);
        resolve();
        await this.sessions.finish(context.sessionId, { error: `could not queue the run: ${errorMessage(error)}` });
        await this.events.runFinished({ job, category: request.category, sessionId: context.sessionId });
        throw error;
      }
      // An empty run has nothing to wait for (nor one whose every job already ended before their settle ran).
      await this.settle(job, request.category, context.sessionId, queue.summarize);
      return { sessionId: context.sessionId };
    } finally {
      await lock.release();
    }
  }

  /**
   * Called after each record of a queued run ends (and by the sweeps): ends the session once none of its records
   * is open — exactly one caller across replicas wins, writes the summary and tells JobEvents. True for that one.
   */
  async settle(job: JobName, category: SessionCategory, sessionId: string, summarize: Summarize): Promise<boolean> {
    if (!(await this.sessions.closeQueuedIfDone(sessionId))) return false;
    try {
      await this.sessions.setSummary(sessionId, await summarize(sessionId));
    } catch (error) {
      this.logger.error(`could not write the summary of session ${sessionId}: ${errorMessage(error)}`);
    }
    this.queued.get(sessionId)?.resolve();
    await this.events.runFinished({ job, category, sessionId });
    return true;
  }

  /** Resolves when the queued run `sessionId` has ended, on any replica. */
  async untilEnded(sessionId: string): Promise<void> {
    const local = this.queued.get(sessionId);
    const poll = async (): Promise<void> => {
      let stopped = false;
      void local?.ended.then(() => (stopped = true));
      while (!stopped) {
        const session = await this.sessions.get(sessionId);
        if (session.status !== 'running') return;
        await new Promise((done) => setTimeout(done, QUEUED_POLL_MS));
      }
    };
    try {
      await (local ? Promise.race([local.ended, poll()]) : poll());
    } finally {
      local?.resolve();
      this.queued.delete(sessionId);
    }
  }

  /** Resolves when the background runs started by this process, and the queued runs it started, have ended. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.background, ...[...this.queued.keys()].map((sessionId) => this.untilEnded(sessionId))]);
  }

  /** Waits for this process's own background runs; queued runs belong to the queue and go on without it. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.background);
    for (const waiter of this.queued.values()) waiter.resolve();
  }

  private async acquireOrBusy(job: JobName): Promise<HeldJobLock> {
    const lock = await this.tryAcquire(job);
    if (!lock) throw new JobBusyError(job);
    return lock;
  }

  private async prepare<T>(job: JobName, request: JobRequest<T>, underLock?: () => Promise<void>): Promise<Prepared<T>> {
    const lock = await this.acquireOrBusy(job);
    try {
      await underLock?.();
      const targets = await request.targets();
      const { sessionId, recordIds } = await this.sessions.start({
        category: request.category,
        job,
        type: request.type,
        createdBy: request.createdBy ?? null,
        targets: targets.map(request.record),
        queued: underLock !== undefined,
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
        markRunning: async (target) => {
          await this.sessions.markRunning(recordId(target));
        },
        finishRecord: async (target, outcome) => {
          await this.sessions.finishRecord(recordId(target), outcome);
        },
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
