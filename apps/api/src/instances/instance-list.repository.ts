import type { DbType, InstanceResponse, InstanceSort, InstanceSortKey, InstanceStatusFilter } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { containsPattern } from '../common/like-pattern';
import { cursorQuery } from '../database/cursor-query';

/** An instance row with its latest size reading, its growth and its latest capacity collection. */
export interface InstanceRow
  extends Omit<
    InstanceResponse,
    | 'created_at'
    | 'updated_at'
    | 'latest_total_size_bytes'
    | 'latest_total_size_mb'
    | 'growth_7d_bytes'
    | 'growth_7d_percent'
    | 'growth_30d_bytes'
    | 'growth_30d_percent'
    | 'last_collected_at'
    | 'capacity_limit_bytes'
  > {
  created_at: Date;
  updated_at: Date;
  // bigint and numeric columns arrive as text
  latest_total_size_bytes: string | null;
  growth_7d_bytes: string | null;
  growth_7d_percent: string | null;
  growth_30d_bytes: string | null;
  growth_30d_percent: string | null;
  last_collected_at: Date | null;
  capacity_limit_bytes: string | null;
}

export interface InstanceListFilter {
  /** Only instances of this owner (a viewer); undefined = all. */
  ownerId?: number;
  dbType?: DbType;
  /** Case-insensitive substring of the name or the host. */
  search?: string;
  isActive?: boolean;
  tag?: string;
  zone?: string;
  status?: InstanceStatusFilter;
}

/**
 * The per-instance facts a list can sort or filter by, each a LEFT JOIN over `i` (instances), in dependency order:
 * `s` the newest reading and `w30` the newest known total 30 or more days before it, both from the kept
 * instance_latest_stats (one row per instance, kept by the writes: no probe of every monthly partition);
 * `w7` the newest known total 7 or more days before the newest reading, `r` the newest capacity collection record.
 * Each is one index probe per instance.
 */
const JOINS = {
  s: `LEFT JOIN instance_latest_stats s ON s.instance_id = i.id`,
  w7: baseJoin('w7', 7),
  w30: `LEFT JOIN LATERAL (SELECT s.base_total_size_bytes AS total_size_bytes) w30 ON true`,
  r: `LEFT JOIN LATERAL (
    SELECT rec.status, coalesce(rec.completed_at, rec.started_at, rec.created_at) AS at
    FROM sync_instance_records rec
    JOIN sync_sessions ses ON ses.session_id = rec.session_id
    WHERE rec.instance_id = i.id AND ses.sync_category = 'capacity'
    ORDER BY rec.id DESC
    LIMIT 1
  ) r ON true`,
} as const;
type Join = keyof typeof JOINS;

function baseJoin(alias: string, days: number): string {
  return `LEFT JOIN LATERAL (
    SELECT b.total_size_bytes
    FROM instance_size_stats b
    WHERE b.instance_id = i.id AND b.collected_date <= s.collected_date - ${days} AND b.total_size_bytes IS NOT NULL
    ORDER BY b.collected_date DESC
    LIMIT 1
  ) ${alias} ON true`;
}

const growthBytes = (base: 'w7' | 'w30') => `(s.total_size_bytes - ${base}.total_size_bytes)`;
const growthPercent = (base: 'w7' | 'w30') => `round(${growthBytes(base)} * 100.0 / nullif(${base}.total_size_bytes, 0), 2)`;

/** Sort key → SQL expression and the joins it reads (the whitelist: nothing from the request reaches the SQL text). */
const SORT_COLUMNS: Record<InstanceSortKey, { expression: string; joins: Join[] }> = {
  name: { expression: 'lower(i.name) COLLATE "C"', joins: [] },
  db_type: { expression: 'i.db_type COLLATE "C"', joins: [] },
  size: { expression: 's.total_size_bytes', joins: ['s'] },
  growth_7d: { expression: growthBytes('w7'), joins: ['s', 'w7'] },
  growth_7d_percent: { expression: growthPercent('w7'), joins: ['s', 'w7'] },
  growth_30d: { expression: growthBytes('w30'), joins: ['s', 'w30'] },
  growth_30d_percent: { expression: growthPercent('w30'), joins: ['s', 'w30'] },
  database_count: { expression: 's.database_count', joins: ['s'] },
  last_collected_at: { expression: 'r.at', joins: ['r'] },
  last_status: { expression: 'r.status COLLATE "C"', joins: ['r'] },
};

const STATUS_CONDITIONS: Record<InstanceStatusFilter, string> = {
  completed: `r.status = 'completed'`,
  failed: `r.status = 'failed'`,
  never: 'r.status IS NULL',
};

/** The whole row of an instance, for the instances `i` of a FROM that has every join. */
const ROW_COLUMNS = `i.id, i.name, i.db_type, i.host, i.port, i.username, i.database_name, i.is_active, i.tags, i.owner_id,
  i.description, i.zone, (i.password_encrypted IS NOT NULL) AS has_password, i.created_at, i.updated_at,
  s.total_size_bytes AS latest_total_size_bytes, s.database_count,
  ${growthBytes('w7')} AS growth_7d_bytes, ${growthPercent('w7')} AS growth_7d_percent,
  ${growthBytes('w30')} AS growth_30d_bytes, ${growthPercent('w30')} AS growth_30d_percent,
  r.at AS last_collected_at, r.status AS last_collection_status, i.capacity_limit_bytes`;

const ALL_JOINS = Object.values(JOINS).join('\n');

/** One instance row by id (the detail and the answer of a write). */
export const INSTANCE_ROW_BY_ID = `SELECT ${ROW_COLUMNS} FROM instances i ${ALL_JOINS} WHERE i.id = $1`;

/** Bind parameters in order; `add` returns the placeholder of a value. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ''): string {
    return `$${this.values.push(value)}${cast}`;
  }
}

interface Selection {
  joins: Join[];
  conditions: string[];
}

function selection(filter: InstanceListFilter, params: Params): Selection {
  const conditions: string[] = [];
  const joins: Join[] = [];
  if (filter.ownerId !== undefined) conditions.push(`i.owner_id = ${params.add(filter.ownerId, '::int')}`);
  if (filter.dbType) conditions.push(`i.db_type = ${params.add(filter.dbType)}`);
  if (filter.search) {
    const pattern = params.add(containsPattern(filter.search));
    conditions.push(`(i.name ILIKE ${pattern} OR i.host ILIKE ${pattern})`);
  }
  if (filter.isActive !== undefined) conditions.push(`i.is_active = ${params.add(filter.isActive, '::boolean')}`);
  if (filter.tag !== undefined) conditions.push(`${params.add(filter.tag, '::text')} = ANY(i.tags)`);
  if (filter.zone !== undefined) conditions.push(`i.zone = ${params.add(filter.zone, '::text')}`);
  if (filter.status) {
    joins.push('r');
    conditions.push(STATUS_CONDITIONS[filter.status]);
  }
  return { joins, conditions };
}

/** The joins named, each once, in dependency order. */
function joinsSql(needed: Join[]): string {
  return (Object.keys(JOINS) as Join[])
    .filter((join) => needed.includes(join))
    .map((join) => JOINS[join])
    .join('\n');
}

function whereSql(conditions: string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}

function orderSql(sort: InstanceSort): { order: string; joins: Join[] } {
  const descending = sort.startsWith('-');
  const column = SORT_COLUMNS[(descending ? sort.slice(1) : sort) as InstanceSortKey];
  return { order: `${column.expression} ${descending ? 'DESC' : 'ASC'} NULLS LAST, i.id`, joins: column.joins };
}

/**
 * The statement of a list: the matching ids are numbered in sort order reading only what the sort and the filters
 * need; then the rows of the ids kept (one page, or all) are read whole.
 */
export function listSql(filter: InstanceListFilter, sort: InstanceSort, page?: { limit: number; offset: number }): { text: string; values: unknown[] } {
  const params = new Params();
  const chosen = selection(filter, params);
  const { order, joins } = orderSql(sort);
  const limit = page ? `LIMIT ${params.add(page.limit, '::int')} OFFSET ${params.add(page.offset, '::int')}` : '';
  const text = `
    WITH listed AS (
      SELECT i.id, row_number() OVER (ORDER BY ${order}) AS position
      FROM instances i
      ${joinsSql([...chosen.joins, ...joins])}
      ${whereSql(chosen.conditions)}
      ORDER BY position
      ${limit}
    )
    SELECT ${ROW_COLUMNS}
    FROM listed l
    JOIN instances i ON i.id = l.id
    ${ALL_JOINS}
    ORDER BY l.position`;
  return { text, values: params.values };
}

export function countSql(filter: InstanceListFilter): { text: string; values: unknown[] } {
  const params = new Params();
  const chosen = selection(filter, params);
  return { text: `SELECT count(*)::int AS total FROM instances i ${joinsSql(chosen.joins)} ${whereSql(chosen.conditions)}`, values: params.values };
}

/** The instances list: one page sorted and filtered in SQL, or every matching row streamed (CSV). */
@Injectable()
export class InstanceListRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(filter: InstanceListFilter, sort: InstanceSort, page: { limit: number; offset: number }): Promise<{ rows: InstanceRow[]; total: number }> {
    const list = listSql(filter, sort, page);
    const count = countSql(filter);
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<InstanceRow[]>(list.text, list.values),
      this.dataSource.query<{ total: number }[]>(count.text, count.values),
    ]);
    return { rows, total };
  }

  /** Every matching row in sort order, one at a time from a cursor. */
  stream(filter: InstanceListFilter, sort: InstanceSort): AsyncGenerator<InstanceRow> {
    const list = listSql(filter, sort);
    return cursorQuery<InstanceRow>(this.dataSource, list.text, list.values);
  }
}
