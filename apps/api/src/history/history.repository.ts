import type { DbType, PeriodType } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { containsPattern } from '../common/like-pattern';
import { cursorJsonQuery } from '../database/cursor-query';
import { preparedQuery } from '../database/prepared-query';
import type { InstanceRefRow } from './history-rows';

export interface AggregationFilter {
  /** null = every instance (admin). */
  instanceIds: number[] | null;
  dbType?: DbType;
  /** Exactly this database (one instance's database picked by name). */
  databaseName?: string;
  /** Databases whose name contains this text, ignoring case (the cross-instance filter). */
  databaseNameContains?: string;
  periodType?: PeriodType;
  /** period_start ≥ startDate */
  startDate?: string;
  /** period_end ≤ endDate */
  endDate?: string;
}

export interface SummaryFigures {
  total_instances: number;
  total_databases: number;
  total_size_bytes: number;
  /** Instances whose latest total is unknown (a database's size unreadable): not in total_size_bytes. */
  unsized_instances: number;
  latest_date: string | null;
  size_now_with_base_bytes: number | null;
  base_size_bytes: number | null;
}

const AGGREGATION_COLUMNS = `a.instance_id, a.database_name, a.period_type,
  to_char(a.period_start, 'YYYY-MM-DD') AS period_start, to_char(a.period_end, 'YYYY-MM-DD') AS period_end,
  a.avg_size_bytes, a.max_size_bytes, a.min_size_bytes, a.avg_data_size_bytes, a.max_data_size_bytes, a.min_data_size_bytes,
  a.avg_log_size_bytes, a.max_log_size_bytes, a.min_log_size_bytes, a.data_count, a.size_change_bytes, a.size_change_percent,
  a.growth_rate, to_char(a.calculated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS calculated_at, i.name AS instance_name, i.db_type`;

/** The output names of AGGREGATION_COLUMNS, in order (the export reads them as one JSON array per row). */
const AGGREGATION_COLUMN_NAMES = [
  'instance_id', 'database_name', 'period_type', 'period_start', 'period_end',
  'avg_size_bytes', 'max_size_bytes', 'min_size_bytes', 'avg_data_size_bytes', 'max_data_size_bytes', 'min_data_size_bytes',
  'avg_log_size_bytes', 'max_log_size_bytes', 'min_log_size_bytes', 'data_count', 'size_change_bytes', 'size_change_percent',
  'growth_rate', 'calculated_at', 'instance_name', 'db_type',
] as const;

// The same order as compareAggregationRows in history-rows.ts. `period_start - 0` keeps the planner from
// walking the (period_type, period_start) index of every partition to skip a sort of one instance's rows.
const AGGREGATION_ORDER = `ORDER BY (a.period_start - 0) DESC, a.instance_id, a.database_name COLLATE "C", a.period_type COLLATE "C"`;

/** Reads of the history and aggregation API (PostgreSQL side; the cold tier is merged by the service). */
@Injectable()
export class HistoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Daily readings of one instance in [from, to], per database then date. */
  async statRows(instanceId: number, from: string, to: string, databaseName?: string): Promise<Record<string, unknown>[]> {
    const params: unknown[] = [instanceId, from, to];
    const byName = databaseName === undefined ? '' : `AND database_name = $${params.push(databaseName)}`;
    return preparedQuery(
      this.dataSource,
      `SELECT instance_id, database_name, size_bytes, data_size_bytes, log_size_bytes, size_source,
              to_char(collected_date, 'YYYY-MM-DD') AS collected_date, collected_at
       FROM database_size_stats
       WHERE instance_id = $1 AND collected_date BETWEEN $2::date AND $3::date ${byName}
       ORDER BY database_name COLLATE "C", collected_date`,
      params,
    );
  }

  /** Daily instance readings (databases, instance log and their total) of one instance in [from, to], oldest first. */
  async instanceStatRows(instanceId: number, from: string, to: string): Promise<Record<string, unknown>[]> {
    return preparedQuery(
      this.dataSource,
      `SELECT instance_id, total_size_bytes, data_size_bytes, log_size_bytes, database_count,
              to_char(collected_date, 'YYYY-MM-DD') AS collected_date, collected_at
       FROM instance_size_stats
       WHERE instance_id = $1 AND collected_date BETWEEN $2::date AND $3::date
       ORDER BY collected_date`,
      [instanceId, from, to],
    );
  }

  /** Every instance rollup row of one instance and period type in range (few: one per period), newest first. */
  async instanceAggregationRows(instanceId: number, periodType: PeriodType, startDate?: string, endDate?: string): Promise<Record<string, unknown>[]> {
    const params: unknown[] = [instanceId, periodType];
    const since = startDate ? `AND period_start >= $${params.push(startDate)}::date` : '';
    const until = endDate ? `AND period_start <= $${params.push(endDate)}::date AND period_end <= $${params.length}::date` : '';
    return preparedQuery(
      this.dataSource,
      `SELECT instance_id, period_type, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end,
              avg_total_size_bytes, max_total_size_bytes, min_total_size_bytes, avg_data_size_bytes, max_data_size_bytes, min_data_size_bytes,
              avg_log_size_bytes, max_log_size_bytes, min_log_size_bytes, avg_database_count, data_count,
              total_size_change_bytes, total_size_change_percent, growth_rate, database_count_change, calculated_at
       FROM instance_size_aggregations
       WHERE instance_id = $1 AND period_type = $2 ${since} ${until}
       ORDER BY period_start DESC`,
      params,
    );
  }

  /**
   * One page and the total, side by side. The page is chosen on the key columns alone (an index-only scan of the
   * unique key) and only its rows are read whole; counting and sorting every wide matching row cost far more.
   */
  async aggregationPage(filter: AggregationFilter, page: number, perPage: number): Promise<{ rows: Record<string, unknown>[]; total: number }> {
    const { where, params } = aggregationWhere(filter);
    const [rows, [{ total }]] = await Promise.all([
      preparedQuery(
        this.dataSource,
        `WITH page AS (
           SELECT a.instance_id, a.database_name, a.period_type, a.period_start
           FROM database_size_aggregations a JOIN instances i ON i.id = a.instance_id
           ${where} ${AGGREGATION_ORDER} LIMIT $${params.length + 1} OFFSET $${params.length + 2}
         )
         SELECT ${AGGREGATION_COLUMNS}
         FROM page p
         JOIN database_size_aggregations a ON a.instance_id = p.instance_id AND a.database_name = p.database_name
              AND a.period_type = p.period_type AND a.period_start = p.period_start
         JOIN instances i ON i.id = a.instance_id
         ${AGGREGATION_ORDER}`,
        [...params, perPage, (page - 1) * perPage],
      ),
      preparedQuery<{ total: number }>(
        this.dataSource,
        `SELECT count(*)::int AS total FROM database_size_aggregations a JOIN instances i ON i.id = a.instance_id ${where}`,
        params,
      ),
    ]);
    return { rows, total };
  }

  /** Every matching row, unpaginated (to merge with archived rows). */
  async aggregationRows(filter: AggregationFilter): Promise<Record<string, unknown>[]> {
    const { where, params } = aggregationWhere(filter);
    return preparedQuery(
      this.dataSource,
      `SELECT ${AGGREGATION_COLUMNS} FROM database_size_aggregations a JOIN instances i ON i.id = a.instance_id ${where} ${AGGREGATION_ORDER}`,
      params,
    );
  }

  /** Every matching row, in list order, one at a time from a cursor (the CSV export of GET /aggregations). */
  aggregationStream(filter: AggregationFilter): AsyncGenerator<Record<string, unknown>> {
    const { where, params } = aggregationWhere(filter);
    return cursorJsonQuery(
      this.dataSource,
      `SELECT ${AGGREGATION_COLUMNS} FROM database_size_aggregations a JOIN instances i ON i.id = a.instance_id ${where} ${AGGREGATION_ORDER}`,
      params,
      AGGREGATION_COLUMN_NAMES,
    );
  }

  /** The trend columns of one instance's database aggregations of one type since `since` (no order: the caller groups). */
  async trendRows(instanceId: number, periodType: PeriodType, since: string): Promise<Record<string, unknown>[]> {
    return preparedQuery(
      this.dataSource,
      `SELECT database_name, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end,
              avg_size_bytes, growth_rate
       FROM database_size_aggregations
       WHERE instance_id = $1 AND period_type = $2 AND period_start >= $3::date`,
      [instanceId, periodType, since],
    );
  }

  async instanceRefs(ids: number[]): Promise<InstanceRefRow[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(`SELECT id, name, db_type FROM instances WHERE id = ANY($1::int[])`, [ids]);
  }

  /** The newest `limit` known daily sizes of a database, or of the instance total when databaseName is null (unknown days skipped). */
  async recentSizes(instanceId: number, databaseName: string | null, limit: number): Promise<{ date: string; bytes: string }[]> {
    return databaseName === null
      ? preparedQuery<{ date: string; bytes: string }>(
          this.dataSource,
          `SELECT to_char(collected_date, 'YYYY-MM-DD') AS date, total_size_bytes AS bytes FROM instance_size_stats
           WHERE instance_id = $1 AND total_size_bytes IS NOT NULL ORDER BY collected_date DESC LIMIT $2`,
          [instanceId, limit],
        )
      : preparedQuery<{ date: string; bytes: string }>(
          this.dataSource,
          `SELECT to_char(collected_date, 'YYYY-MM-DD') AS date, size_bytes AS bytes FROM database_size_stats
           WHERE instance_id = $1 AND database_name = $2 AND size_bytes IS NOT NULL ORDER BY collected_date DESC LIMIT $3`,
          [instanceId, databaseName, limit],
        );
  }

  /**
   * Instances, their latest readings' databases and total, and the growth of the instances that
   * also have a reading 30 or more days before their latest: read from the kept instance_latest_stats
   * (one row per instance, kept by the writes themselves), not from a year of readings.
   */
  async summary(instanceIds: number[] | null): Promise<SummaryFigures> {
    const params: unknown[] = [];
    const onInstances = instanceIds === null ? '' : `WHERE id = ANY($${params.push(instanceIds)}::int[])`;
    const onLatest = instanceIds === null ? '' : `WHERE l.instance_id = ANY($1::int[])`;
    const [row]: Record<string, string | null>[] = await preparedQuery(
      this.dataSource,
      `SELECT (SELECT count(*) FROM instances ${onInstances}) AS total_instances,
              coalesce(sum(l.database_count), 0) AS total_databases,
              coalesce(sum(l.total_size_bytes), 0) AS total_size_bytes,
              count(*) FILTER (WHERE l.total_size_bytes IS NULL) AS unsized_instances,
              to_char(max(l.collected_date), 'YYYY-MM-DD') AS latest_date,
              sum(l.total_size_bytes) FILTER (WHERE l.base_collected_date IS NOT NULL AND l.total_size_bytes IS NOT NULL) AS size_now_with_base_bytes,
              sum(l.base_total_size_bytes) FILTER (WHERE l.total_size_bytes IS NOT NULL) AS base_size_bytes
       FROM instance_latest_stats l ${onLatest}`,
      params,
    );
    const n = (value: string | null): number | null => (value === null ? null : Number(value));
    return {
      total_instances: Number(row.total_instances),
      total_databases: Number(row.total_databases),
      total_size_bytes: Number(row.total_size_bytes),
      unsized_instances: Number(row.unsized_instances),
      latest_date: row.latest_date,
      size_now_with_base_bytes: n(row.size_now_with_base_bytes),
      base_size_bytes: n(row.base_size_bytes),
    };
  }
}

/** WHERE clause from whitelisted fragments; every value is a bind parameter. */
function aggregationWhere(filter: AggregationFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const conditions: string[] = [];
  if (filter.instanceIds?.length === 1) {
    // Equality lets the planner carry the id over to instances and start from the aggregation index.
    conditions.push(`a.instance_id = $${params.push(filter.instanceIds[0])}::int`);
  } else if (filter.instanceIds) {
    const at = params.push(filter.instanceIds);
    conditions.push(`a.instance_id = ANY($${at}::int[]) AND i.id = ANY($${at}::int[])`);
  }
  if (filter.dbType) conditions.push(`i.db_type = $${params.push(filter.dbType)}`);
  if (filter.databaseName !== undefined) conditions.push(`a.database_name = $${params.push(filter.databaseName)}`);
  if (filter.databaseNameContains !== undefined) conditions.push(`a.database_name ILIKE $${params.push(containsPattern(filter.databaseNameContains))}`);
  if (filter.periodType) conditions.push(`a.period_type = $${params.push(filter.periodType)}`);
  if (filter.startDate) conditions.push(`a.period_start >= $${params.push(filter.startDate)}::date`);
  if (filter.endDate) {
    const at = params.push(filter.endDate);
    // period_start ≤ period_end: the first condition lets PostgreSQL prune partitions.
    conditions.push(`a.period_start <= $${at}::date AND a.period_end <= $${at}::date`);
  }
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
