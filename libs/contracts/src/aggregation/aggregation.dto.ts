import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DB_TYPES, PERIOD_TYPES, type DbType, type PeriodType } from '../common/constants';
import { IsCalendarDate, IsNotBefore } from '../common/date-range';
import { PageQueryDto } from '../common/query.dto';

const PERIOD_MESSAGE = `period_type must be one of: ${PERIOD_TYPES.join(', ')}`;

/** GET /instances/:id/database-sizes/aggregations */
export class AggregationsQueryDto extends PageQueryDto {
  @ApiProperty({ enum: PERIOD_TYPES })
  @IsIn(PERIOD_TYPES, { message: PERIOD_MESSAGE })
  period_type!: PeriodType;

  @ApiPropertyOptional({ format: 'date', description: 'period_start ≥ start_date' })
  @IsOptional() @IsCalendarDate()
  start_date?: string;

  @ApiPropertyOptional({ format: 'date', description: 'period_end ≤ end_date' })
  @IsOptional() @IsCalendarDate() @IsNotBefore('start_date')
  end_date?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MinLength(1) @MaxLength(255)
  database_name?: string;
}

/** GET /instances/:id/database-sizes/trends */
export class TrendsQueryDto {
  @ApiProperty({ enum: PERIOD_TYPES })
  @IsIn(PERIOD_TYPES, { message: PERIOD_MESSAGE })
  period_type!: PeriodType;

  @ApiPropertyOptional({ minimum: 1, maximum: 120, default: 12 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'months must be an integer' })
  @Min(1, { message: 'months must be between 1 and 120' }) @Max(120, { message: 'months must be between 1 and 120' })
  months = 12;
}

/** GET /aggregations (across instances) */
export class CrossAggregationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minimum: 1 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'instance_id must be an integer' })
  @Min(1, { message: 'instance_id must be a positive integer' }) @Max(2_147_483_647, { message: 'instance_id must be a positive integer' })
  instance_id?: number;

  @ApiPropertyOptional({ enum: DB_TYPES })
  @IsOptional() @IsIn(DB_TYPES, { message: `db_type must be one of: ${DB_TYPES.join(', ')}` })
  db_type?: DbType;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MinLength(1) @MaxLength(255)
  database_name?: string;

  @ApiPropertyOptional({ enum: PERIOD_TYPES })
  @IsOptional() @IsIn(PERIOD_TYPES, { message: PERIOD_MESSAGE })
  period_type?: PeriodType;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional() @IsCalendarDate()
  start_date?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional() @IsCalendarDate() @IsNotBefore('start_date')
  end_date?: string;
}

/** POST /aggregations/run — no body: today's periods. */
export class RunAggregationDto {
  @ApiPropertyOptional({ enum: PERIOD_TYPES, description: 'Only this period type; all four when absent' })
  @IsOptional() @IsIn(PERIOD_TYPES, { message: PERIOD_MESSAGE })
  period_type?: PeriodType;

  @ApiPropertyOptional({ format: 'date', description: 'Recompute the periods touching [start_date, end_date]; today when absent' })
  @IsOptional() @IsCalendarDate()
  start_date?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional() @IsCalendarDate() @IsNotBefore('start_date')
  end_date?: string;
}
