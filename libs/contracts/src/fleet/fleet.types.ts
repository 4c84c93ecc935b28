// The fleet endpoints' choices (web-safe: the SPA builds its selectors from them).

/** What GET /fleet/series sums a group over. */
export const FLEET_GROUP_BYS = ['instance', 'database', 'db_type', 'tag'] as const;
export type FleetGroupBy = (typeof FLEET_GROUP_BYS)[number];

/** How GET /fleet/series picks its top groups: size in the last period, or growth from the first period to the last. */
export const FLEET_RANK_BYS = ['size', 'growth'] as const;
export type FleetRankBy = (typeof FLEET_RANK_BYS)[number];

/** The measure a series sums: instance totals (databases and instance log), or database sizes. */
export const FLEET_MEASURES = ['instance_total', 'database_size'] as const;
export type FleetMeasure = (typeof FLEET_MEASURES)[number];

export const FLEET_MIN_TOP = 1;
export const FLEET_MAX_TOP = 50;
export const FLEET_DEFAULT_TOP = 10;
/** A series holds at most this many periods (e.g. 1,000 days of daily periods). */
export const FLEET_MAX_PERIODS = 1000;

/** GET /fleet/rankings orders by … */
export const FLEET_METRICS = ['growth_bytes', 'growth_percent', 'size', 'shrink'] as const;
export type FleetMetric = (typeof FLEET_METRICS)[number];

/** … over one of these windows (days before the "as of" date). */
export const FLEET_WINDOW_DAYS = [1, 7, 30, 90] as const;
export type FleetWindowDays = (typeof FLEET_WINDOW_DAYS)[number];

export const FLEET_LEVELS = ['database', 'instance'] as const;
export type FleetLevel = (typeof FLEET_LEVELS)[number];

/** What GET /fleet/changes reports about a database since the day before. */
export const FLEET_CHANGE_KINDS = ['appeared', 'disappeared', 'changed'] as const;
export type FleetChangeKind = (typeof FLEET_CHANGE_KINDS)[number];

export const FLEET_DEFAULT_THRESHOLD_PERCENT = 10;
