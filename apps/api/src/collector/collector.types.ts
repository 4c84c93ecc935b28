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

/**
 * What one database can grow to as the engine reports it (SQL Server files and volumes, Oracle tablespaces), bytes;
 * `limitBytes` null when the engine sets none the collector could read (a file growing without a cap on an unreadable
 * volume). `details` are the readings it was computed from (files, tablespaces), kept as they are for people.
 */
export interface EngineDatabaseLimit {
  database: string;
  limitBytes: number | null;
  allocatedBytes: number | null;
  usedBytes: number | null;
  details: Record<string, unknown>[];
}

/** The engine-reported limits of a collection (SQL Server, Oracle): per database and for the instance. */
export interface EngineLimits {
  /** What the instance can grow to: the sum of its databases' limits, capped by the free space of their volumes. */
  instanceLimitBytes: number | null;
  /** Total and available bytes of the volumes holding database files (SQL Server, VIEW SERVER STATE); null when unread. */
  volumeTotalBytes: number | null;
  volumeAvailableBytes: number | null;
  volumes: Record<string, unknown>[];
  databases: EngineDatabaseLimit[];
}

export interface CollectionResult {
  databases: CollectedDatabase[];
  /** Present when the engine reports limits (SQL Server, Oracle) and they were readable; a failure is a warning. */
  limits?: EngineLimits;
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
