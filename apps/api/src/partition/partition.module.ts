import { Global, Module } from '@nestjs/common';
import { PartitionCleanupService } from './partition-cleanup.service';
import { PartitionCreateService } from './partition-create.service';
import { PartitionJobsService } from './partition-jobs.service';
import { PartitionStatusService } from './partition-status.service';
import { PartitionController } from './partition.controller';
import { PartitionRepository } from './partition.repository';

/**
 * Partition management. Global so the archive module can call PartitionCleanupService (POST /archive/run) and
 * PartitionRepository (restore re-creates a month); the archive module provides ARCHIVE_STEP globally in return.
 */
@Global()
@Module({
  controllers: [PartitionController],
  providers: [PartitionRepository, PartitionCreateService, PartitionStatusService, PartitionCleanupService, PartitionJobsService],
  exports: [PartitionRepository, PartitionCreateService, PartitionCleanupService, PartitionStatusService],
})
export class PartitionModule {}
