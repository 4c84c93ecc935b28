import { FORECAST_MIN_DAILY_POINTS, type CapacityLevel, type CapacitySort, type CapacitySortKey, type DbType } from '@capacity/contracts';

/** The z quantile of 0.975 (two-sided 95 %). */
const Z = 1.959963984540054;

/**
 * The 0.975 quantile of Student's t with `df` degrees of freedom (SQL), by the Cornish–Fisher expansion in 1/df to
 * the fourth order (Abramowitz & Stegun 26.7.5): within 5·10⁻⁶ of the tables from df = 12 (14 points) on.
 */
export function tQuantile975Sql(df: string): string {
  const g1 = (Z ** 3 + Z) / 4;
  const g2 = (5 * Z ** 5 + 16 * Z ** 3 + 3 * Z) / 96;
  const g3 = (3 * Z ** 7 + 19 * Z ** 5 + 17 * Z ** 3 - 15 * Z) / 384;
  const g4 = (79 * Z ** 9 + 776 * Z ** 7 + 1482 * Z ** 5 - 1920 * Z ** 3 - 945 * Z) / 92160;
  const v = `(${df})::float8`;
  return `(${Z} + ${g1} / ${v} + ${g2} / (${v} ^ 2) + ${g3} / (${v} ^ 3) + ${g4} / (${v} ^ 4))`;
}

export interface CapacityFilter {
  /** Only instances of this owner (a viewer); undefined = all. */
  ownerId?: number;
  instanceId?: number;
  dbType?: DbType;
  tag?: string;
  /** Which rows: the instances, their databases, or both (undefined). */
  level?: CapacityLevel;
}

/** Bind parameters in order; `add` returns the placeholder of a value. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ''): string {
    return `$${this.values.push(value)}${cast}`;
  }
}

/** The least-squares sums over the last `points` readings of one series (x = days before its last date, y = bytes). */
function fitLateral(table: string, sizeColumn: string, seriesKey: string, points: string): string {
  return `CROSS JOIN LATERAL (
      SELECT regr_count(pts.y, pts.x)::int AS n, regr_slope(pts.y, pts.x) AS b, regr_intercept(pts.y, pts.x) AS a,
             regr_sxx(pts.y, pts.x) AS sxx, regr_syy(pts.y, pts.x) AS syy, regr_sxy(pts.y, pts.x) AS sxy, regr_avgx(pts.y, pts.x) AS xbar
      FROM (
        SELECT (p.collected_date - s.last_date)::float8 AS x, p.${sizeColumn}::float8 AS y
        FROM ${table} p
        WHERE ${seriesKey} AND p.collected_date <= s.last_date AND p.${sizeColumn} IS NOT NULL
        ORDER BY p.collected_date DESC
        LIMIT ${points}
      ) pts
    ) f`;
}

/**
 * The statement's CTEs ending in `capacity`: one row per instance (database_name null) and per database of its latest
 * reading, with the size, the effective limit and the forecast to it — the whole fleet (or the filtered part) in one
 * statement. The fit: y = a + b·x over the last `points` daily readings, x in days before the latest one (so `a` is
 * the fitted size on the latest day); s² = SSE / (n − 2); the 95 % prediction interval at x is
 * ŷ(x) ± t·s·√(1 + 1/n + (x − x̄)² / Sxx). Days to full: (L − a) / b. Its band: the x where ŷ(x) ± that half width
 * equals L, the roots of A·x² + B·x + C = 0 with k = t²s², A = b² − k/Sxx, B = 2b(a − L) + 2k·x̄/Sxx,
 * C = (a − L)² − k(1 + 1/n) − k·x̄²/Sxx: the smaller root is when the upper bound reaches L (early), the larger when the
 * lower bound does (late; none when A ≤ 0, the growth not significantly positive).
 */
export function capacityCtes(filter: CapacityFilter, points: number, params: SqlParams): string {
  const conditions: string[] = [];
  if (filter.ownerId !== undefined) conditions.push(`i.owner_id = ${params.add(filter.ownerId, '::int')}`);
  if (filter.instanceId !== undefined) conditions.push(`i.id = ${params.add(filter.instanceId, '::int')}`);
  if (filter.dbType) conditions.push(`i.db_type = ${params.add(filter.dbType)}`);
  if (filter.tag !== undefined) conditions.push(`${params.add(filter.tag, '::text')} = ANY(i.tags)`);
  const n = params.add(points, '::int');
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const parts: string[] = [];
  if (filter.level !== 'database') {
    parts.push(`SELECT s.*, f.* FROM (
        SELECT inst.id AS instance_id, NULL::varchar AS database_name, inst.last_date, inst.total_size_bytes::float8 AS size,
               inst.capacity_limit_bytes::float8 AS configured, eil.limit_bytes::float8 AS engine
        FROM inst LEFT JOIN engine_instance_limits eil ON eil.instance_id = inst.id
      ) s
      ${fitLateral('instance_size_stats', 'total_size_bytes', 'p.instance_id = s.instance_id', n)}`);
  }
  if (filter.level !== 'instance') {
    parts.push(`SELECT s.*, f.* FROM (
        SELECT inst.id AS instance_id, d.database_name, inst.last_date, d.size_bytes::float8 AS size,
               dcl.limit_bytes::float8 AS configured, edl.limit_bytes::float8 AS engine
        FROM inst
        JOIN database_size_stats d ON d.instance_id = inst.id AND d.collected_date = inst.last_date
        LEFT JOIN database_capacity_limits dcl ON dcl.instance_id = d.instance_id AND dcl.database_name = d.database_name
        LEFT JOIN engine_database_limits edl ON edl.instance_id = d.instance_id AND edl.database_name = d.database_name
      ) s
      ${fitLateral('database_size_stats', 'size_bytes', 'p.instance_id = s.instance_id AND p.database_name = s.database_name', n)}`);
  }
  const t = tQuantile975Sql('g.n - 2');
  return `
    inst AS (
      SELECT i.id, i.name, i.db_type, i.capacity_limit_bytes, ls.collected_date AS last_date, ls.total_size_bytes
      FROM instances i
      LEFT JOIN instance_latest_stats ls ON ls.instance_id = i.id
      ${where}
    ),
    fitted AS (${parts.join('\n      UNION ALL\n      ')}),
    limited AS (
      SELECT g.*, coalesce(g.configured, g.engine) AS lim,
             CASE WHEN g.configured IS NOT NULL THEN 'configured' WHEN g.engine IS NOT NULL THEN 'engine' END AS limit_source,
             CASE WHEN g.n > 2 THEN ${t} ^ 2 * greatest(g.syy - g.sxy * g.sxy / nullif(g.sxx, 0), 0) / (g.n - 2) END AS k
      FROM fitted g
    ),
    classified AS (
      SELECT l.*,
             CASE
               WHEN l.lim IS NOT NULL AND l.size >= l.lim THEN 'full'
               WHEN l.size IS NULL OR l.n < ${FORECAST_MIN_DAILY_POINTS} THEN 'not_enough_history'
               WHEN l.b <= 0 THEN 'not_growing'
               WHEN l.lim IS NULL THEN 'no_limit'
               ELSE 'ok'
             END AS status,
             l.b * l.b - l.k / l.sxx AS qa,
             2 * l.b * (l.a - l.lim) + 2 * l.k * l.xbar / l.sxx AS qb,
             (l.a - l.lim) ^ 2 - l.k * (1 + 1.0 / nullif(l.n, 0)) - l.k * l.xbar ^ 2 / l.sxx AS qc
      FROM limited l
    ),
    solved AS (
      SELECT c.*,
             CASE WHEN c.status = 'ok' THEN greatest((c.lim - c.a) / c.b, 0) WHEN c.status = 'full' THEN 0 END AS days,
             CASE
               WHEN c.status = 'full' THEN 0
               WHEN c.status <> 'ok' THEN NULL
               WHEN c.qb ^ 2 - 4 * c.qa * c.qc < 0 THEN 0
               WHEN c.qa = 0 THEN greatest(-c.qc / nullif(c.qb, 0), 0)
               ELSE greatest((-c.qb - sqrt(c.qb ^ 2 - 4 * c.qa * c.qc)) / (2 * c.qa), 0)
             END AS early,
             CASE
               WHEN c.status = 'full' THEN 0
               WHEN c.status = 'ok' AND c.qa > 0 THEN greatest((-c.qb + sqrt(greatest(c.qb ^ 2 - 4 * c.qa * c.qc, 0))) / (2 * c.qa), 0)
             END AS late
      FROM classified c
    ),
    capacity AS (
      SELECT v.instance_id, inst.name AS instance_name, inst.db_type, v.database_name,
             v.size::bigint AS size_bytes, to_char(v.last_date, 'YYYY-MM-DD') AS last_date, v.configured::bigint AS configured_limit_bytes, v.engine::bigint AS engine_limit_bytes,
             v.lim::bigint AS limit_bytes, v.limit_source,
             round((v.size * 100 / nullif(v.lim, 0))::numeric, 2)::float8 AS used_percent,
             v.n AS points,
             CASE WHEN v.n >= ${FORECAST_MIN_DAILY_POINTS} THEN round(v.b)::bigint END AS growth_bytes_per_day,
             round(v.days::numeric, 1)::float8 AS days_to_full,
             round(v.early::numeric, 1)::float8 AS days_to_full_early,
             round(v.late::numeric, 1)::float8 AS days_to_full_late,
             to_char(v.last_date + ceil(v.days)::int, 'YYYY-MM-DD') AS full_date,
             v.status
      FROM solved v
      JOIN inst ON inst.id = v.instance_id
    )`;
}

/** Sort key → SQL expression over `capacity` (the whitelist: nothing from the request reaches the SQL text). */
const SORT_COLUMNS: Record<CapacitySortKey, string> = {
  days_to_full: 'days_to_full',
  used_percent: 'used_percent',
  size: 'size_bytes',
  limit: 'limit_bytes',
  growth_per_day: 'growth_bytes_per_day',
  name: 'lower(instance_name) COLLATE "C", database_name COLLATE "C"',
};

export function capacityOrderSql(sort: CapacitySort): string {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as CapacitySortKey;
  const direction = descending ? 'DESC' : 'ASC';
  const expressions = SORT_COLUMNS[key].split(', ').map((expression) => `${expression} ${direction} NULLS LAST`);
  return `${expressions.join(', ')}, instance_id, database_name COLLATE "C" NULLS FIRST`;
}

/** The columns of a `capacity` row as it arrives from pg (bigint as text). */
export interface CapacityRow {
  instance_id: number;
  instance_name: string;
  db_type: DbType;
  database_name: string | null;
  size_bytes: string | null;
  last_date: string | null;
  configured_limit_bytes: string | null;
  engine_limit_bytes: string | null;
  limit_bytes: string | null;
  limit_source: 'configured' | 'engine' | null;
  used_percent: number | null;
  points: number;
  growth_bytes_per_day: string | null;
  days_to_full: number | null;
  days_to_full_early: number | null;
  days_to_full_late: number | null;
  full_date: string | null;
  status: 'ok' | 'not_enough_history' | 'not_growing' | 'no_limit' | 'full';
}
