import { Module } from '@nestjs/common';
import { ConfigModule } from '../config/config.module';
import { COLD_TIER } from '../history/cold-tier.port';
import { ARCHIVE_STATE_HOOK, noArchiveStateHook } from './archive-state-hook';
import { ArchiveStepService } from './archive-step.service';
import { ArchiveRepository } from './archive.repository';
import { ColdTierService } from './cold-tier.service';
import { DuckDbService } from './duckdb.service';
import { ParquetStore } from './parquet-store.repository';

/**
 * The cold tier (DESIGN.md §7): Parquet files under ARCHIVE_DIR and their manifest. It depends on no other
 * feature: the partition module binds its ARCHIVE_STEP port to ArchiveStepService, history reads through COLD_TIER.
 */
@Module({
  imports: [ConfigModule],
  providers: [
    DuckDbService,
    ParquetStore,
    ArchiveRepository,
    { provide: ARCHIVE_STATE_HOOK, useValue: noArchiveStateHook },
    ArchiveStepService,
    ColdTierService,
    { provide: COLD_TIER, useExisting: ColdTierService },
  ],
  exports: [ArchiveStepService, COLD_TIER, ParquetStore, ArchiveRepository],
})
export class ColdTierModule {}
