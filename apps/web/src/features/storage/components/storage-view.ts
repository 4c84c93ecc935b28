import { PERIOD_TYPES, type PeriodType } from '@capacity/contracts';
import { lastDays } from '../../../lib/dates';
import { oneOf, pageOf, paramsOfView, rangeOf, setRangeParams, textOf, type DayRange, type UrlViewCodec } from '../../../lib/url-view';

export const STORAGE_CHART_MODES = ['total', 'stacked'] as const;
export type StorageChartMode = (typeof STORAGE_CHART_MODES)[number];

/** Longer than any database name an engine allows: a longer one is no name the tab wrote. */
const DATABASE_MAX_LENGTH = 255;
const DEFAULT_RANGE_DAYS = 30;

/** What the instance's Storage tab shows, as its URL carries it. */
export interface StorageView {
  range: DayRange;
  /** The database the trend and the aggregations show; '' = all of them. */
  database: string;
  mode: StorageChartMode;
  /** The period of the aggregated statistics. */
  period: PeriodType;
  /** The database of the largest tables; '' = the largest database. */
  tables: string;
  /** The page of the databases' capacity (limits and days until full). */
  capacityPage: number;
  /** The page of the limit changes. */
  limitsPage: number;
}

export function defaultStorageView(): StorageView {
  return { range: lastDays(DEFAULT_RANGE_DAYS), database: '', mode: 'total', period: 'daily', tables: '', capacityPage: 1, limitsPage: 1 };
}

const PARAM = { database: 'database', mode: 'chart', period: 'period', tables: 'tables_db', capacityPage: 'capacity_page', limitsPage: 'limits_page' } as const;
const RANGE_PARAM = { start: 'from', end: 'to' } as const;

export function parseStorageView(params: URLSearchParams): StorageView {
  const defaults = defaultStorageView();
  return {
    range: rangeOf(params.get(RANGE_PARAM.start), params.get(RANGE_PARAM.end), defaults.range),
    database: textOf(params.get(PARAM.database), DATABASE_MAX_LENGTH),
    mode: oneOf(STORAGE_CHART_MODES, params.get(PARAM.mode), defaults.mode),
    period: oneOf(PERIOD_TYPES, params.get(PARAM.period), defaults.period),
    tables: textOf(params.get(PARAM.tables), DATABASE_MAX_LENGTH),
    capacityPage: pageOf(params.get(PARAM.capacityPage)),
    limitsPage: pageOf(params.get(PARAM.limitsPage)),
  };
}

export function storageViewParams(view: StorageView): URLSearchParams {
  const defaults = defaultStorageView();
  const { range, ...rest } = view;
  const params = paramsOfView(rest, defaults, PARAM);
  setRangeParams(params, range, defaults.range, RANGE_PARAM);
  return params;
}

export const STORAGE_VIEW_CODEC: UrlViewCodec<StorageView> = {
  keys: [...Object.values(PARAM), ...Object.values(RANGE_PARAM)],
  parse: parseStorageView,
  format: storageViewParams,
};

/**
 * A database name of the URL when the instance has it; a stale or hand-edited name falls back to '' (the default)
 * once the instance's databases are known. While they load, the name is taken as it is.
 */
export function knownDatabase(name: string, databases: readonly { database_name: string }[] | undefined): string {
  if (databases === undefined || databases.some((db) => db.database_name === name)) return name;
  return '';
}
