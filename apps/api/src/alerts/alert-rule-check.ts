import {
  ALERT_FIXED_LEVELS,
  ALERT_RULE_LIMITS,
  DEFAULT_DISAPPEARED_DAYS,
  type AlertChangeDirection,
  type AlertGrowthMatch,
  type AlertLevel,
  type AlertRuleType,
  type AlertScopeType,
  type DbType,
} from '@capacity/contracts';
import type { InputProblem } from '../common/input-checks';

/** A rule's parameters as stored (`alert_rules.params`): those of its type only, defaults filled in. */
export interface RuleParams {
  bytes?: number;
  percent?: number;
  days?: number;
  match?: AlertGrowthMatch;
  direction?: AlertChangeDirection;
  runs?: number;
}

export interface RuleScope {
  type: AlertScopeType;
  tag?: string | null;
  db_type?: DbType | null;
  instance_id?: number | null;
  database_name?: string | null;
}

/** A rule as it would be after a create or an update (the body merged over the stored rule). */
export interface RuleDraft {
  type: AlertRuleType;
  level?: AlertLevel;
  params: RuleParams;
  scope: RuleScope;
  enabled: boolean;
  channelIds: readonly number[];
}

export interface CheckedRule {
  level: AlertLevel;
  params: RuleParams;
  scope: Required<RuleScope>;
}

type ParamName = keyof RuleParams;

/** Per type: the parameters it requires, and those it also accepts. */
const PARAMS: Record<AlertRuleType, { required: ParamName[]; optional: ParamName[] }> = {
  size_above: { required: [], optional: ['bytes', 'percent'] },
  days_to_full_below: { required: ['days'], optional: [] },
  growth: { required: ['days'], optional: ['percent', 'bytes', 'match'] },
  sudden_change: { required: ['percent'], optional: ['direction'] },
  collection_failing: { required: ['runs'], optional: [] },
  database_disappeared: { required: [], optional: ['days'] },
};

const SCOPE_FIELDS: Record<AlertScopeType, (keyof Omit<RuleScope, 'type'>)[]> = {
  all: [],
  tag: ['tag'],
  db_type: ['db_type'],
  instance: ['instance_id'],
  database: ['instance_id', 'database_name'],
};
const ALL_SCOPE_FIELDS = ['tag', 'db_type', 'instance_id', 'database_name'] as const;

const present = (value: unknown): boolean => value !== undefined && value !== null;

/**
 * What a rule must be beyond its fields' own bounds (those are the DTO's): the parameters of its type and only those,
 * the scope's field for its scope type, the level its type allows, a channel when enabled. Every problem names its
 * field (`params.percent`, `scope.tag`, `level`, `channel_ids`). Returns the rule to store, or the problems.
 */
export function checkRule(draft: RuleDraft): { rule: CheckedRule; problems: [] } | { rule: null; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const spec = PARAMS[draft.type];
  const params: RuleParams = {};
  for (const [name, value] of Object.entries(draft.params) as [ParamName, RuleParams[ParamName]][]) {
    if (!present(value)) continue;
    if (spec.required.includes(name) || spec.optional.includes(name)) Object.assign(params, { [name]: value });
    else problems.push({ field: `params.${name}`, message: `params.${name} does not apply to a ${draft.type} rule` });
  }
  for (const name of spec.required) {
    if (!present(params[name])) problems.push({ field: `params.${name}`, message: `params.${name} is required for a ${draft.type} rule` });
  }
  problems.push(...typeProblems(draft.type, params));

  const fixed = ALERT_FIXED_LEVELS[draft.type];
  let level: AlertLevel = draft.level ?? fixed ?? 'database';
  if (fixed && draft.level && draft.level !== fixed) problems.push({ field: 'level', message: `level must be ${fixed} for a ${draft.type} rule` });
  if (fixed) level = fixed;
  if (draft.scope.type === 'database' && level !== 'database') {
    problems.push({ field: 'level', message: 'level must be database for a rule scoped to one database' });
  }

  const scope = { type: draft.scope.type, tag: null, db_type: null, instance_id: null, database_name: null } as Required<RuleScope>;
  for (const field of ALL_SCOPE_FIELDS) {
    const value = draft.scope[field];
    if (SCOPE_FIELDS[draft.scope.type].includes(field)) {
      if (present(value)) Object.assign(scope, { [field]: value });
      else problems.push({ field: `scope.${field}`, message: `scope.${field} is required for scope ${draft.scope.type}` });
    } else if (present(value)) {
      problems.push({ field: `scope.${field}`, message: `scope.${field} does not apply to scope ${draft.scope.type}` });
    }
  }

  if (draft.enabled && draft.channelIds.length === 0) {
    problems.push({ field: 'channel_ids', message: 'channel_ids: an enabled rule needs at least one notification channel (or set enabled to false)' });
  }
  return problems.length > 0 ? { rule: null, problems } : { rule: { level, params, scope }, problems: [] };
}

function typeProblems(type: AlertRuleType, params: RuleParams): InputProblem[] {
  const { windowDays } = ALERT_RULE_LIMITS;
  const windowProblem = (): InputProblem[] =>
    params.days !== undefined && params.days > windowDays.maximum
      ? [{ field: 'params.days', message: `params.days must be between ${windowDays.minimum} and ${windowDays.maximum} for a ${type} rule` }]
      : [];
  switch (type) {
    case 'size_above':
      if (present(params.bytes) === present(params.percent)) {
        return [{ field: 'params.bytes', message: 'params.bytes or params.percent (of the limit) is required for a size_above rule, not both' }];
      }
      return [];
    case 'growth':
      if (!present(params.percent) && !present(params.bytes)) {
        return [{ field: 'params.percent', message: 'params.percent or params.bytes (or both) is required for a growth rule' }, ...windowProblem()];
      }
      if (params.match === 'any' && !(present(params.percent) && present(params.bytes))) {
        return [{ field: 'params.match', message: 'params.match any needs both params.percent and params.bytes' }, ...windowProblem()];
      }
      params.match ??= 'all';
      return windowProblem();
    case 'sudden_change':
      params.direction ??= 'both';
      return [];
    case 'database_disappeared':
      params.days ??= DEFAULT_DISAPPEARED_DAYS;
      return windowProblem();
    default:
      return [];
  }
}
