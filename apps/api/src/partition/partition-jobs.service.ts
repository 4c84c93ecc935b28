import type { CleanupPartitionsDto, CreatePartitionsDto, PartitionCleanupResult, PartitionCreateResult } from '@capacity/contracts';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { AuthUser } from '../auth/roles.decorator';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CronRegistrar } from '../scheduler/cron-registrar.service';
import { JobLockService, type JobName } from '../scheduler/job-lock.service';
import { PartitionCleanupService } from './partition-cleanup.service';
import { PartitionCreateService } from './partition-create.service';

/**
 * The partition jobs: the scheduled maintenance (PARTITION_CRON) and cleanup (CLEANUP_CRON), a maintenance at
 * start-up so a long-idle install gets its months, and the manual runs of the API under the same locks.
 */
@Injectable()
export class PartitionJobsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(PartitionJobsService.name);

  constructor(
    private readonly creator: PartitionCreateService,
    private readonly cleaner: PartitionCleanupService,
    private readonly locks: JobLockService,
    private readonly cron: CronRegistrar,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The registrar takes the job's lock around each tick: these callbacks must not take it again.
    this.cron.register('partition', this.config.cron.partition, this.config.enabled.partition, () => this.scheduledMaintenance());
    this.cron.register('cleanup', this.config.cron.cleanup, this.config.enabled.cleanup, () => this.scheduledCleanup());
    if (this.config.enabled.partition) {
      try {
        const ran = await this.cron.tick('partition', () => this.scheduledMaintenance());
        if (!ran) this.logger.log('start-up partition maintenance skipped: another run holds the lock');
      } catch (error) {
        this.logger.error(`start-up partition maintenance failed: ${(error as Error).message}`);
      }
    }
  }

  /** One scheduled maintenance run (caller holds the partition lock). */
  scheduledMaintenance(): Promise<PartitionCreateResult> {
    return this.creator.maintain({ type: 'scheduled' });
  }

  /** One scheduled cleanup run (caller holds the cleanup lock); never drops without archiving. */
  scheduledCleanup(): Promise<PartitionCleanupResult> {
    return this.cleaner.cleanup({ type: 'scheduled', category: this.cleaner.archiveActive ? 'archive' : 'partition' });
  }

  /** POST /partitions/create: 409 while a maintenance or create run holds the partition lock. */
  createManual(dto: CreatePartitionsDto, user: AuthUser): Promise<PartitionCreateResult> {
    return this.underLock('partition', () =>
      this.creator.create({ month: dto.month, futureMonths: dto.future_months, table: dto.table }, { type: 'manual', createdBy: user.id }),
    );
  }

  /** POST /partitions/cleanup: 409 while another cleanup holds the cleanup lock. */
  cleanupManual(dto: CleanupPartitionsDto, user: AuthUser): Promise<PartitionCleanupResult> {
    return this.underLock('cleanup', () =>
      this.cleaner.cleanup({
        retentionMonths: dto.retention_months,
        dryRun: dto.dry_run,
        dropWithoutArchive: dto.drop_without_archive,
        type: 'manual',
        createdBy: user.id,
      }),
    );
  }

  private async underLock<T>(job: JobName, run: () => Promise<T>): Promise<T> {
    const lock = await this.locks.acquireOrConflict(job);
    try {
      return await run();
    } finally {
      await lock.release();
    }
  }
}
