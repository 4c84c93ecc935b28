import type { DbType, SizeSource } from '@capacity/contracts';
import type { ConnectionOptions } from './connections/connection-options';

export type { SizeSource };

/**
 * One database of an instance, sizes in bytes; null where the engine has no such notion. `sizeBytes` is null
 * (never 0) when the user cannot read the size: a warning of the result names the missing privilege.
 */
export interface CollectedDatabase {
  name: string;
  sizeBytes: number | null;
  dataSizeBytes: number | null;
  logSizeBytes: number | null;
  /** null exactly when sizeBytes is. */
  sizeSource: SizeSource | null;
}

/**
 * One of the largest tables of a database, bytes; a partitioned table rolled up to its root. `toastBytes` is null
 * where the engine reports no out-of-line storage (MySQL/MariaDB), `rowEstimate` where it has no statistics.
 */
export interface CollectedTable {
  database: string;
  schema: string;
  name: string;
  totalBytes: number;
  dataBytes: number;
  indexBytes: number;
  toastBytes: number | null;
  rowEstimate: number | null;
  sizeSource: SizeSource;
}

/** The top tables of a run: `databases` names every database whose tables were read (some may have none). */
export interface CollectedTables {
  databases: string[];
  tables: CollectedTable[];
}

/** What the table scan of a collection may do; absent when COLLECT_TABLES is off. */
export interface TableScanOptions {
  /** At most this many databases (the largest first) are scanned; a warning names the cut. */
  maxDatabases: number;
  /** Ends the table scan alone (its own time budget inside the instance timeout): the sizes are kept. */
  signal: AbortSignal;
}

export interface CollectionResult {
  databases: CollectedDatabase[];
  /** Present when the table scan ran (COLLECT_TABLES). */
  tables?: CollectedTables;
  /** Instance-level log (PostgreSQL WAL, MySQL binlog, Oracle redo); null when not readable or per database. */
  instanceLogBytes: number | null;
  /** Things the user should know that did not fail the instance (skipped databases, missing privileges). */
  warnings: string[];
  serverVersion: string;
}

/** One collector per engine, same contract: list every database with its size. */
export interface DatabaseSizeCollector {
  readonly dbType: DbType;
  /**
   * Opens its own connection, always closes it; aborting `signal` destroys the connection at once. With `tables`,
   * also reads the largest tables of each database; a failure there is a warning of the result, never a failure.
   */
  collect(options: ConnectionOptions, signal: AbortSignal, tables?: TableScanOptions): Promise<CollectionResult>;
}
