import { ApiProperty } from '@nestjs/swagger';
import { STATS_TABLES, type StatsTable } from '../common/constants';
import { ARCHIVE_STATES, type ArchiveState } from './archive.types';

const TABLE = { enum: STATS_TABLES, enumName: 'StatsTable' };
const MONTH = { type: 'string', pattern: '^\\d{4}-\\d{2}$', example: '2025-01' } as const;
const TIMESTAMP = { type: 'string', format: 'date-time' } as const;
const NULLABLE_TIMESTAMP = { ...TIMESTAMP, nullable: true } as const;

/** One table-month of the cold tier (a row of `archive_manifest`). */
export class ArchiveEntry {
  @ApiProperty(TABLE) table!: StatsTable;
  @ApiProperty(MONTH) month!: string;
  @ApiProperty({ enum: ARCHIVE_STATES, enumName: 'ArchiveState' }) state!: ArchiveState;
  @ApiProperty({ type: 'integer', minimum: 0, nullable: true, description: 'Rows written to (and verified in) the Parquet files' }) rows!: number | null;
  @ApiProperty({ type: [String], description: 'Parquet files, relative to ARCHIVE_DIR' }) files!: string[];
  @ApiProperty({ type: 'integer', minimum: 0, nullable: true }) parquet_bytes!: number | null;
  @ApiProperty({ type: 'integer', minimum: 0, nullable: true, description: '`pg_total_relation_size` of the partition when it was exported' })
  pg_bytes_before!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'pg_bytes_before / parquet_bytes, 2 decimals; null until both are known' })
  compression_ratio!: number | null;
  @ApiProperty({ type: String, nullable: true }) error_message!: string | null;
  @ApiProperty(TIMESTAMP) created_at!: string;
  @ApiProperty(TIMESTAMP) updated_at!: string;
  @ApiProperty(NULLABLE_TIMESTAMP) exported_at!: string | null;
  @ApiProperty(NULLABLE_TIMESTAMP) verified_at!: string | null;
  @ApiProperty(NULLABLE_TIMESTAMP) dropped_at!: string | null;
  @ApiProperty(NULLABLE_TIMESTAMP) restored_at!: string | null;
}

export class ArchiveTableStatus {
  @ApiProperty(TABLE) table!: StatsTable;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Months now served from the cold tier (state `dropped`)' }) cold_months!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) cold_rows!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) parquet_bytes!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) pg_bytes_before!: number;
  @ApiProperty({ type: () => [ArchiveEntry] }) entries!: ArchiveEntry[];
}

/** GET /archive/status */
export class ArchiveStatusResponse {
  @ApiProperty({ description: 'ARCHIVE_ENABLED' }) archive_enabled!: boolean;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'RETENTION_MONTHS' }) retention_months!: number;
  @ApiProperty({ type: () => [ArchiveTableStatus] }) tables!: ArchiveTableStatus[];
}

/** POST /archive/restore */
export class ArchiveRestoreResponse {
  @ApiProperty(TABLE) table!: StatsTable;
  @ApiProperty(MONTH) month!: string;
  @ApiProperty({ enum: ['restored'] }) state!: 'restored';
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Rows loaded back and verified' }) rows!: number;
  @ApiProperty(TIMESTAMP) restored_at!: string;
}
