import {
  CAPACITY_LEVELS,
  DB_TYPES,
  FLEET_CHANGE_KINDS,
  FLEET_DEFAULT_THRESHOLD_PERCENT,
  FLEET_GROUP_BYS,
  FLEET_LEVELS,
  FLEET_METRICS,
  FLEET_WINDOW_DAYS,
  isCalendarDate,
  type CapacityLevel,
  type DbType,
  type FleetChangeKind,
  type FleetGroupBy,
  type FleetLevel,
  type FleetMetric,
  type FleetWindowDays,
} from '@capacity/contracts';
import { oneOf, pageOf, type UrlViewCodec } from '../../../lib/url-view';

/** The Fleet page's periods: 30 days, 12 weeks, 12 months (the API's default spans). */
export const FLEET_PERIODS = ['daily', 'weekly', 'monthly'] as const;
export type FleetPeriod = (typeof FLEET_PERIODS)[number];
export const FLEET_TOPS = [5, 10, 20] as const;
export type FleetTop = (typeof FLEET_TOPS)[number];
export const FLEET_CHART_MODES = ['stacked', 'lines'] as const;
export type FleetChartMode = (typeof FLEET_CHART_MODES)[number];
export const FLEET_THRESHOLDS = [1, 5, 10, 20, 50, 100] as const;

/** Everything the Fleet page shows, as its URL carries it: a link or a reload shows the same view. */
export interface FleetView {
  engine: DbType | '';
  tag: string;
  group: FleetGroupBy;
  top: FleetTop;
  period: FleetPeriod;
  chart: FleetChartMode;
  metric: FleetMetric;
  window: FleetWindowDays;
  level: FleetLevel;
  page: number;
  /** The day of the changes; '' = yesterday (the API's default, in APP_TIMEZONE). */
  date: string;
  threshold: number;
  change: FleetChangeKind | '';
  changesPage: number;
  /** Fills first: rows per database or per instance, and the page. */
  capacityLevel: CapacityLevel;
  capacityPage: number;
}

export const DEFAULT_FLEET_VIEW: FleetView = {
  engine: '',
  tag: '',
  group: 'instance',
  top: 10,
  period: 'daily',
  chart: 'stacked',
  metric: 'growth_bytes',
  window: 30,
  level: 'database',
  page: 1,
  date: '',
  threshold: FLEET_DEFAULT_THRESHOLD_PERCENT,
  change: '',
  changesPage: 1,
  capacityLevel: 'database',
  capacityPage: 1,
};

/** The search parameter of each view field. */
const PARAM: Record<keyof FleetView, string> = {
  engine: 'engine',
  tag: 'tag',
  group: 'group',
  top: 'top',
  period: 'period',
  chart: 'chart',
  metric: 'metric',
  window: 'window',
  level: 'level',
  page: 'page',
  date: 'date',
  threshold: 'threshold',
  change: 'change',
  changesPage: 'changes_page',
  capacityLevel: 'capacity_level',
  capacityPage: 'capacity_page',
};

/** Changing one of these shows another ranking or another list of changes: back to their first page. */
const RESETS_PAGE: readonly (keyof FleetView)[] = ['engine', 'tag', 'metric', 'window', 'level'];
const RESETS_CHANGES_PAGE: readonly (keyof FleetView)[] = ['engine', 'tag', 'date', 'threshold', 'change'];
const RESETS_CAPACITY_PAGE: readonly (keyof FleetView)[] = ['engine', 'tag', 'capacityLevel'];

const TAG_MAX_LENGTH = 64;

/** The API's threshold text: a plain decimal. */
function thresholdOf(text: string | null): number {
  if (text === null || !/^\d{1,7}(\.\d{1,6})?$/.test(text)) return DEFAULT_FLEET_VIEW.threshold;
  return Number(text);
}

/** Reads the view from the URL; a value the page cannot show (hand-edited, stale link) falls back to its default. */
export function parseFleetView(params: URLSearchParams): FleetView {
  const get = (field: keyof FleetView) => params.get(PARAM[field]);
  const tag = get('tag') ?? '';
  const date = get('date') ?? '';
  return {
    engine: oneOf<DbType | ''>(DB_TYPES, get('engine'), ''),
    tag: tag.length <= TAG_MAX_LENGTH ? tag : '',
    group: oneOf(FLEET_GROUP_BYS, get('group'), DEFAULT_FLEET_VIEW.group),
    top: oneOf(FLEET_TOPS, get('top'), DEFAULT_FLEET_VIEW.top),
    period: oneOf(FLEET_PERIODS, get('period'), DEFAULT_FLEET_VIEW.period),
    chart: oneOf(FLEET_CHART_MODES, get('chart'), DEFAULT_FLEET_VIEW.chart),
    metric: oneOf(FLEET_METRICS, get('metric'), DEFAULT_FLEET_VIEW.metric),
    window: oneOf(FLEET_WINDOW_DAYS, get('window'), DEFAULT_FLEET_VIEW.window),
    level: oneOf(FLEET_LEVELS, get('level'), DEFAULT_FLEET_VIEW.level),
    page: pageOf(get('page')),
    date: isCalendarDate(date) ? date : '',
    threshold: thresholdOf(get('threshold')),
    change: oneOf<FleetChangeKind | ''>(FLEET_CHANGE_KINDS, get('change'), ''),
    changesPage: pageOf(get('changesPage')),
    capacityLevel: oneOf(CAPACITY_LEVELS, get('capacityLevel'), DEFAULT_FLEET_VIEW.capacityLevel),
    capacityPage: pageOf(get('capacityPage')),
  };
}

/** The URL of a view: only what differs from the defaults, in a fixed order. */
export function fleetViewParams(view: FleetView): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of Object.keys(PARAM) as (keyof FleetView)[]) {
    if (view[field] !== DEFAULT_FLEET_VIEW[field]) params.set(PARAM[field], String(view[field]));
  }
  return params;
}

/** The view after a change of some fields; a changed filter sends its table back to page 1. */
export function changeFleetView(view: FleetView, patch: Partial<FleetView>): FleetView {
  const changed = (Object.keys(patch) as (keyof FleetView)[]).filter((field) => patch[field] !== view[field]);
  const next = { ...view, ...patch };
  if (patch.page === undefined && changed.some((field) => RESETS_PAGE.includes(field))) next.page = 1;
  if (patch.changesPage === undefined && changed.some((field) => RESETS_CHANGES_PAGE.includes(field))) next.changesPage = 1;
  if (patch.capacityPage === undefined && changed.some((field) => RESETS_CAPACITY_PAGE.includes(field))) next.capacityPage = 1;
  return next;
}

/** The Fleet page's view in the URL (see useUrlView). */
export const FLEET_VIEW_CODEC: UrlViewCodec<FleetView> = {
  keys: Object.values(PARAM),
  parse: parseFleetView,
  format: fleetViewParams,
  change: changeFleetView,
};
