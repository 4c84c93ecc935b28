import { TOP_TABLES_PER_DATABASE } from '@capacity/contracts';
import type { CollectedDatabase, CollectedTable, CollectedTables, TableScanOptions } from '../collector.types';
import type { ConnectionOptions, EngineSession } from '../connections/connection-options';
import { pgDatabasePool } from '../connections/pg-database-pool';
import { databasesToScan, largestTables, scanSignal, tableScanWarning, unscannedWarning } from '../table-scan';
import { postgresTablesRepository, type PostgresTableRow } from './postgresql-tables.repository';
import { errorCode, toBytes } from './to-bytes';

/** Connections one instance's table scan opens at once (beside the run's own). */
export const PG_TABLE_SCAN_CONNECTIONS = 2;
/** The safety net behind the pg_locks check: a lock taken between the check and the sizing fails fast, then retried. */
export const PG_TABLE_LOCK_TIMEOUT_MS = 1000;

/** Rows of one database → its tables (largest first) and a warning naming the tables skipped as locked. */
export function mapPostgresTables(database: string, rows: readonly PostgresTableRow[]): { tables: CollectedTable[]; warning: string | null } {
  const locked = rows.filter((row) => row.locked).map((row) => `${row.schema_name}.${row.table_name}`);
  const tables = rows
    .filter((row) => !row.locked)
    .map((row) => ({
      database,
      schema: row.schema_name,
      name: row.table_name,
      totalBytes: toBytes(row.total_bytes),
      dataBytes: toBytes(row.data_bytes),
      indexBytes: toBytes(row.index_bytes),
      toastBytes: toBytes(row.toast_bytes),
      rowEstimate: row.row_estimate === null ? null : toBytes(row.row_estimate),
      sizeSource: 'files' as const,
    }));
  const warning = locked.length > 0
    ? `database "${database}": skipped ${locked.length} table(s) locked ACCESS EXCLUSIVE by another session (${locked.join(', ')}): not sized, so the collector never waits on them`
    : null;
  return { tables: largestTables(tables), warning };
}

async function topTablesOf(session: EngineSession): Promise<PostgresTableRow[]> {
  try {
    return await postgresTablesRepository.topTables(session, TOP_TABLES_PER_DATABASE);
  } catch (error) {
    // lock_not_available: an ACCESS EXCLUSIVE arrived after the pg_locks check; the second look sees it and skips it.
    if (!errorCode(error).startsWith('55P03')) throw error;
    return postgresTablesRepository.topTables(session, TOP_TABLES_PER_DATABASE);
  }
}

/**
 * The largest tables of every database the run sized (at most `scan.maxDatabases`, the largest first), a connection
 * per database from one pool for the instance. A database that cannot be read is a warning, never a failure.
 */
export async function collectPostgresTables(
  own: { session: EngineSession; database: string },
  options: ConnectionOptions,
  databases: readonly CollectedDatabase[],
  scan: TableScanOptions,
  signal: AbortSignal,
  warnings: string[],
): Promise<CollectedTables> {
  const { names, warning } = databasesToScan(databases, scan.maxDatabases);
  if (warning) warnings.push(warning);
  const connectable = new Set(await postgresTablesRepository.connectableDatabases(own.session));
  const budget = scanSignal(signal, scan.signal);
  // The pool's own connections get lock_timeout at start-up; the run's session, reused for its database, here.
  if (names.includes(own.database)) await postgresTablesRepository.setLockTimeout(own.session, PG_TABLE_LOCK_TIMEOUT_MS);
  const pool = pgDatabasePool(options, budget, PG_TABLE_SCAN_CONNECTIONS, own, { lockTimeoutMs: PG_TABLE_LOCK_TIMEOUT_MS });
  const scanned: string[] = [];
  const unscanned: string[] = [];
  const tables: CollectedTable[] = [];
  await Promise.all(
    names.map(async (database) => {
      if (!connectable.has(database)) {
        warnings.push(`top tables of database "${database}" not collected: it does not accept connections (ALLOW_CONNECTIONS false or no CONNECT privilege)`);
        return;
      }
      try {
        const rows = await pool.withDatabase(database, (session) => {
          if (budget.aborted) throw budget.reason;
          return topTablesOf(session);
        });
        const mapped = mapPostgresTables(database, rows);
        if (mapped.warning) warnings.push(mapped.warning);
        tables.push(...mapped.tables);
        scanned.push(database);
      } catch (error) {
        if (budget.aborted) unscanned.push(database);
        else warnings.push(tableScanWarning(database, error));
      }
    }),
  );
  const late = unscannedWarning(unscanned);
  if (late) warnings.push(late);
  return { databases: scanned, tables };
}
