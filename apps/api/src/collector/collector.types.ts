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
