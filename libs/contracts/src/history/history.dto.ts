import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PERIOD_TYPES, type PeriodType } from '../common/constants';
import { IsCalendarDate, IsNotBefore } from '../common/date-range';
import { IsNotNull, IsOptionalNonNull } from '../common/optional-non-null';
import { PageQueryDto } from '../common/query.dto';
import { ResponseFormatQuery, type ResponseFormat } from '../common/response-format';
import { ToInteger } from '../common/to-integer';

/** GET /instances/:id/database-sizes — default: the last 30 days. */
export class DatabaseSizesQueryDto {
  @ApiPropertyOptional({ type: 'string', format: 'date', description: 'Default: 30 days before end_date' })
  @IsOptionalNonNull() @IsCalendarDate()
  start_date?: string;

  @ApiPropertyOptional({ type: 'string', format: 'date', description: 'Default: today' })
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

  @ResponseFormatQuery()
  format?: ResponseFormat;
}

/** GET /instances/:id/database-sizes/forecast */
export class ForecastQueryDto {
  @ApiPropertyOptional({ type: 'string', minLength: 1, maxLength: 255, description: 'One database (exact, case-sensitive name): its forecast; the instance total when absent' })
  @IsOptionalNonNull() @IsString() @MinLength(1) @MaxLength(255)
  database_name?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 3650, description: 'Project at this horizon; +30 and +90 days when absent' })
  @IsOptionalNonNull() @ToInteger() @IsInt({ message: 'horizon_days must be an integer' })
  @Min(1, { message: 'horizon_days must be between 1 and 3650' }) @Max(3650, { message: 'horizon_days must be between 1 and 3650' })
  horizon_days?: number;
}

/** GET /instances/:id/instance-sizes — default: the last 30 days. */
export class InstanceSizesQueryDto {
  @ApiPropertyOptional({ type: 'string', format: 'date', description: 'Default: 30 days before end_date' })
  @IsOptionalNonNull() @IsCalendarDate()
  start_date?: string;

  @ApiPropertyOptional({ type: 'string', format: 'date', description: 'Default: today' })
  @IsOptionalNonNull() @IsCalendarDate() @IsNotBefore('start_date')
  end_date?: string;
}

/** GET /instances/:id/instance-sizes/aggregations */
export class InstanceAggregationsQueryDto extends PageQueryDto {
  @ApiProperty({ enum: PERIOD_TYPES, enumName: 'PeriodType' })
  @IsNotNull() @IsIn(PERIOD_TYPES, { message: `period_type must be one of: ${PERIOD_TYPES.join(', ')}` })
  period_type!: PeriodType;

  @ApiPropertyOptional({ type: 'string', format: 'date', description: 'period_start ≥ start_date' })
  @IsOptionalNonNull() @IsCalendarDate()
  start_date?: string;

  @ApiPropertyOptional({ type: 'string', format: 'date', description: 'period_end ≤ end_date' })
  @IsOptionalNonNull() @IsCalendarDate() @IsNotBefore('start_date')
  end_date?: string;
}
