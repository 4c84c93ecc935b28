import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsCalendarDate, IsNotBefore } from '../common/date-range';
import { IsOptionalNonNull } from '../common/optional-non-null';
import { ToInteger } from '../common/to-integer';

/** GET /instances/:id/database-sizes — default: the last 30 days. */
export class DatabaseSizesQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Default: 30 days before end_date' })
  @IsOptionalNonNull() @IsCalendarDate()
  start_date?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Default: today' })
  @IsOptionalNonNull() @IsCalendarDate() @IsNotBefore('start_date')
  end_date?: string;

  @ApiPropertyOptional()
  @IsOptionalNonNull() @IsString() @MinLength(1) @MaxLength(255)
  database_name?: string;
}

/** GET /instances/:id/database-sizes/forecast */
export class ForecastQueryDto {
  @ApiPropertyOptional({ description: 'One database; the instance total when absent' })
  @IsOptionalNonNull() @IsString() @MinLength(1) @MaxLength(255)
  database_name?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 3650, description: 'Project at this horizon; +30 and +90 days when absent' })
  @IsOptionalNonNull() @ToInteger() @IsInt({ message: 'horizon_days must be an integer' })
  @Min(1, { message: 'horizon_days must be between 1 and 3650' }) @Max(3650, { message: 'horizon_days must be between 1 and 3650' })
  horizon_days?: number;
}
