import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AggregationService } from '../aggregation/aggregation.service';
import { CollectionService } from '../collection/collection.service';
import { errorMessage } from '../common/error-message';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NotificationDigest } from '../notifications/notification-digest.service';
import { PartitionJobsService } from '../partition/partition-jobs.service';
import { SCHEDULED_JOB_NAMES, type ScheduledJobName } from './job-names';
import { JobBusyError } from './job-runner.service';

/**
 * The scheduled jobs: one method per job, run by its cron expression (COLLECT_CRON, …) when its switch is on.
 * A method only calls the job's service, which runs through the JobRunner; a tick finding the job's lock held
 * (another replica, or a manual run) is skipped. A partition maintenance also runs at start-up.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private readonly jobs: Record<ScheduledJobName, () => Promise<boolean>> = {
    collect: () => this.collect(),
    aggregation: () => this.aggregate(),
    partition: () => this.maintainPartitions(),
    cleanup: () => this.cleanup(),
    digest: () => this.digest(),
  };

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly collection: CollectionService,
    private readonly aggregation: AggregationService,
    private readonly partitions: PartitionJobsService,
    private readonly notificationDigest: NotificationDigest,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const job of SCHEDULED_JOB_NAMES) this.schedule(job);
    // A long-idle install gets its months before the first tick.
    if (this.config.enabled.partition && !(await this.maintainPartitions())) this.logger.log('start-up partition maintenance did not run');
  }

  /** Each method: true when the run went, false when switched off, skipped or failed (logged; a tick never throws). */
  collect(): Promise<boolean> {
    return this.tick('collect', () => this.collection.runScheduled());
  }

  aggregate(): Promise<boolean> {
    return this.tick('aggregation', () => this.aggregation.runScheduled());
  }

  maintainPartitions(): Promise<boolean> {
    return this.tick('partition', () => this.partitions.scheduledMaintenance());
  }

  cleanup(): Promise<boolean> {
    return this.tick('cleanup', () => this.partitions.scheduledCleanup());
  }

  digest(): Promise<boolean> {
    return this.tick('digest', () => this.notificationDigest.runScheduled());
  }

  beforeApplicationShutdown(): void {
    for (const [name, job] of this.registry.getCronJobs()) {
      void job.stop();
      this.registry.deleteCronJob(name);
    }
  }

  private schedule(job: ScheduledJobName): void {
    if (!this.config.enabled[job]) {
      this.logger.log(`${job} job disabled by configuration`);
      return;
    }
    const cron = CronJob.from({ cronTime: this.config.cron[job], timeZone: this.config.timeZone, onTick: () => void this.jobs[job](), start: true });
    this.registry.addCronJob(job, cron as never);
    this.logger.log(`${job} job scheduled at "${this.config.cron[job]}" (${this.config.timeZone})`);
  }

  private async tick(job: ScheduledJobName, run: () => Promise<unknown>): Promise<boolean> {
    if (!this.config.enabled[job]) return false;
    try {
      await run();
      return true;
    } catch (error) {
      if (error instanceof JobBusyError) this.logger.log(`${job} tick skipped: another replica or run holds the lock`);
      else this.logger.error(`${job} job failed: ${errorMessage(error)}`);
      return false;
    }
  }
}
