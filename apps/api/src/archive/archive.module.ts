import { Module } from '@nestjs/common';
import { ConfigModule } from '../config/config.module';
import { JobsModule } from '../jobs/jobs.module';
import { PartitionModule } from '../partition/partition.module';
import { ArchiveRestoreService } from './archive-restore.service';
import { ArchiveController } from './archive.controller';
import { ArchiveService } from './archive.service';
import { ColdTierModule } from './cold-tier.module';

/** /archive status, run (the cleanup of the partition module, through the cold tier's step) and restore. */
@Module({
  imports: [ConfigModule, JobsModule, ColdTierModule, PartitionModule],
  controllers: [ArchiveController],
  providers: [ArchiveRestoreService, ArchiveService],
})
export class ArchiveModule {}
