import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STATS_TABLES, type StatsTable } from '../common/constants';
import { PARTITION_HEALTH_KINDS, type PartitionHealthKind } from './partition.types';

const TABLE = { enum: STATS_TABLES, enumName: 'StatsTable' };
const MONTH = { type: 'string', pattern: '^\\d{4}-\\d{2}$', example: '2027-01' } as const;

/** One partition (a month, or the table's default partition). */
export class PartitionInfo {
  @ApiProperty(TABLE) table!: StatsTable;
  @ApiProperty({ type: String, description: '`<table>_YYYY_MM` or `<table>_default`' }) name!: string;
  @ApiProperty({ type: 'string', format: 'date', nullable: true, description: 'Inclusive lower bound; null for the default partition' })
  range_from!: string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true, description: 'Exclusive upper bound; null for the default partition' })
  range_to!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Exact count, or the planner estimate when `row_count_estimated` is true (very large partitions)' })
  row_count!: number;
  @ApiProperty() row_count_estimated!: boolean;
  @ApiProperty({ type: 'integer', minimum: 0, description: '`pg_total_relation_size` (table + indexes + TOAST)' }) total_bytes!: number;
  @ApiProperty() is_default!: boolean;
}

/** GET /partitions?table */
export class PartitionListResponse {
  @ApiProperty({ type: () => [PartitionInfo], description: 'Month partitions in range order, then the default partition' })
  data!: PartitionInfo[];
}

export class PartitionHealthFinding {
  @ApiProperty({ enum: PARTITION_HEALTH_KINDS, enumName: 'PartitionHealthKind' }) kind!: PartitionHealthKind;
  @ApiProperty({ type: String }) message!: string;
  @ApiPropertyOptional({ ...MONTH, description: 'The month concerned, when the finding is about one month' }) month?: string;
}

export class TablePartitionStatus {
  @ApiProperty(TABLE) table!: StatsTable;
  @ApiProperty({ type: () => [PartitionInfo], description: 'Month partitions in range order, then the default partition' })
  partitions!: PartitionInfo[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Number of month partitions (the default partition not counted)' }) partition_count!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) total_bytes!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Rows sitting in `<table>_default`' }) default_rows!: number;
  @ApiProperty() healthy!: boolean;
  @ApiProperty({ type: () => [PartitionHealthFinding] }) findings!: PartitionHealthFinding[];
}

/** GET /partitions/status */
export class PartitionStatusResponse {
  @ApiProperty({ type: () => [TablePartitionStatus] }) tables!: TablePartitionStatus[];
  @ApiProperty() healthy!: boolean;
  @ApiProperty({ ...MONTH, description: 'The current month the findings were judged against' }) current_month!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'PARTITION_PREMAKE_MONTHS' }) premake_months!: number;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'RETENTION_MONTHS' }) retention_months!: number;
  @ApiProperty({ type: 'string', format: 'date-time' }) checked_at!: string;
}

/** A month partition of a table. */
export class PartitionRef {
  @ApiProperty(TABLE) table!: StatsTable;
  @ApiProperty({ type: String, example: 'database_size_stats_2027_01' }) name!: string;
  @ApiProperty(MONTH) month!: string;
}

export class PartitionMovedRows extends PartitionRef {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Rows moved from `<table>_default` into this partition' }) rows!: number;
}

export class PartitionFailure extends PartitionRef {
  @ApiProperty({ type: String, description: 'Why the partition could not be created' }) reason!: string;
}

/** POST /partitions/create (also the result of a maintenance run). */
export class PartitionCreateResult {
  @ApiProperty({ type: 'string', format: 'uuid' }) session_id!: string;
  @ApiProperty({ type: () => [PartitionRef], description: 'Partitions that did not exist and were created' }) created!: PartitionRef[];
  @ApiProperty({ type: () => [PartitionRef], description: 'Partitions asked for that already existed (nothing done)' }) existing!: PartitionRef[];
  @ApiProperty({ type: () => [PartitionMovedRows], description: 'Rows rescued from a default partition into their month' }) moved!: PartitionMovedRows[];
  @ApiProperty({ type: () => [PartitionFailure], description: 'Partitions that could not be created, with the reason' }) failed!: PartitionFailure[];
}

export class PartitionArchived extends PartitionRef {
  @ApiProperty({ type: [String], description: 'Parquet files, relative to ARCHIVE_DIR' }) files!: string[];
  @ApiProperty({ type: 'integer', minimum: 0 }) rows!: number;
  @ApiProperty({ type: String }) detail!: string;
}

export class PartitionSkipped extends PartitionRef {
  @ApiProperty({ type: String }) reason!: string;
}

/** POST /partitions/cleanup and POST /archive/run */
export class PartitionCleanupResult {
  @ApiProperty({ type: 'string', format: 'uuid' }) session_id!: string;
  @ApiProperty() dry_run!: boolean;
  @ApiProperty({ type: 'integer', minimum: 1 }) retention_months!: number;
  @ApiProperty({ ...MONTH, description: 'First month kept: every month partition before it is past retention' }) keep_from!: string;
  @ApiProperty() archive_enabled!: boolean;
  @ApiProperty({ type: () => [PartitionRef], description: 'Partitions past retention (what a real run would archive and drop)' }) would_drop!: PartitionRef[];
  @ApiProperty({ type: () => [PartitionRef], description: 'Partitions detached and dropped by this run' }) dropped!: PartitionRef[];
  @ApiProperty({ type: () => [PartitionArchived], description: 'Partitions written to the cold tier before their drop' }) archived!: PartitionArchived[];
  @ApiProperty({ type: () => [PartitionSkipped], description: 'Partitions past retention left in place, and why' }) skipped!: PartitionSkipped[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why nothing was dropped, when a run refused to drop (e.g. archive disabled without drop_without_archive)',
  })
  message!: string | null;
}
