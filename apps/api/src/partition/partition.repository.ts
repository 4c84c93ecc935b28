import { EXACT_COUNT_ROW_LIMIT, monthRange, STATS_TABLES, type StatsTable, type YearMonth } from '@capacity/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { defaultPartitionName, monthOfRange, parseRangeBound, PARTITION_KEYS, partitionName } from './partition-naming';

/** Advisory-lock class of the per-table partition DDL lock (two-key form: class, table index). */
const DDL_LOCK_CLASS = 7_364_200;
const SAFE_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export interface PartitionRow {
  table: StatsTable;
  name: string;
  isDefault: boolean;
  /** `YYYY-MM-DD` bounds, null for the default partition or bounds this module does not read. */
  rangeFrom: string | null;
  rangeTo: string | null;
  /** The month when the partition covers exactly one calendar month. */
  month: YearMonth | null;
  rowCount: number;
  rowCountEstimated: boolean;
  totalBytes: number;
}

export interface CreateMonthOutcome {
  table: StatsTable;
  name: string;
  month: YearMonth;
  created: boolean;
  /** Rows moved out of `<table>_default` into the new partition. */
  movedRows: number;
}

interface CatalogRow {
  parent: StatsTable;
  name: string;
  bound: string;
  row_count: string | null;
  estimated: boolean;
  total_bytes: string | null;
}

/** Everything that reads or changes the partitions of the statistics tables: the only partition DDL. */
@Injectable()
export class PartitionRepository {
  private readonly logger = new Logger(PartitionRepository.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Partitions of the given tables from the catalog, with bounds. With `measure`, each has its row count
   * (exact, or the planner estimate flagged for partitions over EXACT_COUNT_ROW_LIMIT rows) and
   * `pg_total_relation_size`; without, only names and bounds (cheap: one catalog query).
   */
  async listPartitions(tables: readonly StatsTable[] = STATS_TABLES, options: { measure: boolean } = { measure: true }): Promise<PartitionRow[]> {
    const measure = options.measure
      ? `CASE WHEN c.reltuples > $2 THEN c.reltuples::bigint
              ELSE (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text::bigint
         END AS row_count,
         c.reltuples > $2 AS estimated,
         pg_total_relation_size(c.oid) AS total_bytes`
      : `NULL::bigint AS row_count, false AS estimated, NULL::bigint AS total_bytes`;
    const rows: CatalogRow[] = await this.dataSource.query(
      `SELECT p.relname AS parent, c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound, ${measure}
       FROM pg_inherits i
       JOIN pg_class p ON p.oid = i.inhparent
       JOIN pg_class c ON c.oid = i.inhrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE p.relname = ANY($1) AND p.relnamespace = current_schema()::regnamespace
       ORDER BY p.relname, c.relname`,
      options.measure ? [tables, EXACT_COUNT_ROW_LIMIT] : [tables],
    );
    return rows.map(toPartitionRow);
  }

  /** Rows of `<table>_default` by month of the partition key (uses the key index; empty defaults cost nothing). */
  async defaultRowsByMonth(tables: readonly StatsTable[] = STATS_TABLES): Promise<{ table: StatsTable; month: YearMonth; rows: number }[]> {
    const parts = tables.map(
      (table, index) =>
        `SELECT $${index + 1}::text AS table_name, to_char(${quote(PARTITION_KEYS[table])}, 'YYYY-MM') AS month, count(*)::bigint AS rows
         FROM ${quote(defaultPartitionName(table))} GROUP BY 2`,
    );
    if (parts.length === 0) return [];
    const rows: { table_name: StatsTable; month: string; rows: string }[] = await this.dataSource.query(
      `${parts.join(' UNION ALL ')} ORDER BY 1, 2`,
      [...tables],
    );
    return rows.map((row) => ({ table: row.table_name, month: row.month, rows: Number(row.rows) }));
  }

  /**
   * Creates the month partition of `table` (its indexes follow from the partitioned indexes). Idempotent and
   * safe under concurrency: a per-table advisory transaction lock serialises creators, and an existing
   * partition is reported, not recreated. Rows of that month already in the default partition are moved into
   * the new partition in the same transaction (detach default, create, move, re-attach): none is lost.
   */
  async createMonthPartition(table: StatsTable, month: YearMonth): Promise<CreateMonthOutcome> {
    const name = partitionName(table, month);
    const { from, to } = monthRange(month);
    return this.dataSource.transaction(async (manager) => {
      await this.lockTable(manager, table);
      const state = await this.relationState(manager, table, name);
      if (state === 'partition') return { table, name, month, created: false, movedRows: 0 };
      if (state === 'other') throw new Error(`${name} exists but is not a partition of ${table}`);

      const key = quote(PARTITION_KEYS[table]);
      const defaultName = quote(defaultPartitionName(table));
      const [{ waiting }]: { waiting: string }[] = await manager.query(
        `SELECT count(*)::bigint AS waiting FROM ${defaultName} WHERE ${key} >= $1 AND ${key} < $2`,
        [from, to],
      );
      if (Number(waiting) === 0) {
        await manager.query(createPartitionSql(table, month));
        this.logger.log(`created partition ${name}`);
        return { table, name, month, created: true, movedRows: 0 };
      }

      const columns = (await this.columnsOf(manager, table)).map(quote).join(', ');
      await manager.query(`ALTER TABLE ${quote(table)} DETACH PARTITION ${defaultName}`);
      await manager.query(createPartitionSql(table, month));
      const [{ moved }]: { moved: string }[] = await manager.query(
        `WITH deleted AS (DELETE FROM ${defaultName} WHERE ${key} >= $1 AND ${key} < $2 RETURNING ${columns}),
              inserted AS (INSERT INTO ${quote(name)} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${columns} FROM deleted RETURNING 1)
         SELECT count(*)::bigint AS moved FROM inserted`,
        [from, to],
      );
      const movedRows = Number(moved);
      await manager.query(`ALTER TABLE ${quote(table)} ATTACH PARTITION ${defaultName} DEFAULT`);
      if (movedRows !== Number(waiting)) {
        throw new Error(`${name}: moved ${movedRows} rows out of ${defaultPartitionName(table)}, expected ${waiting}; rolled back`);
      }
      this.logger.log(`created partition ${name} and moved ${movedRows} row(s) out of ${defaultPartitionName(table)}`);
      return { table, name, month, created: true, movedRows };
    });
  }

  /** Detaches and drops the month partition of `table`; false when it does not exist. */
  async dropMonthPartition(table: StatsTable, month: YearMonth): Promise<boolean> {
    const name = partitionName(table, month);
    return this.dataSource.transaction(async (manager) => {
      await this.lockTable(manager, table);
      const state = await this.relationState(manager, table, name);
      if (state === 'missing') return false;
      if (state === 'other') throw new Error(`${name} exists but is not a partition of ${table}: not dropped`);
      await manager.query(`ALTER TABLE ${quote(table)} DETACH PARTITION ${quote(name)}`);
      await manager.query(`DROP TABLE ${quote(name)}`);
      // Statement triggers keep the kept fleet figures; a dropped partition they do not see.
      const { from, to } = monthRange(month);
      await manager.query('SELECT refresh_partition_kept_figures($1, $2, $3)', [table, from, to]);
      this.logger.log(`dropped partition ${name}`);
      return true;
    });
  }

  private async lockTable(manager: EntityManager, table: StatsTable): Promise<void> {
    await manager.query(`SET LOCAL lock_timeout = '60s'`);
    await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [DDL_LOCK_CLASS, STATS_TABLES.indexOf(table)]);
  }

  private async relationState(manager: EntityManager, table: StatsTable, name: string): Promise<'missing' | 'partition' | 'other'> {
    const rows: { attached: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid AND i.inhparent = $2::regclass) AS attached
       FROM pg_class c WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace`,
      [name, table],
    );
    if (rows.length === 0) return 'missing';
    return rows[0].attached ? 'partition' : 'other';
  }

  private async columnsOf(manager: EntityManager, table: StatsTable): Promise<string[]> {
    const rows: { attname: string }[] = await manager.query(
      `SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
      [table],
    );
    return rows.map((row) => row.attname);
  }
}

/** DDL for one monthly partition; names come only from the whitelist of statistics tables. */
export function createPartitionSql(table: StatsTable, month: YearMonth): string {
  const { from, to } = monthRange(month);
  return `CREATE TABLE IF NOT EXISTS ${quote(partitionName(table, month))} PARTITION OF ${quote(table)} FOR VALUES FROM ('${from}') TO ('${to}')`;
}

/** Double-quotes an identifier that comes from the whitelist or the catalog (refuses anything unusual). */
function quote(identifier: string): string {
  if (!SAFE_IDENTIFIER.test(identifier)) throw new Error(`refusing unexpected identifier ${JSON.stringify(identifier)}`);
  return `"${identifier}"`;
}

function toPartitionRow(row: CatalogRow): PartitionRow {
  const bound = parseRangeBound(row.bound);
  const isDefault = bound?.isDefault === true;
  const rangeFrom = bound && !bound.isDefault ? bound.from : null;
  const rangeTo = bound && !bound.isDefault ? bound.to : null;
  return {
    table: row.parent,
    name: row.name,
    isDefault,
    rangeFrom,
    rangeTo,
    month: rangeFrom && rangeTo ? monthOfRange(rangeFrom, rangeTo) : null,
    rowCount: Number(row.row_count ?? 0),
    rowCountEstimated: row.estimated,
    totalBytes: Number(row.total_bytes ?? 0),
  };
}
