import type { StatsTable } from '@capacity/contracts';

// One key factory per feature. They live here, outside the features, so that a feature can refresh
// another one's queries without importing it (and, with it, that feature's components).
// Every key starts with its factory's `all`: invalidating a prefix refreshes everything under it.

export const instanceKeys = {
  all: ['instances'] as const,
  list: <F extends object>(filter: F) => [...instanceKeys.all, 'list', filter] as const,
  detail: (id: number) => [...instanceKeys.all, 'detail', id] as const,
};

export const sessionKeys = {
  all: ['sessions'] as const,
  lists: () => [...sessionKeys.all, 'list'] as const,
  list: <F extends object>(filter: F) => [...sessionKeys.lists(), filter] as const,
  detail: (id: string) => [...sessionKeys.all, 'detail', id] as const,
};

export const storageKeys = {
  all: ['storage'] as const,
  databaseSizes: <F extends object>(id: number, filter: F) => [...storageKeys.all, 'database-sizes', id, filter] as const,
  latestSizes: (id: number) => [...storageKeys.all, 'latest-sizes', id] as const,
  instanceSizes: <F extends object>(id: number, filter: F) => [...storageKeys.all, 'instance-sizes', id, filter] as const,
  forecast: (id: number, databaseName?: string) => [...storageKeys.all, 'forecast', id, databaseName ?? null] as const,
  topTables: (id: number, databaseName: string) => [...storageKeys.all, 'top-tables', id, databaseName] as const,
  tableGrowth: (id: number, databaseName: string, windowDays: number) => [...storageKeys.all, 'table-growth', id, databaseName, windowDays] as const,
  instanceAggregations: () => [...storageKeys.all, 'instance-aggregations'] as const,
  instanceAggregationList: <F extends object>(id: number, filter: F) => [...storageKeys.instanceAggregations(), id, filter] as const,
};

export const aggregationKeys = {
  all: ['aggregations'] as const,
  list: <F extends object>(filter: F, page: number, perPage: number) => [...aggregationKeys.all, 'list', filter, page, perPage] as const,
  complete: <F extends object>(filter: F) => [...aggregationKeys.all, 'complete', filter] as const,
  summary: () => [...aggregationKeys.all, 'summary'] as const,
};

export const fleetKeys = {
  all: ['fleet'] as const,
  series: <F extends object>(filter: F) => [...fleetKeys.all, 'series', filter] as const,
  rankings: <F extends object>(filter: F) => [...fleetKeys.all, 'rankings', filter] as const,
  changes: <F extends object>(filter: F) => [...fleetKeys.all, 'changes', filter] as const,
};

/** The limits and forecasts to them: a changed limit (instance form, database limit) refreshes them all. */
export const capacityKeys = {
  all: ['capacity'] as const,
  instance: (id: number, page: number) => [...capacityKeys.all, 'instance', id, page] as const,
  limitChanges: (id: number, page: number) => [...capacityKeys.all, 'limit-changes', id, page] as const,
  fleet: <F extends object>(filter: F) => [...capacityKeys.all, 'fleet', filter] as const,
};

export const userKeys = {
  all: ['users'] as const,
  list: () => [...userKeys.all, 'list'] as const,
};

export const partitionKeys = {
  all: ['partitions'] as const,
  status: () => [...partitionKeys.all, 'status'] as const,
  list: (table: StatsTable) => [...partitionKeys.all, 'list', table] as const,
};

/** Alert events, rules and notification channels: acknowledging or a rule change refreshes the header count too. */
export const alertKeys = {
  all: ['alerts'] as const,
  list: <F extends object>(filter: F) => [...alertKeys.all, 'list', filter] as const,
  detail: (id: number) => [...alertKeys.all, 'detail', id] as const,
  summary: () => [...alertKeys.all, 'summary'] as const,
  rules: () => [...alertKeys.all, 'rules'] as const,
};

export const channelKeys = {
  all: ['notification-channels'] as const,
  list: (page: number) => [...channelKeys.all, 'list', page] as const,
  deliveries: (id: number, page: number) => [...channelKeys.all, 'deliveries', id, page] as const,
};

export const settingsKeys = {
  all: ['settings'] as const,
};

export const collectorKeys = {
  all: ['collectors'] as const,
  list: () => [...collectorKeys.all, 'list'] as const,
};
