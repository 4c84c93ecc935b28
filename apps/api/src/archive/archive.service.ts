import {
  type ArchiveEntry,
  type ArchiveStatusResponse,
  type PartitionCleanupResult,
  STATS_TABLES,
} from '@capacity/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/roles.decorator';
import { ConflictError } from '../common/domain-errors';
import { isoOrNull } from '../common/iso-timestamp';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PartitionCleanupService } from '../partition/partition-cleanup.service';
import { ArchiveRepository, type ManifestRow } from './archive.repository';

/** Status of the cold tier and the manual archive run (the scheduled one is the cleanup job). */
@Injectable()
export class ArchiveService {
  constructor(
    private readonly repository: ArchiveRepository,
    private readonly cleanup: PartitionCleanupService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async status(): Promise<ArchiveStatusResponse> {
    const entries = (await this.repository.listManifest()).map(toArchiveEntry);
    return {
      archive_enabled: this.config.enabled.archive,
      retention_months: this.config.retentionMonths,
      tables: STATS_TABLES.map((table) => {
        const own = entries.filter((entry) => entry.table === table);
        const cold = own.filter((entry) => entry.state === 'dropped');
        return {
          table,
          cold_months: cold.length,
          cold_rows: cold.reduce((sum, entry) => sum + (entry.rows ?? 0), 0),
          parquet_bytes: cold.reduce((sum, entry) => sum + (entry.parquet_bytes ?? 0), 0),
          pg_bytes_before: cold.reduce((sum, entry) => sum + (entry.pg_bytes_before ?? 0), 0),
          entries: own,
        };
      }),
    };
  }

  /** A cleanup run recorded as an `archive` session: every partition past RETENTION_MONTHS archived, then dropped. */
  async run(dryRun: boolean, user: AuthUser): Promise<PartitionCleanupResult> {
    if (!this.config.enabled.archive) {
      throw new ConflictError(
        'archive is disabled (ARCHIVE_ENABLED=false): nothing is archived; POST /partitions/cleanup with drop_without_archive=true drops without archiving',
      );
    }
    // The cleanup takes the cleanup lock through the JobRunner: 409 while another cleanup or archive run holds it.
    return this.cleanup.cleanup({ dryRun, category: 'archive', type: 'manual', createdBy: user.id });
  }
}


export function compressionRatio(pgBytes: number | null, parquetBytes: number | null): number | null {
  if (!pgBytes || !parquetBytes) return null;
  return Math.round((pgBytes / parquetBytes) * 100) / 100;
}

export function toArchiveEntry(row: ManifestRow): ArchiveEntry {
  return {
    table: row.table,
    month: row.month,
    state: row.state,
    rows: row.rowCount,
    files: row.files,
    parquet_bytes: row.parquetBytes,
    pg_bytes_before: row.pgBytesBefore,
    compression_ratio: compressionRatio(row.pgBytesBefore, row.parquetBytes),
    error_message: row.errorMessage,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    exported_at: isoOrNull(row.exportedAt),
    verified_at: isoOrNull(row.verifiedAt),
    dropped_at: isoOrNull(row.droppedAt),
    restored_at: isoOrNull(row.restoredAt),
  };
}
