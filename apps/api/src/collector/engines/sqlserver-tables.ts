import { TOP_TABLES_PER_DATABASE } from '@capacity/contracts';
import type { CollectedDatabase, CollectedTable, CollectedTables, TableScanOptions } from '../collector.types';
import { raceAbort } from '../connections/abort';
import type { EngineSession } from '../connections/connection-options';
import { largestTables, namesToScan, scanSignal, TableScanTally } from '../table-scan';
import { fileSizedTable } from './file-sized-table';
import { sqlServerTablesRepository, type SqlServerTableRow } from './sqlserver-tables.repository';

export const SQLSERVER_TABLE_LOCK_TIMEOUT_MS = 1000;

/** Rows of one database's catalog query → its tables, largest first; LOB and row-overflow pages as toast. */
export function mapSqlServerTables(database: string, rows: readonly SqlServerTableRow[]): CollectedTable[] {
  return largestTables(rows.map((row) => fileSizedTable(database, row, row.lob_bytes, row.row_count)));
}

/** Each scanned database in turn on the run's own session (three-part names: no reconnect per database). */
export async function collectSqlServerTables(
  session: EngineSession,
  databases: readonly CollectedDatabase[],
  scan: TableScanOptions,
  signal: AbortSignal,
  warnings: string[],
): Promise<CollectedTables> {
  const names = namesToScan(databases, scan.maxDatabases, warnings);
  const accessible = new Set(await sqlServerTablesRepository.accessibleDatabases(session));
  await sqlServerTablesRepository.setLockTimeout(session, SQLSERVER_TABLE_LOCK_TIMEOUT_MS);
  const budget = scanSignal(signal, scan.signal);
  const tally = new TableScanTally(budget, warnings);
  for (const database of names) {
    if (!accessible.has(database)) {
      if (database !== 'tempdb' && database !== 'model') warnings.push(`top tables of database "${database}" not collected: it is not online or the login has no access to it`);
      continue;
    }
    await tally.read(database, async () => {
      if (budget.aborted) throw budget.reason;
      return mapSqlServerTables(database, await raceAbort(sqlServerTablesRepository.topTables(session, database, TOP_TABLES_PER_DATABASE), budget));
    });
  }
  return tally.result();
}
