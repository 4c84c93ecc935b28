import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { DB_TYPES, INT4_MAX, type DbType } from '../common/constants';
import { IsNotNull, IsOptionalNonNull } from '../common/optional-non-null';
import { PageQueryDto } from '../common/query.dto';
import { ResponseFormatQuery, type ResponseFormat } from '../common/response-format';
import { ToInteger } from '../common/to-integer';
import { INSTANCE_LIMITS } from '../instances/instance-limits';
import {
  ALERT_CHANGE_DIRECTIONS,
  ALERT_GROWTH_MATCHES,
  ALERT_LEVELS,
  ALERT_RULE_LIMITS as LIMITS,
  ALERT_RULE_TYPES,
  ALERT_SCOPE_TYPES,
  ALERT_SEVERITIES,
  ALERT_STATES,
  type AlertChangeDirection,
  type AlertGrowthMatch,
  type AlertLevel,
  type AlertRuleType,
  type AlertScopeType,
  type AlertSeverity,
  type AlertState,
} from './alert.types';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const oneOf = (field: string, values: readonly string[]) => ({ message: `${field} must be one of: ${values.join(', ')}` });
const between = (field: string, min: number, max: number) => ({ message: `${field} must be between ${min} and ${max}` });

/**
 * A rule's parameters; which apply depends on the rule's type (README "Alert rules"): one that does not apply, or a
 * missing one, is a 400 naming it (`params.percent`).
 */
export class AlertRuleParamsDto {
  @ApiPropertyOptional({ type: 'integer', minimum: LIMITS.bytes.minimum, maximum: LIMITS.bytes.maximum, description: 'size_above: the size; growth: the growth (Y bytes)' })
  @IsOptionalNonNull() @IsInt({ message: 'bytes must be an integer' }) @Min(LIMITS.bytes.minimum, between('bytes', LIMITS.bytes.minimum, LIMITS.bytes.maximum))
  @Max(LIMITS.bytes.maximum, between('bytes', LIMITS.bytes.minimum, LIMITS.bytes.maximum))
  bytes?: number;

  @ApiPropertyOptional({
    type: 'number',
    minimum: LIMITS.percent.minimum,
    maximum: LIMITS.percent.maximum,
    description: 'size_above: % of the limit; growth: the growth (X %); sudden_change: the day-over-day change (X %). At most 2 decimals',
  })
  @IsOptionalNonNull() @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }, { message: 'percent must be a number with at most 2 decimals' })
  @Min(LIMITS.percent.minimum, between('percent', LIMITS.percent.minimum, LIMITS.percent.maximum))
  @Max(LIMITS.percent.maximum, between('percent', LIMITS.percent.minimum, LIMITS.percent.maximum))
  percent?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: LIMITS.daysToFull.maximum,
    description: `days_to_full_below: N (1–${LIMITS.daysToFull.maximum}); growth: the window D; database_disappeared: the look-back (1–${LIMITS.windowDays.maximum})`,
  })
  @IsOptionalNonNull() @IsInt({ message: 'days must be an integer' }) @Min(1, between('days', 1, LIMITS.daysToFull.maximum))
  @Max(LIMITS.daysToFull.maximum, between('days', 1, LIMITS.daysToFull.maximum))
  days?: number;

  @ApiPropertyOptional({ enum: ALERT_GROWTH_MATCHES, enumName: 'AlertGrowthMatch', description: 'growth: both thresholds (all, default) or either (any)' })
  @IsOptionalNonNull() @IsIn(ALERT_GROWTH_MATCHES, oneOf('match', ALERT_GROWTH_MATCHES))
  match?: AlertGrowthMatch;

  @ApiPropertyOptional({ enum: ALERT_CHANGE_DIRECTIONS, enumName: 'AlertChangeDirection', description: 'sudden_change: a jump (up), a drop (down) or either (both, default)' })
  @IsOptionalNonNull() @IsIn(ALERT_CHANGE_DIRECTIONS, oneOf('direction', ALERT_CHANGE_DIRECTIONS))
  direction?: AlertChangeDirection;

  @ApiPropertyOptional({ type: 'integer', minimum: LIMITS.runs.minimum, maximum: LIMITS.runs.maximum, description: 'collection_failing: K runs in a row' })
  @IsOptionalNonNull() @IsInt({ message: 'runs must be an integer' }) @Min(LIMITS.runs.minimum, between('runs', LIMITS.runs.minimum, LIMITS.runs.maximum))
  @Max(LIMITS.runs.maximum, between('runs', LIMITS.runs.minimum, LIMITS.runs.maximum))
  runs?: number;
}

/** Which instances a rule covers; the field of its type is required, the others refused. */
export class AlertRuleScopeDto {
  @ApiProperty({ enum: ALERT_SCOPE_TYPES, enumName: 'AlertScopeType' })
  @IsNotNull() @IsIn(ALERT_SCOPE_TYPES, oneOf('type', ALERT_SCOPE_TYPES))
  type!: AlertScopeType;

  @ApiPropertyOptional({ type: 'string', minLength: 1, maxLength: INSTANCE_LIMITS.tags.itemMaxLength, description: 'scope tag: the instances with this tag' })
  @IsOptionalNonNull() @IsString({ message: 'tag must be a string' }) @IsNotEmpty({ message: 'tag must not be empty' }) @MaxLength(INSTANCE_LIMITS.tags.itemMaxLength)
  tag?: string;

  @ApiPropertyOptional({ enum: DB_TYPES, enumName: 'DbType', description: 'scope db_type: the instances of this engine' })
  @IsOptionalNonNull() @IsIn(DB_TYPES, oneOf('db_type', DB_TYPES))
  db_type?: DbType;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: INT4_MAX, description: 'scope instance or database: the instance' })
  @IsOptionalNonNull() @IsInt({ message: 'instance_id must be an integer' }) @Min(1, between('instance_id', 1, INT4_MAX)) @Max(INT4_MAX, between('instance_id', 1, INT4_MAX))
  instance_id?: number;

  @ApiPropertyOptional({ type: 'string', minLength: 1, maxLength: INSTANCE_LIMITS.database_name.maxLength, description: 'scope database: the database of the instance' })
  @IsOptionalNonNull() @IsString({ message: 'database_name must be a string' }) @IsNotEmpty({ message: 'database_name must not be empty' })
  @MaxLength(INSTANCE_LIMITS.database_name.maxLength)
  database_name?: string;
}

export class CreateAlertRuleDto {
  @ApiProperty({ type: 'string', minLength: 1, maxLength: LIMITS.name.maxLength, example: 'Orders disk 90 %' })
  @Transform(trim) @IsNotNull() @IsString({ message: 'name must be a string' }) @IsNotEmpty({ message: 'name must not be empty' }) @MaxLength(LIMITS.name.maxLength)
  name!: string;

  @ApiPropertyOptional({ type: 'boolean', default: true, description: 'An enabled rule needs at least one channel' })
  @IsOptionalNonNull() @IsBoolean({ message: 'enabled must be a boolean' })
  enabled?: boolean;

  @ApiProperty({ enum: ALERT_RULE_TYPES, enumName: 'AlertRuleType' })
  @IsNotNull() @IsIn(ALERT_RULE_TYPES, oneOf('type', ALERT_RULE_TYPES))
  type!: AlertRuleType;

  @ApiPropertyOptional({
    enum: ALERT_LEVELS,
    enumName: 'AlertLevel',
    description: 'Each database or each instance total (default database; collection_failing is instance, database_disappeared database only)',
  })
  @IsOptionalNonNull() @IsIn(ALERT_LEVELS, oneOf('level', ALERT_LEVELS))
  level?: AlertLevel;

  @ApiProperty({ type: AlertRuleParamsDto })
  @IsNotNull() @IsObject({ message: 'params must be an object' }) @ValidateNested() @Type(() => AlertRuleParamsDto)
  params!: AlertRuleParamsDto;

  @ApiPropertyOptional({ type: AlertRuleScopeDto, description: 'Default: every instance' })
  @IsOptionalNonNull() @IsObject({ message: 'scope must be an object' }) @ValidateNested() @Type(() => AlertRuleScopeDto)
  scope?: AlertRuleScopeDto;

  @ApiPropertyOptional({ enum: ALERT_SEVERITIES, enumName: 'AlertSeverity', default: 'warning' })
  @IsOptionalNonNull() @IsIn(ALERT_SEVERITIES, oneOf('severity', ALERT_SEVERITIES))
  severity?: AlertSeverity;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: LIMITS.repeatIntervalMinutes.minimum,
    maximum: LIMITS.repeatIntervalMinutes.maximum,
    default: 1440,
    description: 'Notify again after this many minutes while firing (and not acknowledged); null: once only',
  })
  @IsOptional() @IsInt({ message: 'repeat_interval_minutes must be an integer' })
  @Min(LIMITS.repeatIntervalMinutes.minimum, between('repeat_interval_minutes', LIMITS.repeatIntervalMinutes.minimum, LIMITS.repeatIntervalMinutes.maximum))
  @Max(LIMITS.repeatIntervalMinutes.maximum, between('repeat_interval_minutes', LIMITS.repeatIntervalMinutes.minimum, LIMITS.repeatIntervalMinutes.maximum))
  repeat_interval_minutes?: number | null;

  @ApiPropertyOptional({ type: 'array', items: { type: 'integer', minimum: 1, maximum: INT4_MAX }, maxItems: LIMITS.channels.maxItems, description: 'Notification channel ids' })
  @IsOptionalNonNull() @IsArray({ message: 'channel_ids must be an array of channel ids' }) @ArrayMaxSize(LIMITS.channels.maxItems)
  @IsInt({ each: true, message: 'channel_ids must be an array of channel ids' }) @Min(1, { each: true, message: 'channel_ids must be an array of channel ids' })
  @Max(INT4_MAX, { each: true, message: 'channel_ids must be an array of channel ids' })
  channel_ids?: number[];
}

/** Only the fields given change; `params` and `scope` are replaced whole. */
export class UpdateAlertRuleDto extends PartialType(CreateAlertRuleDto, { skipNullProperties: false }) {}

export class ListAlertsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ALERT_STATES, enumName: 'AlertState' })
  @IsOptionalNonNull() @IsIn(ALERT_STATES, oneOf('state', ALERT_STATES))
  state?: AlertState;

  @ApiPropertyOptional({ enum: ALERT_SEVERITIES, enumName: 'AlertSeverity' })
  @IsOptionalNonNull() @IsIn(ALERT_SEVERITIES, oneOf('severity', ALERT_SEVERITIES))
  severity?: AlertSeverity;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: INT4_MAX })
  @IsOptionalNonNull() @ToInteger() @IsInt({ message: 'instance_id must be an integer' }) @Min(1, between('instance_id', 1, INT4_MAX)) @Max(INT4_MAX, between('instance_id', 1, INT4_MAX))
  instance_id?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: INT4_MAX })
  @IsOptionalNonNull() @ToInteger() @IsInt({ message: 'rule_id must be an integer' }) @Min(1, between('rule_id', 1, INT4_MAX)) @Max(INT4_MAX, between('rule_id', 1, INT4_MAX))
  rule_id?: number;

  @ResponseFormatQuery()
  format?: ResponseFormat;
}
