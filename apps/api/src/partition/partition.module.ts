import { Module } from '@nestjs/common';
import { ArchiveStepService } from '../archive/archive-step.service';
import { ColdTierModule } from '../archive/cold-tier.module';
import { ConfigModule } from '../config/config.module';
import { JobsModule } from '../jobs/jobs.module';
import { SessionsModule } from '../sessions/sessions.module';
import { ARCHIVE_STEP } from './archive-step';
import { PartitionCleanupService } from './partition-cleanup.service';
import { PartitionCreateService } from './partition-create.service';
import { PartitionJobsService } from './partition-jobs.service';
import { PartitionStartupService } from './partition-startup.service';
import { PartitionStatusService } from './partition-status.service';
import { PartitionController } from './partition.controller';
import { PartitionRepository } from './partition.repository';

/**
 * Partition management. The cleanup runs each partition past retention through ARCHIVE_STEP, a port this module
 * owns and binds to the cold tier's step; the archive module imports this one (POST /archive/run, restore).
 */
@Module({
  imports: [ConfigModule, SessionsModule, JobsModule, ColdTierModule],
  controllers: [PartitionController],
  providers: [
    { provide: ARCHIVE_STEP, useExisting: ArchiveStepService },
    PartitionRepository,
    PartitionCreateService,
    PartitionStatusService,
    PartitionCleanupService,
    PartitionJobsService,
    PartitionStartupService,
  ],
  exports: [PartitionRepository, PartitionCreateService, PartitionCleanupService, PartitionStatusService, PartitionJobsService],
})
export class PartitionModule {}
