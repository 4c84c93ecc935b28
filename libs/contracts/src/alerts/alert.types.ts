// Alert rules and events (issue 17): the choices and bounds the API validates and the SPA's editors offer (web-safe).

/**
 * What a rule watches:
 * - `size_above`: the latest size at or above `params.bytes`, or at or above `params.percent` % of the limit;
 * - `days_to_full_below`: the forecast days until the limit below `params.days` (a full target counts as 0 days);
 * - `growth`: growth of at least `params.percent` % and/or `params.bytes` (`params.match`) within `params.days` days,
 *   against the oldest reading at most that many days before the latest;
 * - `sudden_change`: the latest daily size differs from the day before's by more than `params.percent` % (`params.direction`);
 * - `collection_failing`: the collection of an instance failed in its last `params.runs` runs in a row;
 * - `database_disappeared`: a database read within `params.days` days before its instance's latest collection is
 *   missing from that collection.
 */
export const ALERT_RULE_TYPES = ['size_above', 'days_to_full_below', 'growth', 'sudden_change', 'collection_failing', 'database_disappeared'] as const;
export type AlertRuleType = (typeof ALERT_RULE_TYPES)[number];

export const ALERT_SEVERITIES = ['warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** Whether a rule looks at each database or at each instance's total. */
export const ALERT_LEVELS = ['database', 'instance'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** The level a rule type is bound to (the others take either, `database` by default). */
export const ALERT_FIXED_LEVELS: Partial<Record<AlertRuleType, AlertLevel>> = { collection_failing: 'instance', database_disappeared: 'database' };

/** Which instances (and databases) a rule covers: every instance, those with a tag, of an engine, one instance, one database. */
export const ALERT_SCOPE_TYPES = ['all', 'tag', 'db_type', 'instance', 'database'] as const;
export type AlertScopeType = (typeof ALERT_SCOPE_TYPES)[number];

/** growth: whether both thresholds must be reached (`all`, the original's AND) or either (`any`). */
export const ALERT_GROWTH_MATCHES = ['all', 'any'] as const;
export type AlertGrowthMatch = (typeof ALERT_GROWTH_MATCHES)[number];

/** sudden_change: a jump, a drop, or either. */
export const ALERT_CHANGE_DIRECTIONS = ['both', 'up', 'down'] as const;
export type AlertChangeDirection = (typeof ALERT_CHANGE_DIRECTIONS)[number];

export const ALERT_STATES = ['firing', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** The entries of an event's history: fired, notified again while firing, resolved, acknowledged. */
export const ALERT_TRANSITIONS = ['fired', 'repeat', 'resolved', 'acknowledged'] as const;
export type AlertTransition = (typeof ALERT_TRANSITIONS)[number];

/** The bounds of a rule's fields (DTO validators and the SPA's form read the same). */
export const ALERT_RULE_LIMITS = {
  name: { maxLength: 128 },
  channels: { maxItems: 20 },
  repeatIntervalMinutes: { minimum: 1, maximum: 525_600 },
  bytes: { minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
  percent: { minimum: 0.01, maximum: 1_000_000 },
  /** days_to_full_below: N. */
  daysToFull: { minimum: 1, maximum: 3650 },
  /** growth: the window D; database_disappeared: the look-back. */
  windowDays: { minimum: 1, maximum: 90 },
  runs: { minimum: 1, maximum: 100 },
} as const;

/** database_disappeared without `params.days`: a database read in the week before the latest collection. */
export const DEFAULT_DISAPPEARED_DAYS = 7;
/** A rule without repeat_interval_minutes in the body: notified again once a day while firing. */
export const DEFAULT_REPEAT_INTERVAL_MINUTES = 1440;

/** The original system's rule, created on first start (disabled until it has a channel). */
export const DEFAULT_GROWTH_RULE = {
  name: 'Capacity growth (original rule)',
  percent: 30,
  bytes: 20 * 1024 ** 3,
  days: 3,
} as const;
