import { DB_TYPES, PERIOD_TYPES, type DbType, type PeriodType } from '@capacity/contracts';
import type { GroupMode } from '../../../components/charts/chart-data';
import { lastDays } from '../../../lib/dates';
import {
  changeWithPageReset,
  idOf,
  oneOf,
  pageOf,
  paramsOfView,
  rangeOf,
  setRangeParams,
  textOf,
  type DayRange,
  type UrlViewCodec,
} from '../../../lib/url-view';
import type { AggregationsFilter } from '../api/aggregations';

export const AGGREGATION_CHART_MODES = ['database', 'instance'] as const satisfies readonly GroupMode[];
export const AGGREGATION_CHART_KINDS = ['line', 'bar'] as const;
export type AggregationChartKind = (typeof AGGREGATION_CHART_KINDS)[number];

/** The API's limit of the database filter. */
const DATABASE_MAX_LENGTH = 255;
const DEFAULT_RANGE_DAYS = 30;

/** Everything the Aggregations page shows, as its URL carries it. */
export interface AggregationsView {
  instance: number | undefined;
  engine: DbType | '';
  database: string;
  period: PeriodType;
  range: DayRange;
  mode: GroupMode;
  kind: AggregationChartKind;
  page: number;
}

/** The default view: the last 30 days ending today (on the API's calendar), so it is computed when asked for. */
export function defaultAggregationsView(): AggregationsView {
  return { instance: undefined, engine: '', database: '', period: 'daily', range: lastDays(DEFAULT_RANGE_DAYS), mode: 'database', kind: 'line', page: 1 };
}

const PARAM = { instance: 'instance', engine: 'db_type', database: 'database', period: 'period', mode: 'group', kind: 'chart', page: 'page' } as const;
const RANGE_PARAM = { start: 'from', end: 'to' } as const;

/** A changed filter shows another table: back to its first page (the chart's mode and kind leave it). */
const RESETS_PAGE: readonly (keyof AggregationsView)[] = ['instance', 'engine', 'database', 'period', 'range'];

export function parseAggregationsView(params: URLSearchParams): AggregationsView {
  const defaults = defaultAggregationsView();
  return {
    instance: idOf(params.get(PARAM.instance)),
    engine: oneOf<DbType | ''>(DB_TYPES, params.get(PARAM.engine), ''),
    database: textOf(params.get(PARAM.database), DATABASE_MAX_LENGTH),
    period: oneOf(PERIOD_TYPES, params.get(PARAM.period), defaults.period),
    range: rangeOf(params.get(RANGE_PARAM.start), params.get(RANGE_PARAM.end), defaults.range),
    mode: oneOf(AGGREGATION_CHART_MODES, params.get(PARAM.mode), defaults.mode),
    kind: oneOf(AGGREGATION_CHART_KINDS, params.get(PARAM.kind), defaults.kind),
    page: pageOf(params.get(PARAM.page)),
  };
}

export function aggregationsViewParams(view: AggregationsView): URLSearchParams {
  const defaults = defaultAggregationsView();
  const { range, ...rest } = view;
  const params = paramsOfView(rest, { ...defaults, instance: undefined }, PARAM);
  setRangeParams(params, range, defaults.range, RANGE_PARAM);
  return params;
}

export const AGGREGATIONS_VIEW_CODEC: UrlViewCodec<AggregationsView> = {
  keys: [...Object.values(PARAM), ...Object.values(RANGE_PARAM)],
  parse: parseAggregationsView,
  format: aggregationsViewParams,
  change: (view, patch) => changeWithPageReset(view, patch, 'page', RESETS_PAGE),
};

/** The API's filter of a view (`database` as typed: the caller may defer it while the user types). */
export function aggregationsFilterOf(view: AggregationsView, database = view.database): AggregationsFilter {
  return {
    instance_id: view.instance,
    db_type: view.engine || undefined,
    database_name: database.trim() || undefined,
    period_type: view.period,
    start_date: view.range.start,
    end_date: view.range.end,
  };
}
