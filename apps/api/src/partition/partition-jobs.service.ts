import type { CleanupPartitionsDto, CreatePartitionsDto, PartitionCleanupResult, PartitionCreateResult } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/roles.decorator';
import { PartitionCleanupService } from './partition-cleanup.service';
import { PartitionCreateService } from './partition-create.service';

/**
 * The partition jobs as the scheduler (PARTITION_CRON, CLEANUP_CRON, the start-up maintenance) and the API start
 * them; each run takes its job's lock through the JobRunner (409 while another holds it).
 */
@Injectable()
export class PartitionJobsService {
  constructor(
    private readonly creator: PartitionCreateService,
    private readonly cleaner: PartitionCleanupService,
  ) {}

  scheduledMaintenance(): Promise<PartitionCreateResult> {
    return this.creator.maintain({ type: 'scheduled' });
  }

  /** Never drops without archiving: with the archive off, it only reports what it would drop. */
  scheduledCleanup(): Promise<PartitionCleanupResult> {
    return this.cleaner.cleanup({ type: 'scheduled', category: this.cleaner.archiveActive ? 'archive' : 'partition' });
  }

  /** POST /partitions/create. */
  createManual(dto: CreatePartitionsDto, user: AuthUser): Promise<PartitionCreateResult> {
    return this.creator.create({ month: dto.month, futureMonths: dto.future_months, table: dto.table }, { type: 'manual', createdBy: user.id });
  }

  /** POST /partitions/cleanup. */
  cleanupManual(dto: CleanupPartitionsDto, user: AuthUser): Promise<PartitionCleanupResult> {
    return this.cleaner.cleanup({
      retentionMonths: dto.retention_months,
      dryRun: dto.dry_run,
      dropWithoutArchive: dto.drop_without_archive,
      type: 'manual',
      createdBy: user.id,
    });
  }
}
