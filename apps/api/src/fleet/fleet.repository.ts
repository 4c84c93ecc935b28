import type { DbType, FleetChangeKind, FleetGroupBy, FleetLevel, FleetMeasure, FleetMetric, FleetRankBy, PeriodType } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { containsPattern } from '../common/like-pattern';
import { cursorJsonQuery } from '../database/cursor-query';
import { preparedQuery, preparedQueryWithWorkMem } from '../database/prepared-query';

/** The rows every fleet read is restricted to; each value goes in as a bind parameter. */
export interface FleetFilter {
  /** null = every instance (admin). */
  instanceIds: number[] | null;
  dbType?: DbType;
  tag?: string;
  /** Case-insensitive substring of the database name. */
  databaseName?: string;
}

export interface SeriesQuery {
  measure: FleetMeasure;
  groupBy: FleetGroupBy;
  rankBy: FleetRankBy;
  periodType: PeriodType;
  firstStart: string;
  lastStart: string;
  top: number;
  filter: FleetFilter;
}

/** One row of the series statement: a period total, a top group, a point of a top group, or (tag) a point of the others. */
export interface SeriesRow {
  part: 'total' | 'group' | 'point' | 'others';
  rank: number | null;
  period_start: string | null;
  size_bytes: string;
  instance_id: number | null;
  database_name: string | null;
  key_text: string | null;
  instance_name: string | null;
  instance_db_type: DbType | null;
}

export interface RankingQuery {
  level: FleetLevel;
  metric: FleetMetric;
  /** The day ranked, and the day compared with. */
  asOf: string;
  thenDay: string;
  filter: FleetFilter;
  /** null: every row (LIMIT NULL is no limit), for the export. */
  limit: number | null;
  offset: number;
}

/** The columns of a ranking row (rankingSql's output but its count and position), as the export reads them. */
const RANKING_COLUMNS = ['instance_id', 'instance_name', 'db_type', 'database_name', 'size_then', 'size_now', 'change_bytes', 'change_percent'] as const;

export interface RankingRow {
  instance_id: number;
  instance_name: string;
  db_type: DbType;
  database_name: string | null;
  size_then: string | null;
  size_now: string;
  change_bytes: string | null;
  change_percent: string | null;
}

export interface ChangesQuery {
  date: string;
  thresholdPercent: number;
  change?: FleetChangeKind;
  filter: FleetFilter;
  limit: number;
  offset: number;
}

export interface ChangeRow {
  change: FleetChangeKind;
  instance_id: number;
  instance_name: string;
  db_type: DbType;
  database_name: string;
  size_before: string | null;
  size_after: string | null;
  change_bytes: string | null;
  change_percent: string | null;
}

export interface Page<T> {
  rows: T[];
  total: number;
}

/** A row of a page statement: the count of all rows, and one row of the page (all null on an empty page). */
type PageRow<T> = { total: string } & { [K in keyof T]: T[K] | null };

function toPage<T extends { instance_id: number }>(rows: PageRow<T>[]): Page<T> {
  return { total: Number(rows[0]?.total ?? 0), rows: rows.filter((row) => row.instance_id !== null) as T[] };
}

/** Which rollup a series measure reads, and its size column. */
const MEASURES: Record<FleetMeasure, { table: string; size: string; hasDatabase: boolean }> = {
  instance_total: { table: 'instance_size_aggregations', size: 'avg_total_size_bytes', hasDatabase: false },
  database_size: { table: 'database_size_aggregations', size: 'avg_size_bytes', hasDatabase: true },
};

/**
 * Per instance and period, the sum of its databases' avg_size_bytes (column of the same name), kept by the database
 * rollup's own writes (migration 1764900005000).
 */
const DATABASE_SUMS = 'database_size_period_sums';

/**
 * Per grouping (whitelisted SQL, never user input): the key columns as `instance_id`/`database_name`/`key_text`, the
 * expressions they are read from, the tie order, how a reading belongs to a top group `t`, and whether it needs the
 * instances row `i`. An instance without a tag is in the group of the null tag.
 */
interface Grouping {
  keys: { instance_id: string; database_name: string; key_text: string };
  groupBy: string;
  tie: string;
  member: string;
  needsInstances: boolean;
  unnest: string;
  /** The member condition is a prefix of the rollup's unique key: read each top group's points through it. */
  keyedPoints: boolean;
}

const NO_UNNEST = '';
const TAGS_UNNEST = 'CROSS JOIN LATERAL unnest(CASE WHEN cardinality(i.tags) = 0 THEN ARRAY[NULL]::text[] ELSE i.tags END) AS k(tag)';

const GROUPINGS: Record<FleetGroupBy, Grouping> = {
  instance: {
    keys: { instance_id: 'a.instance_id', database_name: 'NULL::varchar', key_text: 'NULL::text' },
    groupBy: 'a.instance_id',
    tie: 'instance_id',
    member: 't.instance_id = a.instance_id',
    needsInstances: false,
    unnest: NO_UNNEST,
    keyedPoints: true,
  },
  database: {
    keys: { instance_id: 'a.instance_id', database_name: 'a.database_name', key_text: 'NULL::text' },
    groupBy: 'a.instance_id, a.database_name',
    tie: 'instance_id, database_name COLLATE "C"',
    member: 't.instance_id = a.instance_id AND t.database_name = a.database_name',
    needsInstances: false,
    unnest: NO_UNNEST,
    keyedPoints: true,
  },
  db_type: {
    keys: { instance_id: 'NULL::int', database_name: 'NULL::varchar', key_text: 'i.db_type::text' },
    groupBy: 'i.db_type',
    tie: 'key_text COLLATE "C"',
    member: 't.key_text = i.db_type',
    needsInstances: true,
    unnest: NO_UNNEST,
    keyedPoints: false,
  },
  tag: {
    keys: { instance_id: 'NULL::int', database_name: 'NULL::varchar', key_text: 'k.tag' },
    groupBy: 'k.tag',
    tie: 'key_text COLLATE "C" NULLS LAST',
    member: 't.key_text IS NOT DISTINCT FROM k.tag',
    needsInstances: true,
    unnest: TAGS_UNNEST,
    keyedPoints: false,
  },
};

/** Bind parameters in order; `add` returns the placeholder of a value. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ''): string {
    return `$${this.values.push(value)}${cast}`;
  }
}

/** Filter conditions over `a` (instance_id, database_name when `hasDatabase`) and `i` (the instances row, when joined). */
function filterConditions(filter: FleetFilter, params: Params, hasDatabase: boolean): { conditions: string[]; needsInstances: boolean } {
  const conditions: string[] = [];
  if (filter.instanceIds) conditions.push(`a.instance_id = ANY(${params.add(filter.instanceIds, '::int[]')})`);
  if (filter.dbType) conditions.push(`i.db_type = ${params.add(filter.dbType)}`);
  if (filter.tag !== undefined) conditions.push(`${params.add(filter.tag, '::text')} = ANY(i.tags)`);
  if (filter.databaseName !== undefined && hasDatabase) conditions.push(`a.database_name ILIKE ${params.add(containsPattern(filter.databaseName))}`);
  return { conditions, needsInstances: filter.dbType !== undefined || filter.tag !== undefined };
}

/**
 * The series in one statement: the total of every period (a full pass over the readings of the range), the top groups
 * scored on the first and last periods with readings, and the points of the top groups; for group_by tag, whose groups
 * overlap, the points of the readings outside every top group too (the others of the other groupings are total − top).
 */
export function seriesSql(query: SeriesQuery): { text: string; values: unknown[] } {
  const measure = MEASURES[query.measure];
  const grouping = GROUPINGS[query.groupBy];
  const params = new Params();
  const type = params.add(query.periodType);
  const first = params.add(query.firstStart, '::date');
  const last = params.add(query.lastStart, '::date');
  const filters = filterConditions(query.filter, params, measure.hasDatabase);
  const top = params.add(query.top, '::int');
  const join = grouping.needsInstances || filters.needsInstances ? 'JOIN instances i ON i.id = a.instance_id' : '';
  const where = (period: string) => [`a.period_type = ${type}`, period, `a.${measure.size} IS NOT NULL`, ...filters.conditions].join(' AND ');
  const inRange = `a.period_start >= ${first} AND a.period_start <= ${last}`;
  const from = `${measure.table} a ${join}`;
  // A period's database total, unless filtered by database name, from the kept per-instance sums (20× fewer rows).
  const totalsFrom = query.measure === 'database_size' && query.filter.databaseName === undefined ? `${DATABASE_SUMS} a ${join}` : from;
  const keys = grouping.keys;
  const growth = query.rankBy === 'growth' ? `- coalesce(sum(a.${measure.size}) FILTER (WHERE a.period_start = e.first_start), 0)` : '';
  const others =
    query.groupBy === 'tag'
      ? `UNION ALL
         SELECT 'others', NULL, to_char(a.period_start, 'YYYY-MM-DD'), sum(a.${measure.size})::text, NULL, NULL, NULL, NULL, NULL
         FROM ${from}
         WHERE ${where(inRange)}
           AND NOT EXISTS (SELECT 1 FROM top t WHERE t.key_text = ANY(i.tags) OR t.key_text IS NULL AND cardinality(i.tags) = 0)
         GROUP BY a.period_start`
      : '';
  // Over the database rollups (planned per call, see FleetRepository.series), keyed: one index range per top group
  // instead of hashing every rollup of the range. The instance rollups are 20× fewer: the hash join is cheaper there.
  const points = grouping.keyedPoints && query.measure === 'database_size'
    ? `
      SELECT t.rank, x.period_start, x.size_bytes
      FROM top t CROSS JOIN LATERAL (
        SELECT a.period_start, sum(a.${measure.size}) AS size_bytes FROM ${from} WHERE ${where(inRange)} AND ${grouping.member} GROUP BY a.period_start
      ) x`
    : `
      SELECT t.rank, a.period_start, sum(a.${measure.size}) AS size_bytes
      FROM ${from} ${grouping.unnest} JOIN top t ON ${grouping.member}
      WHERE ${where(inRange)}
      GROUP BY t.rank, a.period_start`;
  const groupedScores = `scores AS (
      SELECT ${keys.instance_id} AS instance_id, ${keys.database_name} AS database_name, ${keys.key_text} AS key_text,
             coalesce(sum(a.${measure.size}) FILTER (WHERE a.period_start = e.last_start), 0) ${growth} AS score
      FROM ${from} ${grouping.unnest} CROSS JOIN edges e
      WHERE ${where('a.period_start = ANY (ARRAY[e.first_start, e.last_start])')}
      GROUP BY ${grouping.groupBy}
    )`;
  // One rollup row per group and period (a database, or an instance's total): ranked by size, a group's score is its
  // row of the last period, so the top is a top-N of those rows, no grouping of both periods' rows. A group read only
  // in the first period scores 0; those are looked for only when fewer than N groups score above 0.
  const rowPerGroup = query.groupBy === 'database' || (query.groupBy === 'instance' && query.measure === 'instance_total');
  const groupKeys = `${keys.instance_id} AS instance_id, ${keys.database_name} AS database_name, ${keys.key_text} AS key_text`;
  const sizeScores = `last_rows AS (
      SELECT ${groupKeys}, a.${measure.size} AS score FROM ${from} CROSS JOIN edges e WHERE ${where('a.period_start = e.last_start')}
    ), top_last AS (
      SELECT * FROM last_rows ORDER BY score DESC, ${grouping.tie} LIMIT ${top}
    ), scores AS (
      SELECT * FROM top_last
      UNION ALL
      SELECT ${groupKeys}, 0::bigint FROM ${from} CROSS JOIN edges e
      WHERE ${where('a.period_start = e.first_start')}
        AND (SELECT count(*) FROM top_last WHERE score > 0) < ${top}
        AND NOT EXISTS (SELECT 1 FROM last_rows t WHERE ${grouping.member})
    )`;
  const text = `
    WITH totals AS (
      SELECT a.period_start, sum(a.${measure.size}) AS size_bytes FROM ${totalsFrom} WHERE ${where(inRange)} GROUP BY a.period_start
    ), edges AS (
      SELECT min(period_start) AS first_start, max(period_start) AS last_start FROM totals
    ), ${query.rankBy === 'size' && rowPerGroup ? sizeScores : groupedScores}, top AS (
      -- The limit below the window: a top-N sort of the groups, not a full sort of (per database) 20,000 of them.
      SELECT s.*, row_number() OVER (ORDER BY score DESC, ${grouping.tie}) AS rank
      FROM (SELECT * FROM scores ORDER BY score DESC, ${grouping.tie} LIMIT ${top}) s
    ), points AS (${points}
    )
    SELECT 'total' AS part, NULL::int AS rank, to_char(period_start, 'YYYY-MM-DD') AS period_start, size_bytes::text AS size_bytes,
           NULL::int AS instance_id, NULL::varchar AS database_name, NULL::text AS key_text, NULL::varchar AS instance_name, NULL::varchar AS instance_db_type
    FROM totals
    UNION ALL
    SELECT 'group', t.rank::int, NULL, t.score::text, t.instance_id, t.database_name, t.key_text, ti.name, ti.db_type
    FROM top t LEFT JOIN instances ti ON ti.id = t.instance_id
    UNION ALL
    SELECT 'point', p.rank::int, to_char(p.period_start, 'YYYY-MM-DD'), p.size_bytes::text, NULL, NULL, NULL, NULL, NULL
    FROM points p
    ${others}`;
  return { text, values: params.values };
}

/** Per level (whitelisted): the daily readings table, its size column and key. */
const LEVELS: Record<FleetLevel, { table: string; size: string; database: string; key: string; tie: string }> = {
  database: { table: 'database_size_stats', size: 'size_bytes', database: 'a.database_name', key: 'instance_id, database_name', tie: 'r.instance_id, r.database_name COLLATE "C"' },
  instance: { table: 'instance_size_stats', size: 'total_size_bytes', database: 'NULL::varchar', key: 'instance_id', tie: 'r.instance_id' },
};

/** Per metric (whitelisted): which rows rank, and their order. */
const METRICS: Record<FleetMetric, { keep: string; order: string }> = {
  size: { keep: 'true', order: 'r.size_now DESC' },
  growth_bytes: { keep: 'r.change_bytes > 0', order: 'r.change_bytes DESC' },
  growth_percent: { keep: 'r.change_bytes > 0 AND r.size_then > 0', order: 'r.change_bytes::numeric / r.size_then DESC' },
  shrink: { keep: 'r.change_bytes < 0', order: 'r.change_bytes ASC' },
};

/** The newest day with a known size among the matching instances (the default "as of" of a ranking). */
export function newestDaySql(level: FleetLevel, filter: FleetFilter): { text: string; values: unknown[] } {
  const { table, size } = LEVELS[level];
  const params = new Params();
  const filters = filterConditions(filter, params, false);
  const join = filters.needsInstances ? 'JOIN instances i ON i.id = a.instance_id' : '';
  const where = [`a.${size} IS NOT NULL`, ...filters.conditions].join(' AND ');
  return { text: `SELECT to_char(max(a.collected_date), 'YYYY-MM-DD') AS day FROM ${table} a ${join} WHERE ${where}`, values: params.values };
}

/**
 * One page of a ranking and the count of all its rows: the readings of the "as of" day against those of `thenDay`
 * before, both days read in one pass (one index range per partition, grouped by key: no probe per reading, so the
 * plan stays sound as a prepared statement's generic plan). The page is chosen on the readings alone; only its rows
 * are joined with their instance.
 */
export function rankingSql(query: RankingQuery): { text: string; values: unknown[] } {
  const level = LEVELS[query.level];
  const metric = METRICS[query.metric];
  const params = new Params();
  const filters = filterConditions(query.filter, params, query.level === 'database');
  const now = params.add(query.asOf, '::date');
  const then = params.add(query.thenDay, '::date');
  const limit = params.add(query.limit, '::int');
  const offset = params.add(query.offset, '::int');
  const join = filters.needsInstances ? 'JOIN instances i ON i.id = a.instance_id' : '';
  const where = [`a.collected_date IN (${now}, ${then})`, `a.${level.size} IS NOT NULL`, ...filters.conditions].join(' AND ');
  const order = `${metric.order}, ${level.tie}`;
  // A key has one reading per day (the unique key): max() of a day is that reading.
  const text = `
    WITH pairs AS (
      SELECT a.instance_id, ${level.database} AS database_name,
             max(a.${level.size}) FILTER (WHERE a.collected_date = ${now}) AS size_now,
             max(a.${level.size}) FILTER (WHERE a.collected_date = ${then}) AS size_then
      FROM ${level.table} a ${join}
      WHERE ${where}
      GROUP BY a.instance_id, ${level.database}
    ), r AS (
      SELECT p.instance_id, p.database_name, p.size_now, p.size_then, p.size_now - p.size_then AS change_bytes
      FROM pairs p WHERE p.size_now IS NOT NULL
    ), page AS (
      SELECT r.* FROM r WHERE ${metric.keep} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}
    )
    SELECT c.total::text AS total, p.* FROM (SELECT count(*) AS total FROM r WHERE ${metric.keep}) c
    LEFT JOIN (
      SELECT r.instance_id, i.name AS instance_name, i.db_type, r.database_name,
             r.size_then::text, r.size_now::text, r.change_bytes::text,
             CASE WHEN r.size_then > 0 THEN round(r.change_bytes::numeric * 100 / r.size_then, 2)::text END AS change_percent,
             row_number() OVER (ORDER BY ${order}) AS position
      FROM page r JOIN instances i ON i.id = r.instance_id
    ) p ON true
    ORDER BY p.position`;
  return { text, values: params.values };
}

const CHANGE_ORDER = `array_position(ARRAY['appeared', 'disappeared', 'changed'], y.change), abs(y.change_bytes) DESC NULLS LAST, y.instance_id, y.database_name COLLATE "C"`;

/**
 * One page of the databases that appeared, disappeared or changed by more than the threshold from the day before to
 * `date`, and the count of all of them. A database counts as appeared only when its instance was read the day before
 * or never before (a new instance), as disappeared only when its instance was read on `date`: an instance that missed
 * a collection does not make its databases come and go.
 */
export function changesSql(query: ChangesQuery): { text: string; values: unknown[] } {
  const params = new Params();
  const filters = filterConditions(query.filter, params, true);
  const day = params.add(query.date, '::date');
  const threshold = params.add(query.thresholdPercent, '::numeric');
  const kind = query.change ? `AND x.change = ${params.add(query.change)}` : '';
  const limit = params.add(query.limit, '::int');
  const offset = params.add(query.offset, '::int');
  const join = filters.needsInstances ? 'JOIN instances i ON i.id = a.instance_id' : '';
  const readings = (on: string) =>
    `SELECT a.instance_id, a.database_name, a.size_bytes FROM database_size_stats a ${join} WHERE ${[`a.collected_date = ${on}`, ...filters.conditions].join(' AND ')}`;
  const readOn = (on: string) =>
    `SELECT instance_id FROM database_size_stats WHERE collected_date = ${on} UNION SELECT instance_id FROM instance_size_stats WHERE collected_date = ${on}`;
  const text = `
    WITH cur AS (${readings(day)}
    ), prev AS (${readings(`${day} - 1`)}
    ), x AS (
      SELECT coalesce(c.instance_id, p.instance_id) AS instance_id, coalesce(c.database_name, p.database_name) AS database_name,
             p.size_bytes AS size_before, c.size_bytes AS size_after,
             CASE WHEN p.instance_id IS NULL THEN 'appeared' WHEN c.instance_id IS NULL THEN 'disappeared' ELSE 'changed' END AS change
      FROM cur c FULL JOIN prev p ON p.instance_id = c.instance_id AND p.database_name = c.database_name
    ), y AS (
      SELECT x.*, CASE x.change WHEN 'appeared' THEN x.size_after WHEN 'disappeared' THEN -x.size_before ELSE x.size_after - x.size_before END AS change_bytes
      FROM x
      WHERE CASE x.change
              WHEN 'appeared' THEN x.instance_id IN (${readOn(`${day} - 1`)})
                OR NOT EXISTS (SELECT 1 FROM database_size_stats e WHERE e.instance_id = x.instance_id AND e.collected_date < ${day} - 1)
                   AND NOT EXISTS (SELECT 1 FROM instance_size_stats e WHERE e.instance_id = x.instance_id AND e.collected_date < ${day} - 1)
              WHEN 'disappeared' THEN x.instance_id IN (${readOn(day)})
              ELSE x.size_after <> x.size_before AND (x.size_before = 0 OR abs(x.size_after - x.size_before)::numeric * 100 > ${threshold} * x.size_before)
            END
            ${kind}
    )
    SELECT c.total::text AS total, p.* FROM (SELECT count(*) AS total FROM y) c
    LEFT JOIN (
      SELECT y.change, y.instance_id, i.name AS instance_name, i.db_type, y.database_name,
             y.size_before::text, y.size_after::text, y.change_bytes::text,
             CASE WHEN y.change = 'changed' AND y.size_before > 0 THEN round((y.size_after - y.size_before)::numeric * 100 / y.size_before, 2)::text END AS change_percent,
             row_number() OVER (ORDER BY ${CHANGE_ORDER}) AS position
      FROM y JOIN instances i ON i.id = y.instance_id
      ORDER BY ${CHANGE_ORDER} LIMIT ${limit} OFFSET ${offset}
    ) p ON true
    ORDER BY p.position`;
  return { text, values: params.values };
}

/**
 * `work_mem` of a ranking: its hash aggregate (one group per database of the two days) outgrows the server's 4 MB
 * default at 10,000 instances × 20 databases (200,000 groups, 26 MB: 5 batches, 15 MB spilled to disk; 600–620 →
 * 405–510 ms execution with it). At 1,000 instances it holds 2.8 MB and never spilled. The changes keep the default:
 * their sorts spill too, yet ran slower in memory (520–640 → 690–1050 ms at 10,000 instances).
 */
export const RANKING_WORK_MEM = '32MB';

/** The fleet reads (GET /fleet/*): statements built from whitelisted fragments, every value a bind parameter. */
@Injectable()
export class FleetRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Over the database rollups, planned for its values every time (~1.5 ms), not as a prepared statement: their
   * generic plan cannot see how few rows the top groups and the range's partitions hold, so it hashes every rollup
   * of the range (~600,000 for 30 days) and crosses the JIT threshold. The instance rollups' generic plan is sound.
   */
  series(query: SeriesQuery): Promise<SeriesRow[]> {
    const { text, values } = seriesSql(query);
    return query.measure === 'database_size' ? this.dataSource.query(text, values) : preparedQuery<SeriesRow>(this.dataSource, text, values);
  }

  async newestDay(level: FleetLevel, filter: FleetFilter): Promise<string | null> {
    const { text, values } = newestDaySql(level, filter);
    const [row] = await preparedQuery<{ day: string | null }>(this.dataSource, text, values);
    return row?.day ?? null;
  }

  async ranking(query: RankingQuery): Promise<Page<RankingRow>> {
    const { text, values } = rankingSql(query);
    return toPage(await preparedQueryWithWorkMem<PageRow<RankingRow>>(this.dataSource, text, values, RANKING_WORK_MEM));
  }

  /** Every row of a ranking, in its order, one at a time from a cursor (the CSV export). */
  async *rankingRows(query: Omit<RankingQuery, 'limit' | 'offset'>): AsyncGenerator<RankingRow> {
    const { text, values } = rankingSql({ ...query, limit: null, offset: 0 });
    for await (const row of cursorJsonQuery<PageRow<RankingRow>>(this.dataSource, text, values, RANKING_COLUMNS)) {
      // An empty ranking is one row of its count alone.
      if (row.instance_id !== null) yield row as RankingRow;
    }
  }

  async changes(query: ChangesQuery): Promise<Page<ChangeRow>> {
    const { text, values } = changesSql(query);
    return toPage(await preparedQuery<PageRow<ChangeRow>>(this.dataSource, text, values));
  }
}
