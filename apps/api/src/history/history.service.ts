import type {
  AggregationInstanceRef,
  AggregationItem,
  AggregationsQueryDto,
  AggregationsResponse,
  AggregationSummaryResponse,
  CrossAggregationsQueryDto,
  DatabaseSizesQueryDto,
  DatabaseSizesResponse,
  ForecastQueryDto,
  ForecastResponse,
  InstanceAggregationsQueryDto,
  InstanceAggregationsResponse,
  InstanceSizesQueryDto,
  InstanceSizesResponse,
  StatsTable,
  TrendsQueryDto,
  TrendsResponse,
} from '@capacity/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { addDays, addMonthsToDate, periodStart, todayIn, utcCalendarDate } from '@capacity/contracts';
import type { AuthUser } from '../auth/roles.decorator';
import { InvalidInputError } from '../common/domain-errors';
import { containsIgnoringCase } from '../common/like-pattern';
import { buildPagination } from '../common/pagination';
import { required } from '../common/required';
import { bytesToMb } from '../common/units';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { InstanceAccessService } from '../instances/instance-access.service';
import { COLD_TIER, type ColdTierPort } from './cold-tier.port';
import { DEFAULT_HORIZONS, FORECAST_WINDOW, forecast } from './forecast';
import {
  aggregationKey,
  compareAggregationRows,
  compareStatRows,
  mergeByKey,
  statKey,
  toAggregationItem,
  toAggregationRow,
  toDatabaseSeries,
  toStatRow,
  toTrendRow,
  trendKey,
  type AggregationRow,
  type InstanceRefRow,
} from './history-rows';
import { HistoryRepository, type AggregationFilter } from './history.repository';
import {
  INSTANCE_STAT_COLUMNS,
  compareInstanceAggregationRows,
  compareInstanceStatRows,
  instanceAggregationKey,
  instanceStatKey,
  toInstanceAggregationItem,
  toInstanceAggregationRow,
  toInstanceSizePoint,
  toInstanceStatRow,
} from './instance-rows';
import { buildTrends } from './trends';

const EARLIEST = '1900-01-01';
const LATEST = '9999-12-31';
const DEFAULT_HISTORY_DAYS = 30;
/** The columns toTrendRow reads, and the filters of a trends read. */
const TREND_ROW_COLUMNS = ['instance_id', 'period_type', 'database_name', 'period_start', 'period_end', 'avg_size_bytes', 'growth_rate'];
/** The columns toStatRow reads. */
const STAT_ROW_COLUMNS = ['instance_id', 'database_name', 'size_bytes', 'data_size_bytes', 'log_size_bytes', 'size_source', 'collected_date', 'collected_at'];

/**
 * History and aggregation reads. Each read asks the cold tier whether part of its range is archived:
 * normally not, and PostgreSQL sorts and paginates; otherwise the hot rows of the whole range and the
 * archived rows are merged, then ordered, paginated and shaped by the same functions.
 */
@Injectable()
export class HistoryService {
  constructor(
    private readonly repository: HistoryRepository,
    private readonly access: InstanceAccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(COLD_TIER) private readonly cold: ColdTierPort,
  ) {}

  async databaseSizes(user: AuthUser, instanceId: number, query: DatabaseSizesQueryDto): Promise<DatabaseSizesResponse> {
    await this.access.assertReadable(user, instanceId);
    const to = query.end_date ?? this.today();
    const from = query.start_date ?? addDays(to, -(DEFAULT_HISTORY_DAYS - 1));
    if (from > to) throw new InvalidInputError(`start_date must not be after end_date (${to})`, 'start_date');
    const [hot, archived] = await Promise.all([
      this.repository.statRows(instanceId, from, to, query.database_name),
      this.archived('database_size_stats', from, to),
    ]);
    let rows = hot.map(toStatRow);
    if (archived) {
      const cold = (await this.cold.readRows('database_size_stats', { from, to, instanceIds: [instanceId], databaseName: query.database_name, columns: STAT_ROW_COLUMNS }))
        .map(toStatRow)
        .filter((row) => row.instance_id === instanceId && row.collected_date >= from && row.collected_date <= to)
        .filter((row) => query.database_name === undefined || row.database_name === query.database_name);
      rows = mergeByKey(rows, cold, statKey).sort(compareStatRows);
    }
    return { data: toDatabaseSeries(rows) };
  }

  /** Daily instance readings with their parts: total = data (the databases) + log (the instance log). */
  async instanceSizes(user: AuthUser, instanceId: number, query: InstanceSizesQueryDto): Promise<InstanceSizesResponse> {
    await this.access.assertReadable(user, instanceId);
    const to = query.end_date ?? this.today();
    const from = query.start_date ?? addDays(to, -(DEFAULT_HISTORY_DAYS - 1));
    if (from > to) throw new InvalidInputError(`start_date must not be after end_date (${to})`, 'start_date');
    const [hot, archived] = await Promise.all([
      this.repository.instanceStatRows(instanceId, from, to),
      this.archived('instance_size_stats', from, to),
    ]);
    let rows = hot.map(toInstanceStatRow);
    if (archived) {
      const cold = (await this.cold.readRows('instance_size_stats', { from, to, instanceIds: [instanceId], columns: INSTANCE_STAT_COLUMNS }))
        .map(toInstanceStatRow)
        .filter((row) => row.instance_id === instanceId && row.collected_date >= from && row.collected_date <= to);
      rows = mergeByKey(rows, cold, instanceStatKey).sort(compareInstanceStatRows);
    }
    return { data: rows.map(toInstanceSizePoint) };
  }

  /** The instance rollups of one period type (one row per period, so merged and paginated here), newest first. */
  async instanceTotalAggregations(user: AuthUser, instanceId: number, query: InstanceAggregationsQueryDto): Promise<InstanceAggregationsResponse> {
    await this.access.assertReadable(user, instanceId);
    let rows = (await this.repository.instanceAggregationRows(instanceId, query.period_type, query.start_date, query.end_date)).map(toInstanceAggregationRow);
    if (await this.archived('instance_size_aggregations', query.start_date ?? EARLIEST, query.end_date ?? LATEST)) {
      const cold = (await this.cold.readRows('instance_size_aggregations', {
          from: query.start_date ?? EARLIEST,
          to: query.end_date ?? LATEST,
          instanceIds: [instanceId],
          periodType: query.period_type,
        }))
        .map(toInstanceAggregationRow)
        .filter(
          (row) =>
            row.instance_id === instanceId &&
            row.period_type === query.period_type &&
            (!query.start_date || row.period_start >= query.start_date) &&
            (!query.end_date || row.period_end <= query.end_date),
        );
      rows = mergeByKey(rows, cold, instanceAggregationKey).sort(compareInstanceAggregationRows);
    }
    const slice = rows.slice((query.page - 1) * query.per_page, query.page * query.per_page);
    return { data: slice.map(toInstanceAggregationItem), pagination: buildPagination(query.page, query.per_page, rows.length) };
  }

  async instanceAggregations(user: AuthUser, instanceId: number, query: AggregationsQueryDto): Promise<AggregationsResponse> {
    await this.access.assertReadable(user, instanceId);
    return this.aggregationList(
      { instanceIds: [instanceId], periodType: query.period_type, startDate: query.start_date, endDate: query.end_date, databaseName: query.database_name },
      query.page,
      query.per_page,
    );
  }

  /** GET /aggregations: a viewer sees only the instances it may read. */
  async crossAggregations(user: AuthUser, query: CrossAggregationsQueryDto): Promise<AggregationsResponse> {
    const filter = await this.crossAggregationFilter(user, query);
    if (!filter) return { data: [], pagination: buildPagination(query.page, query.per_page, 0) };
    return this.aggregationList(filter, query.page, query.per_page);
  }

  /** The filter of GET /aggregations within what the user may read; null when that leaves no instance. */
  private async crossAggregationFilter(user: AuthUser, query: CrossAggregationsQueryDto): Promise<AggregationFilter | null> {
    const readable = await this.access.readableInstanceIds(user);
    let instanceIds: number[] | null = readable;
    if (query.instance_id !== undefined) instanceIds = readable === null || readable.includes(query.instance_id) ? [query.instance_id] : [];
    if (instanceIds !== null && instanceIds.length === 0) return null;
    return {
      instanceIds,
      dbType: query.db_type,
      databaseNameContains: query.database_name,
      periodType: query.period_type,
      startDate: query.start_date,
      endDate: query.end_date,
    };
  }

  /** GET /aggregations as CSV: every matching item (no page), streamed from PostgreSQL unless part of the range is archived. */
  async *crossAggregationsExport(user: AuthUser, query: CrossAggregationsQueryDto): AsyncGenerator<AggregationItem> {
    const filter = await this.crossAggregationFilter(user, query);
    if (!filter) return;
    if (!(await this.archived('database_size_aggregations', filter.startDate ?? EARLIEST, filter.endDate ?? LATEST))) {
      for await (const raw of this.repository.aggregationStream(filter)) yield toAggregationItem(toAggregationRow(raw), refOf(raw));
      return;
    }
    const { rows, refs } = await this.aggregationRowsAllTiers(filter);
    for (const row of rows) yield toAggregationItem(row, required(refs.get(row.instance_id), `instance ${row.instance_id} of an aggregation row`));
  }

  async trends(user: AuthUser, instanceId: number, query: TrendsQueryDto): Promise<TrendsResponse> {
    await this.access.assertReadable(user, instanceId);
    const today = this.today();
    const since = periodStart(query.period_type, addMonthsToDate(today, -query.months));
    const [hot, archived] = await Promise.all([
      this.repository.trendRows(instanceId, query.period_type, since),
      this.archived('database_size_aggregations', since, LATEST),
    ]);
    let rows = hot.map(toTrendRow);
    if (archived) {
      const cold = (await this.cold.readRows('database_size_aggregations', {
          from: since,
          to: LATEST,
          instanceIds: [instanceId],
          periodType: query.period_type,
          columns: TREND_ROW_COLUMNS,
        }))
        .filter((raw) => Number(raw.instance_id) === instanceId && raw.period_type === query.period_type)
        .map(toTrendRow)
        .filter((row) => row.period_start >= since);
      rows = mergeByKey(rows, cold, trendKey);
    }
    return buildTrends(query.period_type, rows);
  }

  async forecast(user: AuthUser, instanceId: number, query: ForecastQueryDto): Promise<ForecastResponse> {
    await this.access.assertReadable(user, instanceId);
    const databaseName = query.database_name ?? null;
    const table: StatsTable = databaseName === null ? 'instance_size_stats' : 'database_size_stats';
    let points = (await this.repository.recentSizes(instanceId, databaseName, FORECAST_WINDOW)).map((row) => ({ date: row.date, bytes: Number(row.bytes) }));
    if (await this.archived(table, EARLIEST, this.today())) {
      const cold = (await this.cold.readRows(table, { from: EARLIEST, to: this.today(), instanceIds: [instanceId], databaseName: databaseName ?? undefined }))
        .filter((row) => Number(row.instance_id) === instanceId && (databaseName === null || row.database_name === databaseName))
        .map((row) => ({ date: toStatDate(row.collected_date), size: databaseName === null ? row.total_size_bytes : row.size_bytes }))
        .filter((row) => row.size !== null && row.size !== undefined) // an unknown day is no point (not a 0)
        .map((row) => ({ date: row.date, bytes: Number(row.size) }));
      points = mergeByKey(points, cold, (point) => point.date);
    }
    return forecast(databaseName, points, query.horizon_days ? [query.horizon_days] : DEFAULT_HORIZONS);
  }

  async summary(user: AuthUser): Promise<AggregationSummaryResponse> {
    const figures = await this.repository.summary(await this.access.readableInstanceIds(user));
    const base = figures.base_size_bytes;
    const growth = base === null || figures.size_now_with_base_bytes === null ? null : figures.size_now_with_base_bytes - base;
    return {
      data: {
        total_instances: figures.total_instances,
        total_databases: figures.total_databases,
        total_size_mb: bytesToMb(figures.total_size_bytes) as number,
        unsized_instances: figures.unsized_instances,
        latest_date: figures.latest_date,
        growth_30d_mb: bytesToMb(growth),
        growth_30d_percent: growth === null || !base ? null : Math.round((growth / base) * 10_000) / 100,
      },
    };
  }

  private async aggregationList(filter: AggregationFilter, page: number, perPage: number): Promise<AggregationsResponse> {
    if (!(await this.archived('database_size_aggregations', filter.startDate ?? EARLIEST, filter.endDate ?? LATEST))) {
      const { rows, total } = await this.repository.aggregationPage(filter, page, perPage);
      return { data: rows.map((raw) => toAggregationItem(toAggregationRow(raw), refOf(raw))), pagination: buildPagination(page, perPage, total) };
    }
    const { rows, refs } = await this.aggregationRowsAllTiers(filter);
    const slice = rows.slice((page - 1) * perPage, page * perPage);
    return { data: slice.map((row) => toAggregationItem(row, required(refs.get(row.instance_id), `instance ${row.instance_id} of an aggregation row`))), pagination: buildPagination(page, perPage, rows.length) };
  }

  /** Every matching row of both tiers, in list order, with the instance of each. */
  private async aggregationRowsAllTiers(filter: AggregationFilter): Promise<{ rows: AggregationRow[]; refs: Map<number, AggregationInstanceRef> }> {
    const hotRaw = await this.repository.aggregationRows(filter);
    const refs = new Map<number, AggregationInstanceRef>(hotRaw.map((raw) => [Number(raw.instance_id), refOf(raw)]));
    let rows = hotRaw.map(toAggregationRow);
    const from = filter.startDate ?? EARLIEST;
    const to = filter.endDate ?? LATEST;
    if (await this.archived('database_size_aggregations', from, to)) {
      const coldRows = (
        await this.cold.readRows('database_size_aggregations', {
          from,
          to,
          instanceIds: filter.instanceIds ?? undefined,
          // The cold tier matches a name exactly: a substring is matched below.
          databaseName: filter.databaseName,
          periodType: filter.periodType,
        })
      ).map(toAggregationRow);
      const missing = [...new Set(coldRows.map((row) => row.instance_id))].filter((id) => !refs.has(id));
      for (const ref of await this.repository.instanceRefs(missing)) refs.set(ref.id, toRef(ref));
      const matching = coldRows.filter(
        (row) =>
          refs.has(row.instance_id) &&
          (filter.instanceIds === null || filter.instanceIds.includes(row.instance_id)) &&
          (!filter.dbType || refs.get(row.instance_id)?.db_type === filter.dbType) &&
          (filter.databaseName === undefined || row.database_name === filter.databaseName) &&
          (filter.databaseNameContains === undefined || containsIgnoringCase(row.database_name, filter.databaseNameContains)) &&
          (!filter.periodType || row.period_type === filter.periodType) &&
          (!filter.startDate || row.period_start >= filter.startDate) &&
          (!filter.endDate || row.period_end <= filter.endDate),
      );
      rows = mergeByKey(rows, matching, aggregationKey).sort(compareAggregationRows);
    }
    return { rows, refs };
  }

  /** Whether part of [from, to] of `table` is only in the cold tier. */
  private async archived(table: StatsTable, from: string, to: string): Promise<boolean> {
    return (await this.cold.archivedMonths(table, from, to)).length > 0;
  }

  private today(): string {
    return todayIn(this.config.timeZone);
  }
}

function refOf(raw: Record<string, unknown>): AggregationInstanceRef {
  return { id: Number(raw.instance_id), name: String(raw.instance_name), db_type: raw.db_type as AggregationInstanceRef['db_type'] };
}

function toRef(row: InstanceRefRow): AggregationInstanceRef {
  return { id: Number(row.id), name: row.name, db_type: row.db_type };
}

function toStatDate(value: unknown): string {
  return value instanceof Date ? utcCalendarDate(value) : String(value).slice(0, 10);
}
