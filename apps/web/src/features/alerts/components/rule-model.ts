import {
  ALERT_FIXED_LEVELS,
  ALERT_RULE_LIMITS as LIMITS,
  DEFAULT_REPEAT_INTERVAL_MINUTES,
  type AlertChangeDirection,
  type AlertGrowthMatch,
  type AlertLevel,
  type AlertRuleType,
  type AlertScopeType,
  type AlertSeverity,
  type DbType,
} from '@capacity/contracts';
import type { MessageKey } from '../../../i18n';
import type { AlertRuleResponse, CreateAlertRuleBody } from '../../../lib/api-types';
import { limitBytesOf, limitTextOf, type LimitText } from '../../../lib/limit-bytes';

/** size_above: against an absolute size or a percentage of the limit. */
export type SizeBasis = 'bytes' | 'percent';

export interface RuleValues {
  name: string;
  enabled: boolean;
  type: AlertRuleType;
  level: AlertLevel;
  sizeBasis: SizeBasis;
  bytes: LimitText;
  percent: string;
  days: string;
  match: AlertGrowthMatch;
  direction: AlertChangeDirection;
  runs: string;
  scopeType: AlertScopeType;
  tag: string;
  dbType: DbType | '';
  instanceId: number | undefined;
  databaseName: string;
  severity: AlertSeverity;
  /** Minutes; empty: notified once. */
  repeat: string;
  channelIds: number[];
}

export const RULE_FIELDS = [
  'name', 'enabled', 'type', 'level', 'severity', 'repeat_interval_minutes', 'channel_ids',
  'params.bytes', 'params.percent', 'params.days', 'params.match', 'params.direction', 'params.runs',
  'scope.type', 'scope.tag', 'scope.db_type', 'scope.instance_id', 'scope.database_name',
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];
export type RuleErrors = Partial<Record<RuleField, MessageKey>>;

/** The parameters each type shows (the API refuses the others). */
export const TYPE_PARAMS: Record<AlertRuleType, readonly ('bytes' | 'percent' | 'days' | 'match' | 'direction' | 'runs')[]> = {
  size_above: ['bytes', 'percent'],
  days_to_full_below: ['days'],
  growth: ['percent', 'bytes', 'days', 'match'],
  sudden_change: ['percent', 'direction'],
  collection_failing: ['runs'],
  database_disappeared: ['days'],
};

export const emptyRule = (): RuleValues => ({
  name: '', enabled: true, type: 'size_above', level: 'database', sizeBasis: 'bytes', bytes: { amount: '', unit: 'GB' }, percent: '',
  days: '', match: 'all', direction: 'both', runs: '', scopeType: 'all', tag: '', dbType: '', instanceId: undefined, databaseName: '',
  severity: 'warning', repeat: String(DEFAULT_REPEAT_INTERVAL_MINUTES), channelIds: [],
});

const text = (value: number | null) => (value === null ? '' : String(value));

export function ruleValues(rule: AlertRuleResponse): RuleValues {
  const { params, scope } = rule;
  return {
    name: rule.name,
    enabled: rule.enabled,
    type: rule.type,
    level: rule.level,
    sizeBasis: rule.type === 'size_above' && params.percent !== null ? 'percent' : 'bytes',
    bytes: limitTextOf(params.bytes),
    percent: text(params.percent),
    days: text(params.days),
    match: params.match ?? 'all',
    direction: params.direction ?? 'both',
    runs: text(params.runs),
    scopeType: scope.type,
    tag: scope.tag ?? '',
    dbType: scope.db_type ?? '',
    instanceId: scope.instance_id ?? undefined,
    databaseName: scope.database_name ?? '',
    severity: rule.severity,
    repeat: text(rule.repeat_interval_minutes),
    channelIds: rule.channel_ids,
  };
}

/** Whether the form shows a parameter for the rule's type (size_above shows the one of its basis). */
export function showsParam(values: RuleValues, param: (typeof TYPE_PARAMS)[AlertRuleType][number]): boolean {
  if (values.type === 'size_above') return param === values.sizeBasis;
  return TYPE_PARAMS[values.type].includes(param);
}

const integerIn = (value: string, min: number, max: number) => /^\d+$/.test(value.trim()) && Number(value) >= min && Number(value) <= max;
const percentIn = (value: string) => /^\d+(\.\d{1,2})?$/.test(value.trim()) && Number(value) >= LIMITS.percent.minimum && Number(value) <= LIMITS.percent.maximum;

/** The most `days` takes for the type: N of days_to_full_below, else a window. */
export const daysMaximum = (type: AlertRuleType) => (type === 'days_to_full_below' ? LIMITS.daysToFull.maximum : LIMITS.windowDays.maximum);

export function validateRule(values: RuleValues): RuleErrors {
  const errors: RuleErrors = {};
  if (values.name.trim() === '') errors.name = 'validation.nameRequired';
  const optional = (field: string, required: boolean) => !required && field.trim() === '';
  const growth = values.type === 'growth';
  if (showsParam(values, 'bytes') && !optional(values.bytes.amount, !growth) && Number.isNaN(limitBytesOf(values.bytes) ?? Number.NaN)) errors['params.bytes'] = 'rules.invalidBytes';
  if (showsParam(values, 'percent') && !optional(values.percent, !growth) && !percentIn(values.percent)) errors['params.percent'] = 'rules.invalidPercent';
  if (growth && values.percent.trim() === '' && values.bytes.amount.trim() === '') errors['params.percent'] = 'rules.growthNeedsOne';
  if (showsParam(values, 'days') && !optional(values.days, values.type !== 'database_disappeared') && !integerIn(values.days, 1, daysMaximum(values.type))) {
    errors['params.days'] = 'rules.invalidDays';
  }
  if (showsParam(values, 'runs') && !integerIn(values.runs, LIMITS.runs.minimum, LIMITS.runs.maximum)) errors['params.runs'] = 'rules.invalidRuns';
  if (values.scopeType === 'tag' && values.tag.trim() === '') errors['scope.tag'] = 'rules.scopeRequired';
  if (values.scopeType === 'db_type' && values.dbType === '') errors['scope.db_type'] = 'rules.scopeRequired';
  if ((values.scopeType === 'instance' || values.scopeType === 'database') && values.instanceId === undefined) errors['scope.instance_id'] = 'rules.scopeRequired';
  if (values.scopeType === 'database' && values.databaseName.trim() === '') errors['scope.database_name'] = 'rules.scopeRequired';
  if (values.repeat.trim() !== '' && !integerIn(values.repeat, LIMITS.repeatIntervalMinutes.minimum, LIMITS.repeatIntervalMinutes.maximum)) {
    errors.repeat_interval_minutes = 'rules.invalidRepeat';
  }
  if (values.enabled && values.channelIds.length === 0) errors.channel_ids = 'rules.needsChannel';
  return errors;
}

/** The whole rule as POST takes it; PATCH takes the same (params and scope are replaced whole). */
export function ruleBody(values: RuleValues): CreateAlertRuleBody {
  const params: CreateAlertRuleBody['params'] = {};
  const filled = (value: string) => value.trim() !== '';
  if (showsParam(values, 'bytes') && filled(values.bytes.amount)) params.bytes = limitBytesOf(values.bytes) ?? undefined;
  if (showsParam(values, 'percent') && filled(values.percent)) params.percent = Number(values.percent);
  if (showsParam(values, 'days') && filled(values.days)) params.days = Number(values.days);
  if (showsParam(values, 'match')) params.match = values.match;
  if (showsParam(values, 'direction')) params.direction = values.direction;
  if (showsParam(values, 'runs')) params.runs = Number(values.runs);
  const scope: CreateAlertRuleBody['scope'] = { type: values.scopeType };
  if (values.scopeType === 'tag') scope.tag = values.tag.trim();
  if (values.scopeType === 'db_type' && values.dbType) scope.db_type = values.dbType;
  if (values.scopeType === 'instance' || values.scopeType === 'database') scope.instance_id = values.instanceId;
  if (values.scopeType === 'database') scope.database_name = values.databaseName.trim();
  const fixed = ALERT_FIXED_LEVELS[values.type];
  return {
    name: values.name.trim(),
    enabled: values.enabled,
    type: values.type,
    level: fixed ?? (values.scopeType === 'database' ? 'database' : values.level),
    params,
    scope,
    severity: values.severity,
    repeat_interval_minutes: values.repeat.trim() === '' ? null : Number(values.repeat),
    channel_ids: values.channelIds,
  };
}
