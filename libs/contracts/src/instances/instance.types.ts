/** Why a connection test failed, as the collectors classify the driver's error. */
export const CONNECTION_FAILURE_KINDS = ['refused', 'timeout', 'authentication', 'unknown_database', 'permission', 'unknown_host', 'other'] as const;
export type ConnectionFailureKind = (typeof CONNECTION_FAILURE_KINDS)[number];

/** The columns GET /instances sorts by; `-key` sorts descending. Ties are broken by id (ascending), nulls always last. */
export const INSTANCE_SORT_KEYS = [
  'name',
  'db_type',
  'size',
  'growth_7d',
  'growth_7d_percent',
  'growth_30d',
  'growth_30d_percent',
  'database_count',
  'last_collected_at',
  'last_status',
] as const;
export type InstanceSortKey = (typeof INSTANCE_SORT_KEYS)[number];
export type InstanceSort = InstanceSortKey | `-${InstanceSortKey}`;
export const INSTANCE_SORTS: readonly InstanceSort[] = INSTANCE_SORT_KEYS.flatMap((key) => [key, `-${key}` as const]);
export const DEFAULT_INSTANCE_SORT: InstanceSort = 'name';

/** The `status` filter of GET /instances: the outcome of the latest collection, or never collected. */
export const INSTANCE_STATUS_FILTERS = ['completed', 'failed', 'never'] as const;
export type InstanceStatusFilter = (typeof INSTANCE_STATUS_FILTERS)[number];
