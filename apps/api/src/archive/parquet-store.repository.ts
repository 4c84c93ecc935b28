import type { StatsTable, YearMonth } from '@capacity/contracts';
import { DuckDBDataChunk, INTEGER, LIST, listValue, VARCHAR, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UnavailableError } from '../common/domain-errors';
import { errorMessage } from '../common/error-message';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PARTITION_KEYS } from '../partition/partition-naming';
import type { ColdRowFilter } from '../history/cold-tier.port';
import { absentColumn, ARCHIVE_COLUMNS, coldConverter, coldSelectExpression, duckType, hasColumn, sortColumns, sumColumns } from './archive-columns';
import { monthDirectory, partFileName, sqlStringLiteral, temporaryName } from './archive-paths';
import { DuckDbService } from './duckdb.service';

/** Rows per Parquet part: bounds what the staging table holds before it is written out. */
export const PART_ROWS = 1_000_000;
/**
 * Rows per Parquet row group: small enough that a one-instance query skips most of a month (measured: smaller groups
 * cost more in per-group overhead than they save). Parquet V2 encodings (delta for sorted ids, dates, timestamps)
 * shrink the files several times over V1 at no read cost.
 */
const ROW_GROUP_SIZE = 16_384;
/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;

export type TextRow = (string | null)[];

export interface ParquetStats {
  rows: number;
  /** Column → exact sum as a decimal string ('0' when the column is all null). */
  sums: Record<string, string>;
}

export interface WrittenMonth {
  /** Paths relative to ARCHIVE_DIR. */
  files: string[];
  rows: number;
  bytes: number;
}

const quote = (name: string): string => `"${name}"`;

/** The Parquet side of the cold tier: writes a month, reads it back (stats, filtered rows, all rows). */
@Injectable()
export class ParquetStore {
  private readonly logger = new Logger(ParquetStore.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly duckdb: DuckDbService,
  ) {}

  absolute(file: string): string {
    return join(this.config.archiveDir, file);
  }

  /** Removes every file of the month (a redo starts from scratch). */
  async clearMonth(table: StatsTable, month: YearMonth): Promise<void> {
    await rm(join(this.config.archiveDir, monthDirectory(table, month)), { recursive: true, force: true });
  }

  /** Files of the month present on disk (relative), for diagnostics. */
  async listMonth(table: StatsTable, month: YearMonth): Promise<string[]> {
    const directory = monthDirectory(table, month);
    const names = await readdir(join(this.config.archiveDir, directory)).catch(() => [] as string[]);
    return names.filter((name) => name.endsWith('.parquet')).sort().map((name) => join(directory, name));
  }

  /**
   * Writes the batches (text columns in ARCHIVE_COLUMNS order) as `part-<n>.parquet` files, ZSTD, sorted by
   * instance. Each part is written under a temporary name and renamed into place. Memory is bounded by PART_ROWS.
   */
  async writeMonth(table: StatsTable, month: YearMonth, batches: AsyncIterable<TextRow[]>): Promise<WrittenMonth> {
    const directory = monthDirectory(table, month);
    await this.clearMonth(table, month);
    await mkdir(join(this.config.archiveDir, directory), { recursive: true });
    const columns = ARCHIVE_COLUMNS[table];
    const token = randomBytes(4).toString('hex');
    const raw = `raw_${token}`;
    const typed = `typed_${token}`;
    const files: string[] = [];
    let total = 0;
    let bytes = 0;

    return this.duckdb.withConnection(async (connection) => {
      await connection.run(`CREATE TABLE ${raw} (${columns.map((c) => `${quote(c.name)} VARCHAR`).join(', ')})`);
      await connection.run(`CREATE TABLE ${typed} (${columns.map((c) => `${quote(c.name)} ${duckType(c.kind)}`).join(', ')})`);
      const castSelect = columns.map((c) => `CAST(${quote(c.name)} AS ${duckType(c.kind)})`).join(', ');
      const varcharTypes: DuckDBType[] = columns.map(() => VARCHAR);
      let staged = 0;
      const flush = async (): Promise<void> => {
        const name = partFileName(files.length);
        const finalPath = join(this.config.archiveDir, directory, name);
        const temporaryPath = join(this.config.archiveDir, directory, temporaryName(name, token));
        await connection.run(
          `COPY (SELECT * FROM ${typed} ORDER BY ${sortColumns(table).map(quote).join(', ')}) TO ${sqlStringLiteral(temporaryPath)}
           (FORMAT parquet, COMPRESSION zstd, PARQUET_VERSION V2, ROW_GROUP_SIZE ${ROW_GROUP_SIZE})`,
        );
        await rename(temporaryPath, finalPath);
        bytes += (await stat(finalPath)).size;
        files.push(join(directory, name));
        await connection.run(`DELETE FROM ${typed}`);
        staged = 0;
      };
      try {
        for await (const batch of batches) {
          const appender = await connection.createAppender(raw);
          for (let offset = 0; offset < batch.length; offset += CHUNK_ROWS) {
            const rows = batch.slice(offset, offset + CHUNK_ROWS);
            const chunk = DuckDBDataChunk.create(varcharTypes, rows.length);
            chunk.setRows(rows as DuckDBValue[][]);
            appender.appendDataChunk(chunk);
          }
          appender.closeSync();
          await connection.run(`INSERT INTO ${typed} SELECT ${castSelect} FROM ${raw}`);
          await connection.run(`DELETE FROM ${raw}`);
          staged += batch.length;
          total += batch.length;
          if (staged >= PART_ROWS) await flush();
        }
        if (staged > 0 || files.length === 0) await flush();
      } finally {
        await connection.run(`DROP TABLE IF EXISTS ${raw}`).catch(() => undefined);
        await connection.run(`DROP TABLE IF EXISTS ${typed}`).catch(() => undefined);
      }
      this.logger.log(`wrote ${total} rows of ${table} ${directory} in ${files.length} file(s), ${bytes} bytes`);
      return { files, rows: total, bytes };
    });
  }

  /** Row count and the sum of every bigint column, read back from the files. */
  async readStats(table: StatsTable, files: string[]): Promise<ParquetStats> {
    const sums = sumColumns(table);
    const sql = `SELECT count(*)::VARCHAR AS row_count, ${sums.map((name) => `coalesce(sum(${quote(name)}), 0)::VARCHAR AS ${quote(name)}`).join(', ')}
                 FROM read_parquet($1)`;
    const [row] = await this.query(files, sql, [], []);
    return {
      rows: Number(row.row_count),
      sums: Object.fromEntries(sums.map((name) => [name, String(row[name])])),
    };
  }

  /** Rows of the files matching the filter, shaped as the hot path shows them (see coldSelectExpression). */
  async readRows(table: StatsTable, files: string[], filter: ColdRowFilter): Promise<Record<string, unknown>[]> {
    const key = quote(PARTITION_KEYS[table]);
    const where = [`${key} BETWEEN CAST($2 AS DATE) AND CAST($3 AS DATE)`];
    const values: DuckDBValue[] = [filter.from, filter.to];
    const types: DuckDBType[] = [VARCHAR, VARCHAR];
    if (filter.instanceIds) {
      if (filter.instanceIds.length === 0) return [];
      const placeholders = filter.instanceIds.map((id) => {
        values.push(id);
        types.push(INTEGER);
        return `$${values.length + 1}`;
      });
      where.push(`instance_id IN (${placeholders.join(', ')})`);
    }
    if (filter.databaseName !== undefined && hasColumn(table, 'database_name')) {
      values.push(filter.databaseName);
      types.push(VARCHAR);
      where.push(`database_name = $${values.length + 1}`);
    }
    if (filter.periodType !== undefined && hasColumn(table, 'period_type')) {
      values.push(filter.periodType);
      types.push(VARCHAR);
      where.push(`period_type = $${values.length + 1}`);
    }
    // Only whitelisted column names reach the SQL: the requested ones are picked from the table's own list.
    const requested = filter.columns;
    const columns = requested ? ARCHIVE_COLUMNS[table].filter((column) => requested.includes(column.name)) : ARCHIVE_COLUMNS[table];
    return this.withReadErrors(files, async (connection) => {
      const present = await this.columnsInFiles(connection, files);
      const select = columns.map((column) => (present.has(column.name) ? coldSelectExpression(column) : absentColumn(column)));
      const sql = `SELECT ${select.join(', ')}
                   FROM read_parquet($1, union_by_name = true) WHERE ${where.join(' AND ')}
                   ORDER BY ${[PARTITION_KEYS[table], ...sortColumns(table).filter((name) => name !== PARTITION_KEYS[table])].map(quote).join(', ')}`;
      // Columnar read and one object per row: much cheaper than converting value by value to row objects.
      const reader = await connection.runAndReadAll(sql, [this.fileList(files), ...values], [LIST(VARCHAR), ...types]);
      const data = reader.getColumns();
      const convert = columns.map((column) => coldConverter(column.kind));
      const rows: Record<string, unknown>[] = [];
      for (let index = 0; index < reader.currentRowCount; index++) {
        const row: Record<string, unknown> = {};
        for (let position = 0; position < columns.length; position++) {
          row[columns[position].name] = convert[position](data[position][index]);
        }
        rows.push(row);
      }
      return rows;
    });
  }

  /** Every row of the files as PostgreSQL-readable text, in batches (restore). */
  async streamText(table: StatsTable, files: string[], sink: (rows: TextRow[]) => Promise<void>): Promise<number> {
    await this.assertPresent(files);
    return this.duckdb.withConnection(async (connection) => {
      try {
        const present = await this.columnsInFiles(connection, files);
        const select = ARCHIVE_COLUMNS[table].map((c) => (present.has(c.name) ? `CAST(${quote(c.name)} AS VARCHAR)` : `CAST(NULL AS VARCHAR)`)).join(', ');
        const result = await connection.stream(`SELECT ${select} FROM read_parquet($1, union_by_name = true)`, [this.fileList(files)], [LIST(VARCHAR)]);
        let total = 0;
        for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
          const rows = chunk.getRows() as TextRow[];
          total += rows.length;
          await sink(rows);
        }
        return total;
      } catch (error) {
        throw await this.unavailable(connection, files, error);
      }
    });
  }

  async totalBytes(files: string[]): Promise<number> {
    let bytes = 0;
    for (const file of files) bytes += (await stat(this.absolute(file))).size;
    return bytes;
  }

  /**
   * The columns the files hold: a column added to the table after a month was archived (e.g. `size_source`) is absent
   * from its files and read as NULL, as PostgreSQL shows it for rows written before the column existed.
   */
  private async columnsInFiles(connection: DuckDBConnection, files: string[]): Promise<Set<string>> {
    const reader = await connection.runAndReadAll('SELECT DISTINCT name FROM parquet_schema($1)', [this.fileList(files)], [LIST(VARCHAR)]);
    return new Set(reader.getRows().map(([name]) => String(name)));
  }

  private fileList(files: string[]): DuckDBValue {
    return listValue(files.map((file) => this.absolute(file)));
  }

  private async query(files: string[], sql: string, values: DuckDBValue[], types: DuckDBType[]): Promise<Record<string, unknown>[]> {
    return this.withReadErrors(files, async (connection) => {
      const reader = await connection.runAndReadAll(sql, [this.fileList(files), ...values], [LIST(VARCHAR), ...types]);
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    });
  }

  /** Runs a read over the files; a missing or unreadable file becomes a 503 naming it. */
  private async withReadErrors<T>(files: string[], read: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    await this.assertPresent(files);
    return this.duckdb.withConnection(async (connection) => {
      try {
        return await read(connection);
      } catch (error) {
        throw await this.unavailable(connection, files, error);
      }
    });
  }

  private async assertPresent(files: string[]): Promise<void> {
    for (const file of files) {
      const present = await stat(this.absolute(file)).then((s) => s.isFile()).catch(() => false);
      if (!present) throw new UnavailableError(`cold tier file ${this.absolute(file)} is missing`);
    }
  }

  /** Names the first file DuckDB cannot read, so the error says which one. */
  private async unavailable(connection: DuckDBConnection, files: string[], error: unknown): Promise<Error> {
    const reason = errorMessage(error);
    for (const file of files) {
      try {
        await connection.run(`SELECT * FROM read_parquet(${sqlStringLiteral(this.absolute(file))})`);
      } catch (probe) {
        this.logger.error(`cold tier file ${this.absolute(file)} is unreadable: ${errorMessage(probe)}`);
        return new UnavailableError(`cold tier file ${this.absolute(file)} is unreadable: ${errorMessage(probe)}`);
      }
    }
    // Every file reads on its own: the failure is not about a file (e.g. a bad query), not a 503.
    this.logger.error(`cold tier query over ${files.length} file(s) failed: ${reason}`);
    return error instanceof Error ? error : new Error(reason);
  }
}
