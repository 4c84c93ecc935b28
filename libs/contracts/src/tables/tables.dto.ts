import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsCalendarDate } from '../common/date-range';
import { IsOptionalNonNull } from '../common/optional-non-null';
import { ToInteger } from '../common/to-integer';

export const MAX_GROWTH_WINDOW_DAYS = 3650;
export const DEFAULT_GROWTH_WINDOW_DAYS = 30;

/** GET /instances/:id/databases/:name/tables — default: the latest day with readings of that database. */
export class TopTablesQueryDto {
  @ApiPropertyOptional({ type: 'string', format: 'date', description: 'The day of the readings; default: the latest day with readings' })
  @IsOptionalNonNull() @IsCalendarDate()
  date?: string;
}

/** GET /instances/:id/databases/:name/tables/growth */
export class TableGrowthQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_GROWTH_WINDOW_DAYS,
    default: DEFAULT_GROWTH_WINDOW_DAYS,
    description: 'Growth over the last N days before the latest reading (7 and 30 are what the Storage tab shows)',
  })
  @IsOptionalNonNull() @ToInteger() @IsInt({ message: 'window_days must be an integer' })
  @Min(1, { message: `window_days must be between 1 and ${MAX_GROWTH_WINDOW_DAYS}` })
  @Max(MAX_GROWTH_WINDOW_DAYS, { message: `window_days must be between 1 and ${MAX_GROWTH_WINDOW_DAYS}` })
  window_days?: number;
}
