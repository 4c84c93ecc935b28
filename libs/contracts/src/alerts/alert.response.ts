import { ApiProperty } from '@nestjs/swagger';
import { DB_TYPES, type DbType } from '../common/constants';
import {
  ALERT_CHANGE_DIRECTIONS,
  ALERT_GROWTH_MATCHES,
  ALERT_LEVELS,
  ALERT_RULE_TYPES,
  ALERT_SCOPE_TYPES,
  ALERT_SEVERITIES,
  ALERT_STATES,
  ALERT_TRANSITIONS,
  type AlertChangeDirection,
  type AlertGrowthMatch,
  type AlertLevel,
  type AlertRuleType,
  type AlertScopeType,
  type AlertSeverity,
  type AlertState,
  type AlertTransition,
} from './alert.types';

/** A rule's parameters: those of its type set (defaults filled in), the others null. */
export class AlertRuleParamsResponse {
  @ApiProperty({ type: 'integer', nullable: true }) bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) percent!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) days!: number | null;
  @ApiProperty({ type: 'string', enum: ALERT_GROWTH_MATCHES, nullable: true }) match!: AlertGrowthMatch | null;
  @ApiProperty({ type: 'string', enum: ALERT_CHANGE_DIRECTIONS, nullable: true }) direction!: AlertChangeDirection | null;
  @ApiProperty({ type: 'integer', nullable: true }) runs!: number | null;
}

export class AlertRuleScopeResponse {
  @ApiProperty({ enum: ALERT_SCOPE_TYPES, enumName: 'AlertScopeType' }) type!: AlertScopeType;
  @ApiProperty({ type: 'string', nullable: true }) tag!: string | null;
  @ApiProperty({ type: 'string', enum: DB_TYPES, nullable: true }) db_type!: DbType | null;
  @ApiProperty({ type: 'integer', nullable: true }) instance_id!: number | null;
  @ApiProperty({ type: 'string', nullable: true }) database_name!: string | null;
}

export class AlertRuleResponse {
  @ApiProperty({ type: 'integer', minimum: 1 }) id!: number;
  @ApiProperty({ type: 'string' }) name!: string;
  @ApiProperty({ type: 'boolean' }) enabled!: boolean;
  @ApiProperty({ enum: ALERT_RULE_TYPES, enumName: 'AlertRuleType' }) type!: AlertRuleType;
  @ApiProperty({ enum: ALERT_LEVELS, enumName: 'AlertLevel' }) level!: AlertLevel;
  @ApiProperty({ type: AlertRuleParamsResponse }) params!: AlertRuleParamsResponse;
  @ApiProperty({ type: AlertRuleScopeResponse }) scope!: AlertRuleScopeResponse;
  @ApiProperty({ enum: ALERT_SEVERITIES, enumName: 'AlertSeverity' }) severity!: AlertSeverity;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Minutes between notices while firing; null: notified once' }) repeat_interval_minutes!: number | null;
  @ApiProperty({ type: 'array', items: { type: 'integer', minimum: 1 }, description: 'Notification channel ids' }) channel_ids!: number[];
  @ApiProperty({ type: 'boolean', description: 'The rule created on first start (the original system\'s growth rule)' }) is_default!: boolean;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Its events firing now' }) firing_count!: number;
  @ApiProperty({ type: 'string', format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) updated_at!: string;
}

export class AlertRuleRef {
  @ApiProperty({ type: 'integer', minimum: 1 }) id!: number;
  @ApiProperty({ type: 'string' }) name!: string;
  @ApiProperty({ enum: ALERT_RULE_TYPES, enumName: 'AlertRuleType' }) type!: AlertRuleType;
}

export class AlertInstanceRef {
  @ApiProperty({ type: 'integer', minimum: 1 }) id!: number;
  @ApiProperty({ type: 'string' }) name!: string;
  @ApiProperty({ enum: DB_TYPES, enumName: 'DbType' }) db_type!: DbType;
}

export class AlertUserRef {
  @ApiProperty({ type: 'integer', minimum: 1 }) id!: number;
  @ApiProperty({ type: 'string' }) username!: string;
}

/** An alert event: one condition (rule + instance + database) from firing to resolved. */
export class AlertResponse {
  @ApiProperty({ type: 'integer', minimum: 1 }) id!: number;
  @ApiProperty({ type: AlertRuleRef }) rule!: AlertRuleRef;
  @ApiProperty({ type: AlertInstanceRef }) instance!: AlertInstanceRef;
  @ApiProperty({ type: 'string', nullable: true, description: 'null: the instance as a whole' }) database_name!: string | null;
  @ApiProperty({ enum: ALERT_STATES, enumName: 'AlertState' }) state!: AlertState;
  @ApiProperty({ enum: ALERT_SEVERITIES, enumName: 'AlertSeverity' }) severity!: AlertSeverity;
  @ApiProperty({ type: 'string', format: 'date-time' }) first_fired_at!: string;
  @ApiProperty({ type: 'string', format: 'date-time', description: 'The latest evaluation that found the condition true' }) last_seen_at!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true, description: 'null: no channel was told yet' }) last_notified_at!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Notices sent while firing (first and repeats)' }) notification_count!: number;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) resolved_at!: string | null;
  @ApiProperty({ type: AlertUserRef, nullable: true }) acknowledged_by!: AlertUserRef | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) acknowledged_at!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The size when last evaluated (bytes)' }) size_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'size_bytes / 1024 / 1024, 2 decimals' }) size_mb!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The effective limit (bytes); null when none is known' }) limit_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'Forecast days until the limit; null without a forecast' }) days_to_full!: number | null;
  @ApiProperty({ type: 'string', description: 'What was found, for a person' }) summary!: string;
}

export class AlertHistoryEntryResponse {
  @ApiProperty({ enum: ALERT_TRANSITIONS, enumName: 'AlertTransition' }) transition!: AlertTransition;
  @ApiProperty({ type: 'string', format: 'date-time' }) at!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Channels the notice of this entry went to' }) channel_count!: number;
  @ApiProperty({ type: AlertUserRef, nullable: true, description: 'Who acknowledged (acknowledged entries)' }) user!: AlertUserRef | null;
  @ApiProperty({ type: 'integer', nullable: true }) size_bytes!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) limit_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) days_to_full!: number | null;
  @ApiProperty({ type: 'string' }) summary!: string;
}

export class AlertDetailResponse extends AlertResponse {
  @ApiProperty({ type: [AlertHistoryEntryResponse], description: 'Oldest first' }) history!: AlertHistoryEntryResponse[];
}

/** The header's count: events firing now, by severity. */
export class AlertSummaryResponse {
  @ApiProperty({ type: 'integer', minimum: 0 }) firing!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) critical!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) warning!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Firing and not acknowledged' }) unacknowledged!: number;
}
