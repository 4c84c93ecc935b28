import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, Matches } from 'class-validator';
import { STATS_TABLES, type StatsTable } from '../common/constants';
import { IsNotNull, IsOptionalNonNull } from '../common/optional-non-null';
import { ARCHIVE_MONTH } from './archive.types';

/** POST /archive/restore */
export class RestoreArchiveDto {
  @ApiProperty({ enum: STATS_TABLES, enumName: 'StatsTable' })
  @IsNotNull() @IsIn(STATS_TABLES, { message: `table must be one of: ${STATS_TABLES.join(', ')}` })
  table!: StatsTable;

  @ApiProperty({ type: String, pattern: ARCHIVE_MONTH.source, example: '2025-01', description: 'The archived month, YYYY-MM' })
  @IsNotNull() @Matches(ARCHIVE_MONTH, { message: 'month must be a month as YYYY-MM (1900-01 to 2999-12)' })
  month!: string;
}

/** POST /archive/run */
export class RunArchiveDto {
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'List the partitions past retention, archive and drop nothing' })
  @IsOptionalNonNull() @IsBoolean({ message: 'dry_run must be a boolean' })
  dry_run?: boolean;
}
