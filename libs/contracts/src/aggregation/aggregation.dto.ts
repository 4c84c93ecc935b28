import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DB_TYPES, INT4_MAX, PERIOD_TYPES, type DbType, type PeriodType } from '../common/constants';
import { IsCalendarDate, IsNotBefore } from '../common/date-range';
import { IsNotNull, IsOptionalNonNull } from '../common/optional-non-null';
import { PageQueryDto } from '../common/query.dto';
import { ResponseFormatQuery, type ResponseFormat } from '../common/response-format';
import { ToInteger } from '../common/to-integer';

const PERIOD_MESSAGE = `period_type must be one of: ${PERIOD_TYPES.join(', ')}`;

/** GET /instances/:id/database-sizes/aggregations */
export class AggregationsQueryDto extends PageQueryDto {
  @ApiProperty({ enum: PERIOD_TYPES, enumName: 'PeriodType' })
  @IsNotNull() @IsIn(PERIOD_TYPES, { message: PERIOD_MESSAGE })
  period_type!: PeriodType;

  @ApiPropertyOptional({ type: 'string', format: 'date', description: 'period_start ≥ start_date' })
  @IsOptionalNonNull() @IsCalendarDate()
  start_date?: string;

  @ApiPropertyOptional({ type: 'string', format: 'date', description: 'period_end ≤ end_date' })
  @IsOptionalNonNull() @IsCalendarDate() @IsNotBefore('start_date')
  end_date?: string;

  @ApiPropertyOptional({
    type: 'string',
    minLength: 1,
    maxLength: 255,
    description: 'This one database of the instance (exact, case-sensitive name), as the Storage tab picks it. GET /aggregations and /fleet/* match a substring',
  })
  @IsOptionalNonNull() @IsString() @MinLength(1) @MaxLength(255)
  database_name?: string;
}

/** GET /instances/:id/database-sizes/trends */
export class TrendsQueryDto {
  @ApiProperty({ enum: PERIOD_TYPES, enumName: 'PeriodType' })
  @IsNotNull() @IsIn(PERIOD_TYPES, { message: PERIOD_MESSAGE })
  period_type!: PeriodType;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 120, default: 12 })
  @IsOptionalNonNull() @ToInteger() @IsInt({ message: 'months must be an integer' })
  @Min(1, { message: 'months must be between 1 and 120' }) @Max(120, { message: 'months must be between 1 and 120' })
  months = 12;
}

/** GET /aggregations (across instances) */
export class CrossAggregationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: INT4_MAX })
  @IsOptionalNonNull() @ToInteger() @IsInt({ message: 'instance_id must be an integer' })
  @Min(1, { message: 'instance_id must be a positive integer' }) @Max(INT4_MAX, { message: 'instance_id must be a positive integer' })
  instance_id?: number;

  @ApiPropertyOptional({ enum: DB_TYPES, enumName: 'DbType' })
  @IsOptionalNonNull() @IsIn(DB_TYPES, { message: `db_type must be one of: ${DB_TYPES.join(', ')}` })
  db_type?: DbType;

  @ApiPropertyOptional({ type: 'string', minLength: 1, maxLength: 255, description: 'Only databases whose name contains this text, case-insensitive (`%` and `_` match themselves)' })
  @IsOptionalNonNull() @IsString() @MinLength(1) @MaxLength(255)
  database_name?: string;

  @ApiPropertyOptional({ enum: PERIOD_TYPES, enumName: 'PeriodType' })
  @IsOptionalNonNull() @IsIn(PERIOD_TYPES, { message: PERIOD_MESSAGE })
  period_type?: PeriodType;

  @ApiPropertyOptional({ type: 'string', format: 'date' })
  @IsOptionalNonNull() @IsCalendarDate()
  start_date?: string;

  @ApiPropertyOptional({ type: 'string', format: 'date' })
  @IsOptionalNonNull() @IsCalendarDate() @IsNotBefore('start_date')
  end_date?: string;

  @ResponseFormatQuery()
  format?: ResponseFormat;
}

/** POST /aggregations/run — no body: today's periods. */
export class RunAggregationDto {
  // No description here: the first property of an enum lends its description to the shared PeriodType schema.
  @ApiPropertyOptional({ enum: PERIOD_TYPES, enumName: 'PeriodType' })
  @IsOptionalNonNull() @IsIn(PERIOD_TYPES, { message: PERIOD_MESSAGE })
  period_type?: PeriodType;

  @ApiPropertyOptional({ type: 'string', format: 'date', description: 'Recompute the periods touching [start_date, end_date]; today when absent' })
  @IsOptionalNonNull() @IsCalendarDate()
  start_date?: string;

  @ApiPropertyOptional({ type: 'string', format: 'date' })
  @IsOptionalNonNull() @IsCalendarDate() @IsNotBefore('start_date')
  end_date?: string;
}
