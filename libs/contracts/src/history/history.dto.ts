import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsCalendarDate, IsNotBefore } from '../common/date-range';

/** GET /instances/:id/database-sizes — default: the last 30 days. */
export class DatabaseSizesQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'Default: 30 days before end_date' })
  @IsOptional() @IsCalendarDate()
  start_date?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Default: today' })
  @IsOptional() @IsCalendarDate() @IsNotBefore('start_date')
  end_date?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MinLength(1) @MaxLength(255)
  database_name?: string;
}

/** GET /instances/:id/database-sizes/forecast */
export class ForecastQueryDto {
  @ApiPropertyOptional({ description: 'One database; the instance total when absent' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(255)
  database_name?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 3650, description: 'Project at this horizon; +30 and +90 days when absent' })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'horizon_days must be an integer' })
  @Min(1, { message: 'horizon_days must be between 1 and 3650' }) @Max(3650, { message: 'horizon_days must be between 1 and 3650' })
  horizon_days?: number;
}
