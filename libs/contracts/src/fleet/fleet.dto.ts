import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { DB_TYPES, PERIOD_TYPES, type DbType, type PeriodType } from '../common/constants';
import { IsCalendarDate, IsNotBefore } from '../common/date-range';
import { IsOptionalNonNull } from '../common/optional-non-null';
import { PageQueryDto } from '../common/query.dto';
import { ResponseFormatQuery, type ResponseFormat } from '../common/response-format';
import { ToInteger } from '../common/to-integer';
import {
  FLEET_CHANGE_KINDS,
  FLEET_DEFAULT_THRESHOLD_PERCENT,
  FLEET_DEFAULT_TOP,
  FLEET_GROUP_BYS,
  FLEET_LEVELS,
  FLEET_MAX_PERIODS,
  FLEET_MAX_TOP,
  FLEET_METRICS,
  FLEET_MIN_TOP,
  FLEET_RANK_BYS,
  FLEET_WINDOW_DAYS,
  type FleetChangeKind,
  type FleetGroupBy,
  type FleetLevel,
  type FleetMetric,
  type FleetRankBy,
  type FleetWindowDays,
} from './fleet.types';

const oneOf = (field: string, values: readonly (string | number)[]) => ({ message: `${field} must be one of: ${values.join(', ')}` });
const MAX_THRESHOLD_PERCENT = 1_000_000;

/** Plain decimal text ("12", "0.5") becomes a number; anything else stays as sent for `@IsNumber()` to refuse. */
function ToDecimal(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,9}(\.\d{1,6})?$/.test(value) ? Number(value) : value));
}

/** The filters every fleet read takes; a viewer's own instances are the outer bound. */
export class FleetFilterQueryDto {
  @ApiPropertyOptional({ enum: DB_TYPES, enumName: 'DbType', description: 'Only instances of this engine' })
  @IsOptionalNonNull() @IsIn(DB_TYPES, oneOf('db_type', DB_TYPES))
  db_type?: DbType;

  @ApiPropertyOptional({ type: 'string', minLength: 1, maxLength: 64, description: 'Only instances carrying this tag (exact)' })
  @IsOptionalNonNull() @IsString({ message: 'tag must be a string' }) @MinLength(1) @MaxLength(64)
  tag?: string;

  @ApiPropertyOptional({
    type: 'string',
    minLength: 1,
    maxLength: 255,
    description:
      'Only databases whose name contains this text, case-insensitive (`%` and `_` match themselves); the series then read database sizes. Not with rankings at level=instance',
  })
  @IsOptionalNonNull() @IsString({ message: 'database_name must be a string' }) @MinLength(1) @MaxLength(255)
  database_name?: string;
}

/** GET /fleet/series */
export class FleetSeriesQueryDto extends FleetFilterQueryDto {
  @ApiPropertyOptional({ enum: PERIOD_TYPES, enumName: 'PeriodType', default: 'daily' })
  @IsOptionalNonNull() @IsIn(PERIOD_TYPES, oneOf('period_type', PERIOD_TYPES))
  period_type: PeriodType = 'daily';

  @ApiPropertyOptional({
    type: 'string',
    format: 'date',
    description: 'The first period is the one holding this day. Default: 30 days, 12 weeks, 12 months or 8 quarters before end_date',
  })
  @IsOptionalNonNull() @IsCalendarDate()
  start_date?: string;

  @ApiPropertyOptional({ type: 'string', format: 'date', description: `The last period is the one holding this day. Default: today (APP_TIMEZONE). At most ${FLEET_MAX_PERIODS} periods` })
  @IsOptionalNonNull() @IsCalendarDate() @IsNotBefore('start_date')
  end_date?: string;

  @ApiPropertyOptional({ enum: FLEET_GROUP_BYS, enumName: 'FleetGroupBy', default: 'instance' })
  @IsOptionalNonNull() @IsIn(FLEET_GROUP_BYS, oneOf('group_by', FLEET_GROUP_BYS))
  group_by: FleetGroupBy = 'instance';

  @ApiPropertyOptional({ type: 'integer', minimum: FLEET_MIN_TOP, maximum: FLEET_MAX_TOP, default: FLEET_DEFAULT_TOP, description: 'How many groups get their own series' })
  @IsOptionalNonNull() @ToInteger() @IsInt({ message: 'top must be an integer' })
  @Min(FLEET_MIN_TOP, { message: `top must be between ${FLEET_MIN_TOP} and ${FLEET_MAX_TOP}` })
  @Max(FLEET_MAX_TOP, { message: `top must be between ${FLEET_MIN_TOP} and ${FLEET_MAX_TOP}` })
  top: number = FLEET_DEFAULT_TOP;

  @ApiPropertyOptional({ enum: FLEET_RANK_BYS, enumName: 'FleetRankBy', default: 'size', description: 'size: in the last period; growth: last period minus first' })
  @IsOptionalNonNull() @IsIn(FLEET_RANK_BYS, oneOf('rank_by', FLEET_RANK_BYS))
  rank_by: FleetRankBy = 'size';
}

/** GET /fleet/rankings */
export class FleetRankingsQueryDto extends IntersectionType(PageQueryDto, FleetFilterQueryDto) {
  @ApiPropertyOptional({ enum: FLEET_METRICS, enumName: 'FleetMetric', default: 'growth_bytes' })
  @IsOptionalNonNull() @IsIn(FLEET_METRICS, oneOf('metric', FLEET_METRICS))
  metric: FleetMetric = 'growth_bytes';

  @ApiPropertyOptional({ type: 'integer', enum: [...FLEET_WINDOW_DAYS], default: 30, description: 'Compare the "as of" reading with the one this many days before' })
  @IsOptionalNonNull() @ToInteger() @IsIn(FLEET_WINDOW_DAYS, oneOf('window_days', FLEET_WINDOW_DAYS))
  window_days: FleetWindowDays = 30;

  @ApiPropertyOptional({ enum: FLEET_LEVELS, enumName: 'FleetLevel', default: 'database' })
  @IsOptionalNonNull() @IsIn(FLEET_LEVELS, oneOf('level', FLEET_LEVELS))
  level: FleetLevel = 'database';

  @ApiPropertyOptional({ type: 'string', format: 'date', description: 'The day ranked. Default: the newest day with readings of the matching instances' })
  @IsOptionalNonNull() @IsCalendarDate()
  as_of?: string;

  @ResponseFormatQuery()
  format?: ResponseFormat;
}

/** GET /fleet/changes */
export class FleetChangesQueryDto extends IntersectionType(PageQueryDto, FleetFilterQueryDto) {
  @ApiPropertyOptional({ type: 'string', format: 'date', description: 'Compare this day with the day before. Default: yesterday (APP_TIMEZONE)' })
  @IsOptionalNonNull() @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({
    type: 'number',
    minimum: 0,
    maximum: MAX_THRESHOLD_PERCENT,
    default: FLEET_DEFAULT_THRESHOLD_PERCENT,
    description: 'A database present both days is listed when its size changed by more than this percentage',
  })
  @IsOptionalNonNull() @ToDecimal() @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'threshold_percent must be a number' })
  @Min(0, { message: `threshold_percent must be between 0 and ${MAX_THRESHOLD_PERCENT}` })
  @Max(MAX_THRESHOLD_PERCENT, { message: `threshold_percent must be between 0 and ${MAX_THRESHOLD_PERCENT}` })
  threshold_percent: number = FLEET_DEFAULT_THRESHOLD_PERCENT;

  @ApiPropertyOptional({ enum: FLEET_CHANGE_KINDS, enumName: 'FleetChangeKind', description: 'Only this kind of change' })
  @IsOptionalNonNull() @IsIn(FLEET_CHANGE_KINDS, oneOf('change', FLEET_CHANGE_KINDS))
  change?: FleetChangeKind;
}
