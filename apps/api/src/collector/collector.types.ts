import type { DbType } from '@capacity/contracts';
import type { ConnectionOptions } from './connections/connection-options';

/** One database of an instance, sizes in bytes; null where the engine has no such notion. */
export interface CollectedDatabase {
  name: string;
  sizeBytes: number;
  dataSizeBytes: number | null;
  logSizeBytes: number | null;
}

export interface CollectionResult {
  databases: CollectedDatabase[];
  /** Instance-level log (PostgreSQL WAL, MySQL binlog, Oracle redo); null when not readable or per database. */
  instanceLogBytes: number | null;
  /** Things the user should know that did not fail the instance (skipped databases, missing privileges). */
  warnings: string[];
  serverVersion: string;
}

/** One collector per engine, same contract: list every database with its size. */
export interface DatabaseSizeCollector {
  readonly dbType: DbType;
  /** Opens its own connection, always closes it; aborting `signal` destroys the connection at once. */
  collect(options: ConnectionOptions, signal: AbortSignal): Promise<CollectionResult>;
}
