import { Global, Module } from '@nestjs/common';
import { COLD_TIER } from '../history/cold-tier.port';
import { ARCHIVE_STEP } from '../partition/archive-step';
import { ArchiveRestoreService } from './archive-restore.service';
import { ArchiveStepService } from './archive-step.service';
import { ArchiveController } from './archive.controller';
import { ArchiveRepository } from './archive.repository';
import { ArchiveService } from './archive.service';
import { ColdTierService } from './cold-tier.service';
import { DuckDbService } from './duckdb.service';
import { ParquetStore } from './parquet-store';

/**
 * The cold tier (DESIGN.md §7): provides the cleanup's archive step (ARCHIVE_STEP) and the history query bridge
 * (COLD_TIER) to the whole app, plus /archive status, run and restore.
 */
@Global()
@Module({
  controllers: [ArchiveController],
  providers: [
    DuckDbService,
    ParquetStore,
    ArchiveRepository,
    ArchiveStepService,
    ColdTierService,
    ArchiveRestoreService,
    ArchiveService,
    { provide: ARCHIVE_STEP, useExisting: ArchiveStepService },
    { provide: COLD_TIER, useExisting: ColdTierService },
  ],
  exports: [ARCHIVE_STEP, COLD_TIER, ArchiveStepService, ColdTierService, ParquetStore, ArchiveRepository, DuckDbService],
})
export class ArchiveModule {}
