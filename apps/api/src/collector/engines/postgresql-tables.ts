import { TOP_TABLES_PER_DATABASE } from '@capacity/contracts';
import type { CollectedDatabase, CollectedTable, CollectedTables, TableScanOptions } from '../collector.types';
import type { ConnectionOptions, EngineSession } from '../connections/connection-options';
import { pgDatabasePool } from '../connections/pg-database-pool';
import { largestTables, namesToScan, scanSignal, TableScanTally } from '../table-scan';
import { fileSizedTable } from './file-sized-table';
import { postgresTablesRepository, type PostgresTableRow } from './postgresql-tables.repository';
import { errorCode } from './to-bytes';

/** Connections one instance's table scan opens at once (beside the run's own). */
export const PG_TABLE_SCAN_CONNECTIONS = 2;
/** The safety net behind the pg_locks check: a lock taken between the check and the sizing fails fast, then retried. */
export const PG_TABLE_LOCK_TIMEOUT_MS = 1000;

/** Rows of one database → its tables (largest first) and a warning naming the tables skipped as locked. */
export function mapPostgresTables(database: string, rows: readonly PostgresTableRow[]): { tables: CollectedTable[]; warning: string | null } {
  const locked = rows.filter((row) => row.locked).map((row) => `${row.schema_name}.${row.table_name}`);
  const tables = rows.filter((row) => !row.locked).map((row) => fileSizedTable(database, row, row.toast_bytes, row.row_estimate));
  const warning = locked.length > 0
    ? `database "${database}": skipped ${locked.length} table(s) locked ACCESS EXCLUSIVE by another session (${locked.join(', ')}): not sized, so the collector never waits on them`
    : null;
  return { tables: largestTables(tables), warning };
}

/**
 * One statement in the common case (no ACCESS EXCLUSIVE lock anywhere in the database): the cheap scan. Only when it
 * saw such a lock does the scan that tells which tables to skip run (a second statement on the same connection).
 */
async function sizeTables(session: EngineSession): Promise<PostgresTableRow[]> {
  const rows = await postgresTablesRepository.topTablesUnlocked(session, TOP_TABLES_PER_DATABASE);
  if (!rows.some((row) => row.locks_present)) return rows;
  return postgresTablesRepository.topTables(session, TOP_TABLES_PER_DATABASE);
}

async function topTablesOf(session: EngineSession): Promise<PostgresTableRow[]> {
  try {
    return await sizeTables(session);
  } catch (error) {
    // lock_not_available: an ACCESS EXCLUSIVE arrived after the pg_locks check; the second look sees it and skips it.
    if (!errorCode(error).startsWith('55P03')) throw error;
    return sizeTables(session);
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
  const names = namesToScan(databases, scan.maxDatabases, warnings);
  const connectable = new Set(await postgresTablesRepository.connectableDatabases(own.session));
  const budget = scanSignal(signal, scan.signal);
  // The pool's own connections get lock_timeout at start-up; the run's session, reused for its database, here.
  if (names.includes(own.database)) await postgresTablesRepository.setLockTimeout(own.session, PG_TABLE_LOCK_TIMEOUT_MS);
  const pool = pgDatabasePool(options, budget, PG_TABLE_SCAN_CONNECTIONS, own, { lockTimeoutMs: PG_TABLE_LOCK_TIMEOUT_MS });
  const tally = new TableScanTally(budget, warnings);
  await Promise.all(
    names.map(async (database) => {
      if (!connectable.has(database)) {
        warnings.push(`top tables of database "${database}" not collected: it does not accept connections (ALLOW_CONNECTIONS false or no CONNECT privilege)`);
        return;
      }
      await tally.read(database, async () => {
        const rows = await pool.withDatabase(database, (session) => {
          if (budget.aborted) throw budget.reason;
          return topTablesOf(session);
        });
        const mapped = mapPostgresTables(database, rows);
        if (mapped.warning) warnings.push(mapped.warning);
        return mapped.tables;
      });
    }),
  );
  return tally.result();
}
