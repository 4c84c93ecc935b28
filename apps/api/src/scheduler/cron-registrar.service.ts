import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JobLockService, type HeldJobLock, type JobName } from './job-lock.service';

/**
 * Registers each @Cron job with its configured expression. A tick runs the job's callback only when
 * its switch is on and this replica wins the advisory lock; the job itself only calls a service.
 */
@Injectable()
export class CronRegistrar implements OnApplicationShutdown {
  private readonly logger = new Logger(CronRegistrar.name);

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly locks: JobLockService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  register(job: JobName, expression: string, enabled: boolean, run: () => Promise<unknown>): void {
    if (!enabled) {
      this.logger.log(`${job} job disabled by configuration`);
      return;
    }
    const cron = CronJob.from({
      cronTime: expression,
      timeZone: this.config.timeZone,
      onTick: () => void this.tick(job, run),
      start: true,
    });
    this.registry.addCronJob(job, cron as never);
    this.logger.log(`${job} job scheduled at "${expression}" (${this.config.timeZone})`);
  }

  /** Takes the lock (failing the job's interrupted runs first), runs, releases; never throws (a cron callback). */
  async tick(job: JobName, run: () => Promise<unknown>): Promise<boolean> {
    let lock: HeldJobLock | null;
    try {
      lock = await this.locks.tryAcquire(job);
    } catch (error) {
      this.logger.error(`${job} tick failed before the run: ${(error as Error).message}`);
      return false;
    }
    if (!lock) {
      this.logger.log(`${job} tick skipped: another replica or run holds the lock`);
      return false;
    }
    try {
      await run();
      return true;
    } catch (error) {
      this.logger.error(`${job} job failed: ${(error as Error).message}`);
      return false;
    } finally {
      await lock.release();
    }
  }

  onApplicationShutdown(): void {
    for (const [name, job] of this.registry.getCronJobs()) {
      void job.stop();
      this.registry.deleteCronJob(name);
    }
  }
}
