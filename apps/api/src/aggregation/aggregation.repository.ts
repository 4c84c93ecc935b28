import type { PeriodType } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { periodEnd, previousPeriodStart, type PeriodRange } from './period';

/** The two rollups: stats table → aggregation table. */
export const ROLLUP_KINDS = ['database', 'instance'] as const;
export type RollupKind = (typeof ROLLUP_KINDS)[number];

export const AGGREGATION_WATERMARK = 'aggregation';
/** Readings whose transaction started before the last run but committed after it are caught by this overlap. */
const WATERMARK_OVERLAP = "interval '10 minutes'";

// Whitelisted SQL fragments per period type (never from user input): a reading's period start,
// a period's inclusive end, and the start of the period before it.
const PERIOD_SQL: Record<PeriodType, { start: string; end: string; prev: string }> = {
  daily: { start: 'collected_date', end: 'period_start', prev: '(period_start - 1)' },
  weekly: {
    start: "date_trunc('week', collected_date::timestamp)::date",
    end: '(period_start + 6)',
    prev: '(period_start - 7)',
  },
  monthly: {
    start: "date_trunc('month', collected_date::timestamp)::date",
    end: "((period_start + interval '1 month')::date - 1)",
    prev: "(period_start - interval '1 month')::date",
  },
  quarterly: {
    start: "date_trunc('quarter', collected_date::timestamp)::date",
    end: "((period_start + interval '3 months')::date - 1)",
    prev: "(period_start - interval '3 months')::date",
  },
};

interface RollupShape {
  source: string;
  target: string;
  /** Key columns besides period_type / period_start. */
  keys: string[];
  /** [target column prefix, source column] of the three sizes. */
  sizes: [string, string][];
  /** The size whose change and growth are reported. */
  main: string;
  changeBytes: string;
  changePercent: string;
  /** Extra aggregates and extra change columns (instance rollup). */
  extraAggregates: string[];
  extraColumns: string[];
  extraChange: string[];
}

const SHAPES: Record<RollupKind, RollupShape> = {
  database: {
    source: 'database_size_stats',
    target: 'database_size_aggregations',
    keys: ['instance_id', 'database_name'],
    sizes: [
      ['', 'size_bytes'],
      ['data_', 'data_size_bytes'],
      ['log_', 'log_size_bytes'],
    ],
    main: 'size_bytes',
    changeBytes: 'size_change_bytes',
    changePercent: 'size_change_percent',
    extraAggregates: [],
    extraColumns: [],
    extraChange: [],
  },
  instance: {
    source: 'instance_size_stats',
    target: 'instance_size_aggregations',
    keys: ['instance_id'],
    sizes: [
      ['total_', 'total_size_bytes'],
      ['data_', 'data_size_bytes'],
      ['log_', 'log_size_bytes'],
    ],
    main: 'total_size_bytes',
    changeBytes: 'total_size_change_bytes',
    changePercent: 'total_size_change_percent',
    extraAggregates: ['round(avg(database_count), 2) AS avg_database_count'],
    extraColumns: ['avg_database_count'],
    extraChange: [
      'round(c.avg_database_count - CASE WHEN c.lag_start = c.prev_start THEN c.lag_database_count ELSE p.avg_database_count END)::int AS database_count_change',
    ],
  },
};

/**
 * The rows of `kind`'s aggregation table for every key with readings in the periods
 * [range.firstStart … range.lastStart] of `type`: one SELECT, grouped set-based in PostgreSQL.
 * Change figures compare with the previous calendar period of the same key: computed in the same
 * statement, or — for the first period of the range — read from the stored aggregation.
 * Parameters: $1 firstStart, $2 last day read, $3 period type, $4 start of the period before firstStart.
 */
export function rollupSelectSql(kind: RollupKind, type: PeriodType): string {
  const shape = SHAPES[kind];
  const period = PERIOD_SQL[type];
  const keys = shape.keys.join(', ');
  const sizeAggregates = shape.sizes.flatMap(([prefix, column]) => [
    `round(avg(${column}))::bigint AS avg_${prefix}size_bytes`,
    `max(${column}) AS max_${prefix}size_bytes`,
    `min(${column}) AS min_${prefix}size_bytes`,
  ]);
  const mainAvg = `avg_${shape.sizes[0][0]}size_bytes`;
  const sizeColumns = shape.sizes.flatMap(([prefix]) => ['avg', 'max', 'min'].map((kindOf) => `c.${kindOf}_${prefix}size_bytes`));
  const lagExtras = shape.extraColumns.map((column) => `lag(${column}) OVER w AS lag_${column.replace('avg_', '')}`);
  const keyJoin = shape.keys.map((key) => `p.${key} = c.${key}`).join(' AND ');
  return `
    WITH g AS (
      SELECT ${keys}, ${period.start} AS period_start,
             ${sizeAggregates.join(',\n             ')},
             ${[...shape.extraAggregates, 'count(*)::int AS data_count'].join(',\n             ')},
             (min(ARRAY[collected_date - DATE '2000-01-01', ${shape.main}]))[2] AS first_size,
             (max(ARRAY[collected_date - DATE '2000-01-01', ${shape.main}]))[2] AS last_size
      FROM ${shape.source}
      -- An unknown size (null) is no reading: a key with only those gets no row, never one of 0.
      WHERE collected_date >= $1::date AND collected_date <= $2::date AND ${shape.main} IS NOT NULL
      GROUP BY ${keys}, period_start
    ), c AS (
      SELECT g.*, ${period.end} AS period_end, ${period.prev} AS prev_start,
             lag(period_start) OVER w AS lag_start, lag(${mainAvg}) OVER w AS lag_avg
             ${lagExtras.map((extra) => `, ${extra}`).join('')}
      FROM g
      WINDOW w AS (PARTITION BY ${keys} ORDER BY period_start)
    ), x AS (
      SELECT c.*, CASE WHEN c.lag_start = c.prev_start THEN c.lag_avg ELSE p.${mainAvg} END AS prev_avg
             ${shape.extraChange.map((extra) => `, ${extra}`).join('')}
      FROM c
      LEFT JOIN (SELECT ${keys}, ${mainAvg}${shape.extraColumns.map((column) => `, ${column}`).join('')}
                 FROM ${shape.target} WHERE period_type = $3 AND period_start = $4::date) p
        ON ${keyJoin} AND c.period_start = $1::date
    )
    SELECT ${shape.keys.map((key) => `c.${key}`).join(', ')}, $3::varchar AS period_type, c.period_start, c.period_end,
           ${sizeColumns.join(', ')},
           ${shape.extraColumns.map((column) => `c.${column}, `).join('')}c.data_count,
           c.${mainAvg} - c.prev_avg AS ${shape.changeBytes},
           CASE WHEN c.prev_avg <> 0 THEN round((c.${mainAvg} - c.prev_avg)::numeric / c.prev_avg * 100, 2) END AS ${shape.changePercent},
           CASE WHEN c.first_size <> 0 THEN round((c.last_size - c.first_size)::numeric / c.first_size * 100, 2) END AS growth_rate
           ${kind === 'instance' ? ', c.database_count_change' : ''}
    FROM x c`;
}

/** Columns a rollup writes, in the order of rollupSelectSql. */
function rollupColumns(kind: RollupKind): string[] {
  const shape = SHAPES[kind];
  return [
    ...shape.keys,
    'period_type',
    'period_start',
    'period_end',
    ...shape.sizes.flatMap(([prefix]) => ['avg', 'max', 'min'].map((kindOf) => `${kindOf}_${prefix}size_bytes`)),
    ...shape.extraColumns,
    'data_count',
    shape.changeBytes,
    shape.changePercent,
    'growth_rate',
    ...(kind === 'instance' ? ['database_count_change'] : []),
  ];
}

/**
 * Upsert of the rollup: a row whose figures did not change is left alone (no new row version, same
 * calculated_at), so recomputing a range that did not change writes nothing.
 */
export function rollupUpsertSql(kind: RollupKind, type: PeriodType): string {
  const shape = SHAPES[kind];
  const columns = rollupColumns(kind);
  const conflict = [...shape.keys, 'period_type', 'period_start'];
  const updated = columns.filter((column) => !conflict.includes(column));
  return `
    INSERT INTO ${shape.target} AS a (${columns.join(', ')}, calculated_at)
    SELECT r.*, now() FROM (${rollupSelectSql(kind, type)}) r
    ON CONFLICT (${conflict.join(', ')}) DO UPDATE
    SET ${updated.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}, calculated_at = EXCLUDED.calculated_at
    WHERE (${updated.map((column) => `a.${column}`).join(', ')}) IS DISTINCT FROM (${updated.map((column) => `EXCLUDED.${column}`).join(', ')})`;
}

/** Parameters of rollupSelectSql / rollupUpsertSql for a range of periods. */
export function rollupParams(type: PeriodType, range: PeriodRange): [string, string, PeriodType, string] {
  return [range.firstStart, periodEnd(type, range.lastStart), type, previousPeriodStart(type, range.firstStart)];
}

export interface TouchedReadings {
  /** Distinct collected_date of readings written since the mark (minus the overlap). */
  dates: string[];
  /** Newest updated_at seen; null when nothing was written. */
  newestUpdate: Date | null;
}

@Injectable()
export class AggregationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Recomputes one period type of one rollup over a range; returns the rows inserted or changed. */
  async recompute(kind: RollupKind, type: PeriodType, range: PeriodRange, manager?: EntityManager): Promise<number> {
    const runner = manager?.queryRunner ?? this.dataSource.createQueryRunner();
    try {
      const result = (await runner.query(rollupUpsertSql(kind, type), rollupParams(type, range), true)) as { affected?: number };
      return result.affected ?? 0;
    } finally {
      if (!manager?.queryRunner) await runner.release();
    }
  }

  async getWatermark(): Promise<Date | null> {
    const rows: { value: Date }[] = await this.dataSource.query(`SELECT value FROM job_watermarks WHERE name = $1`, [AGGREGATION_WATERMARK]);
    return rows[0]?.value ?? null;
  }

  /** Moves the mark forward only (never back), in the caller's transaction when given. */
  async advanceWatermark(value: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO job_watermarks (name, value) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET value = greatest(job_watermarks.value, EXCLUDED.value), updated_at = now()`,
      [AGGREGATION_WATERMARK, value],
    );
  }

  /** Days of readings (either stats table) written after `mark`; all readings when mark is null. */
  async touchedSince(mark: Date | null): Promise<TouchedReadings> {
    const filter = mark ? `WHERE updated_at > $1::timestamptz - ${WATERMARK_OVERLAP}` : '';
    const params = mark ? [mark] : [];
    const rows: { d: string | null; newest: Date | null }[] = await this.dataSource.query(
      `WITH t AS (
         SELECT collected_date, updated_at FROM database_size_stats ${filter}
         UNION ALL
         SELECT collected_date, updated_at FROM instance_size_stats ${filter}
       )
       SELECT to_char(d, 'YYYY-MM-DD') AS d, newest
       FROM (SELECT DISTINCT collected_date AS d FROM t) days
       RIGHT JOIN (SELECT max(updated_at) AS newest FROM t) n ON true`,
      params,
    );
    return { dates: rows.map((row) => row.d).filter((d): d is string => d !== null), newestUpdate: rows[0]?.newest ?? null };
  }

  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
