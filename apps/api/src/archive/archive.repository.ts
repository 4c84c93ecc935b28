import { type ArchiveState, firstDayOf, monthRange, type StatsTable, type YearMonth } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { PARTITION_KEYS, partitionName } from '../partition/partition-naming';
import { ARCHIVE_COLUMNS, pgType, sumColumns } from './archive-columns';
import type { TextRow } from './parquet-store.repository';

/** Rows fetched from the export cursor per round trip. */
const FETCH_ROWS = 10_000;
const SAFE_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export interface ManifestRow {
  id: number;
  table: StatsTable;
  month: YearMonth;
  state: ArchiveState;
  files: string[];
  rowCount: number | null;
  sums: Record<string, string> | null;
  pgBytesBefore: number | null;
  parquetBytes: number | null;
  errorMessage: string | null;
  createdAt: Date;
  updatedAt: Date;
  exportedAt: Date | null;
  verifiedAt: Date | null;
  droppedAt: Date | null;
  restoredAt: Date | null;
}

export interface PartitionStats {
  rows: number;
  sums: Record<string, string>;
  totalBytes: number;
}

interface RawManifestRow {
  id: number;
  table_name: StatsTable;
  month: YearMonth;
  state: ArchiveState;
  files: string[];
  row_count: string | null;
  sums: Record<string, string> | null;
  pg_bytes_before: string | null;
  parquet_bytes: string | null;
  error_message: string | null;
  created_at: Date;
  updated_at: Date;
  exported_at: Date | null;
  verified_at: Date | null;
  dropped_at: Date | null;
  restored_at: Date | null;
}

// `month` is a date column holding the month's first day: read back as 'YYYY-MM', bound as firstDayOf(month).
const MANIFEST_COLUMNS = `id, table_name, to_char(month, 'YYYY-MM') AS month, state, files, row_count, sums, pg_bytes_before,
  parquet_bytes, error_message, created_at, updated_at, exported_at, verified_at, dropped_at, restored_at`;

function quote(identifier: string): string {
  if (!SAFE_IDENTIFIER.test(identifier)) throw new Error(`refusing unexpected identifier ${JSON.stringify(identifier)}`);
  return `"${identifier}"`;
}

const numberOrNull = (value: string | null): number | null => (value === null ? null : Number(value));

function toManifestRow(row: RawManifestRow): ManifestRow {
  return {
    id: row.id,
    table: row.table_name,
    month: row.month,
    state: row.state,
    files: row.files,
    rowCount: numberOrNull(row.row_count),
    sums: row.sums,
    pgBytesBefore: numberOrNull(row.pg_bytes_before),
    parquetBytes: numberOrNull(row.parquet_bytes),
    errorMessage: row.error_message,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    exportedAt: row.exported_at,
    verifiedAt: row.verified_at,
    droppedAt: row.dropped_at,
    restoredAt: row.restored_at,
  };
}

/** The PostgreSQL side of the cold tier: `archive_manifest`, partition figures, the export cursor, the restore load. */
@Injectable()
export class ArchiveRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findManifest(table: StatsTable, month: YearMonth): Promise<ManifestRow | null> {
    const rows: RawManifestRow[] = await this.dataSource.query(
      `SELECT ${MANIFEST_COLUMNS} FROM archive_manifest WHERE table_name = $1 AND month = $2`,
      [table, firstDayOf(month)],
    );
    return rows.length > 0 ? toManifestRow(rows[0]) : null;
  }

  async listManifest(): Promise<ManifestRow[]> {
    const rows: RawManifestRow[] = await this.dataSource.query(
      `SELECT ${MANIFEST_COLUMNS} FROM archive_manifest ORDER BY table_name, month`,
    );
    return rows.map(toManifestRow);
  }

  /** Starts (or restarts) an export: the entry goes back to `exporting` with no files and no figures. */
  async beginExport(table: StatsTable, month: YearMonth): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO archive_manifest (table_name, month, state) VALUES ($1, $2, 'exporting')
       ON CONFLICT (table_name, month) DO UPDATE SET state = 'exporting', files = '[]', row_count = NULL, sums = NULL,
         pg_bytes_before = NULL, parquet_bytes = NULL, error_message = NULL, exported_at = NULL, verified_at = NULL,
         dropped_at = NULL, restored_at = NULL, updated_at = now()`,
      [table, firstDayOf(month)],
    );
  }

  async markExported(table: StatsTable, month: YearMonth, figures: { files: string[]; stats: PartitionStats; parquetBytes: number }): Promise<void> {
    await this.dataSource.query(
      `UPDATE archive_manifest SET state = 'exported', files = $3::jsonb, row_count = $4, sums = $5::jsonb, pg_bytes_before = $6,
         parquet_bytes = $7, error_message = NULL, exported_at = now(), updated_at = now()
       WHERE table_name = $1 AND month = $2 AND state = 'exporting'`,
      [table, firstDayOf(month), JSON.stringify(figures.files), figures.stats.rows, JSON.stringify(figures.stats.sums),
        figures.stats.totalBytes, figures.parquetBytes],
    );
  }

  async markVerified(table: StatsTable, month: YearMonth): Promise<void> {
    await this.setState(table, month, 'exported', 'verified', 'verified_at');
  }

  async markDropped(table: StatsTable, month: YearMonth): Promise<void> {
    await this.setState(table, month, 'verified', 'dropped', 'dropped_at');
  }

  /** Records the error; only an unverified export becomes `failed` (a verified or dropped archive keeps its state). */
  async markFailed(table: StatsTable, month: YearMonth, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE archive_manifest SET error_message = $3, updated_at = now(),
         state = CASE WHEN state IN ('exporting', 'exported') THEN 'failed' ELSE state END
       WHERE table_name = $1 AND month = $2`,
      [table, firstDayOf(month), error],
    );
  }

  private async setState(table: StatsTable, month: YearMonth, from: ArchiveState, to: ArchiveState, stamp: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE archive_manifest SET state = $4, ${quote(stamp)} = now(), updated_at = now()
       WHERE table_name = $1 AND month = $2 AND state = $3`,
      [table, firstDayOf(month), from, to],
    );
  }

  /**
   * Months of `table` served from the cold tier within [from, to]: state `dropped`, or `verified` whose partition is
   * already gone (a run stopped between the drop and its bookkeeping: the rows are only in the files).
   */
  async coldMonths(table: StatsTable, from: string, to: string): Promise<{ month: YearMonth; files: string[] }[]> {
    return this.dataSource.query(
      `SELECT to_char(m.month, 'YYYY-MM') AS month, m.files
       FROM archive_manifest m
       WHERE m.table_name = $1 AND m.month >= date_trunc('month', $2::date) AND m.month <= $3::date
         AND (m.state = 'dropped'
              OR (m.state = 'verified' AND to_regclass(format('%I', m.table_name || '_' || to_char(m.month, 'YYYY_MM'))) IS NULL))
       ORDER BY m.month`,
      [table, from, to],
    );
  }

  async partitionExists(table: StatsTable, month: YearMonth, manager?: EntityManager): Promise<boolean> {
    const [{ present }]: { present: boolean }[] = await (manager ?? this.dataSource).query(
      `SELECT EXISTS (
         SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = $1::regclass AND c.relname = $2) AS present`,
      [table, partitionName(table, month)],
    );
    return present;
  }

  /** Row count, bigint sums and total bytes of the month partition (null when it does not exist). */
  async partitionStats(table: StatsTable, month: YearMonth, manager?: EntityManager): Promise<PartitionStats | null> {
    const runner = manager ?? this.dataSource;
    if (!(await this.partitionExists(table, month, manager))) return null;
    const name = quote(partitionName(table, month));
    const sums = sumColumns(table);
    const [row]: Record<string, string>[] = await runner.query(
      `SELECT count(*)::text AS row_count, pg_total_relation_size('${name}'::regclass)::text AS total_bytes,
              ${sums.map((column) => `coalesce(sum(${quote(column)}), 0)::text AS ${quote(column)}`).join(', ')}
       FROM ${name}`,
    );
    return {
      rows: Number(row.row_count),
      totalBytes: Number(row.total_bytes),
      sums: Object.fromEntries(sums.map((column) => [column, row[column]])),
    };
  }

  /**
   * Streams the month partition as text rows (ARCHIVE_COLUMNS order) through a server-side cursor, FETCH_ROWS at a
   * time, inside one REPEATABLE READ snapshot that also yields the partition's figures: what is written is exactly
   * what was counted. Writes to the partition wait until the export ends (SHARE lock).
   */
  async exportPartition(
    table: StatsTable,
    month: YearMonth,
    consume: (stats: PartitionStats, batches: AsyncIterable<TextRow[]>) => Promise<void>,
  ): Promise<void> {
    const name = quote(partitionName(table, month));
    const columns = ARCHIVE_COLUMNS[table].map((column) => `${quote(column.name)}::text`).join(', ');
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await client.query(`SET LOCAL TIME ZONE 'UTC'`);
      await client.query(`SET LOCAL DateStyle = 'ISO, YMD'`);
      await client.query(`LOCK TABLE ${name} IN SHARE MODE`);
      const stats = await this.partitionStats(table, month, runner.manager);
      if (!stats) throw new Error(`partition ${partitionName(table, month)} does not exist`);
      await client.query(`DECLARE archive_export NO SCROLL CURSOR FOR SELECT ${columns} FROM ${name}`);
      async function* batches(): AsyncIterable<TextRow[]> {
        for (;;) {
          const result = await client.query<TextRow>({ text: `FETCH ${FETCH_ROWS} FROM archive_export`, rowMode: 'array' });
          if (result.rows.length === 0) return;
          yield result.rows;
        }
      }
      await consume(stats, batches());
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * Loads rows (text, ARCHIVE_COLUMNS order) into the existing month partition in one transaction, checks the
   * partition's figures against `expected`, and marks the manifest entry `restored` in the same transaction:
   * the rows are either hot (restored) or cold (still `dropped`), never both.
   */
  async loadPartition(
    table: StatsTable,
    month: YearMonth,
    fill: (insert: (rows: TextRow[]) => Promise<void>) => Promise<void>,
    expected: { rows: number; sums: Record<string, string> },
  ): Promise<PartitionStats> {
    const name = quote(partitionName(table, month));
    const columns = ARCHIVE_COLUMNS[table];
    const insertSql = `INSERT INTO ${name} (${columns.map((c) => quote(c.name)).join(', ')}) OVERRIDING SYSTEM VALUE
      SELECT ${columns.map((c, index) => `t.c${index}::${pgType(c.kind)}`).join(', ')}
      FROM unnest(${columns.map((_, index) => `$${index + 1}::text[]`).join(', ')}) AS t(${columns.map((_, index) => `c${index}`).join(', ')})`;
    return this.dataSource.transaction(async (manager) => {
      const [{ present }]: { present: number }[] = await manager.query(`SELECT count(*)::int AS present FROM ${name}`);
      if (present > 0) throw new Error(`partition ${partitionName(table, month)} already holds ${present} row(s)`);
      await fill(async (rows) => {
        await manager.query(insertSql, columns.map((_, index) => rows.map((row) => row[index])));
      });
      const stats = await this.partitionStats(table, month, manager);
      if (!stats) throw new Error(`partition ${partitionName(table, month)} disappeared during the restore`);
      const mismatch = describeMismatch(expected, stats);
      if (mismatch) throw new Error(`restored ${partitionName(table, month)} does not match the manifest: ${mismatch}`);
      // Rows written into the partition itself: the statement triggers of the kept fleet figures did not see them.
      const { from, to } = monthRange(month);
      await manager.query('SELECT refresh_partition_kept_figures($1, $2, $3)', [table, from, to]);
      await manager.query(
        `UPDATE archive_manifest SET state = 'restored', restored_at = now(), updated_at = now()
         WHERE table_name = $1 AND month = $2`,
        [table, firstDayOf(month)],
      );
      return stats;
    });
  }

  /** Row count of the month in the parent table (any partition, incl. default): used by the checks of the specs/bench. */
  async countMonth(table: StatsTable, month: YearMonth): Promise<number> {
    const key = quote(PARTITION_KEYS[table]);
    const { from, to } = monthRange(month);
    const [{ rows }]: { rows: string }[] = await this.dataSource.query(
      `SELECT count(*)::text AS rows FROM ${quote(table)} WHERE ${key} >= $1 AND ${key} < $2`,
      [from, to],
    );
    return Number(rows);
  }
}

/** Null when the figures agree, else what differs. */
export function describeMismatch(expected: { rows: number; sums: Record<string, string> }, actual: { rows: number; sums: Record<string, string> }): string | null {
  const problems: string[] = [];
  if (expected.rows !== actual.rows) problems.push(`rows ${actual.rows} != ${expected.rows}`);
  for (const [column, sum] of Object.entries(expected.sums)) {
    if (actual.sums[column] !== sum) problems.push(`sum(${column}) ${actual.sums[column]} != ${sum}`);
  }
  return problems.length > 0 ? problems.join(', ') : null;
}
