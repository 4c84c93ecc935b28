import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { errorMessage } from '../common/error-message';
import { SessionsService } from '../sessions/sessions.service';
import type { HeldJobLock } from './job-lock.repository';
import type { JobName } from './job-names';
import { JobRunner } from './job-runner.service';

export const ORPHANED_RUN_SWEEP_MS = Symbol('ORPHANED_RUN_SWEEP_MS');
export const DEFAULT_ORPHANED_RUN_SWEEP_MS = 60_000;

/**
 * At start-up and then every minute: a session still `running` whose job lock can be taken has no live
 * owner (a process that crashed, or a replica that died) and is failed. Every run does the same for its own
 * job when the runner takes the lock; this sweep covers the jobs that do not run for a while.
 * Locks are only tried for jobs that have such a session, so a healthy repository is never locked by it.
 */
@Injectable()
export class OrphanedRunSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrphanedRunSweep.name);
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;

  constructor(
    private readonly runner: JobRunner,
    private readonly sessions: SessionsService,
    @Inject(ORPHANED_RUN_SWEEP_MS) private readonly intervalMs: number,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.current;
  }

  /** One pass (a pass already going is joined). Never throws: a failure is logged and the next pass retries. */
  sweep(): Promise<void> {
    this.current ??= this.pass()
      .catch((error: unknown) => this.logger.warn(`could not check for interrupted runs: ${errorMessage(error)}`))
      .finally(() => {
        this.current = null;
      });
    return this.current;
  }

  private async pass(): Promise<void> {
    for (const jobs of await this.sessions.locksOfForeignRunningSessions()) await this.underLocks(jobs);
  }

  /** Takes every lock of the set (each acquisition fails that job's orphans), then the sessions that needed all of them. */
  private async underLocks(jobs: JobName[]): Promise<void> {
    const held: HeldJobLock[] = [];
    try {
      for (const job of jobs) {
        const lock = await this.runner.tryAcquire(job);
        if (!lock) return; // a live run holds it: its sessions are left alone
        held.push(lock);
      }
      if (jobs.length > 1) await this.sessions.failInterrupted(jobs);
    } finally {
      for (const lock of held.reverse()) await lock.release();
    }
  }
}
