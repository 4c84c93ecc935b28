import { TOP_TABLES_PER_DATABASE } from '@capacity/contracts';
import type { CollectedDatabase, CollectedTable, CollectedTables, TableScanOptions } from '../collector.types';
import { raceAbort } from '../connections/abort';
import type { EngineSession } from '../connections/connection-options';
import { databasesToScan, largestTables, scanSignal, tableScanWarning, unscannedWarning } from '../table-scan';
import { sqlServerTablesRepository, type SqlServerTableRow } from './sqlserver-tables.repository';
import { toBytes } from './to-bytes';

export const SQLSERVER_TABLE_LOCK_TIMEOUT_MS = 1000;

/** Rows of one database's catalog query → its tables, largest first; LOB and row-overflow pages as toast. */
export function mapSqlServerTables(database: string, rows: readonly SqlServerTableRow[]): CollectedTable[] {
  return largestTables(
    rows.map((row) => ({
      database,
      schema: row.schema_name,
      name: row.table_name,
      totalBytes: toBytes(row.total_bytes),
      dataBytes: toBytes(row.data_bytes),
      indexBytes: toBytes(row.index_bytes),
      toastBytes: toBytes(row.lob_bytes),
      rowEstimate: row.row_count === null ? null : toBytes(row.row_count),
      sizeSource: 'files' as const,
    })),
  );
}

/** Each scanned database in turn on the run's own session (three-part names: no reconnect per database). */
export async function collectSqlServerTables(
  session: EngineSession,
  databases: readonly CollectedDatabase[],
  scan: TableScanOptions,
  signal: AbortSignal,
  warnings: string[],
): Promise<CollectedTables> {
  const { names, warning } = databasesToScan(databases, scan.maxDatabases);
  if (warning) warnings.push(warning);
  const accessible = new Set(await sqlServerTablesRepository.accessibleDatabases(session));
  await sqlServerTablesRepository.setLockTimeout(session, SQLSERVER_TABLE_LOCK_TIMEOUT_MS);
  const budget = scanSignal(signal, scan.signal);
  const scanned: string[] = [];
  const unscanned: string[] = [];
  const tables: CollectedTable[] = [];
  for (const database of names) {
    if (!accessible.has(database)) {
      if (database !== 'tempdb' && database !== 'model') warnings.push(`top tables of database "${database}" not collected: it is not online or the login has no access to it`);
      continue;
    }
    if (budget.aborted) {
      unscanned.push(database);
      continue;
    }
    try {
      tables.push(...mapSqlServerTables(database, await raceAbort(sqlServerTablesRepository.topTables(session, database, TOP_TABLES_PER_DATABASE), budget)));
      scanned.push(database);
    } catch (error) {
      if (budget.aborted) unscanned.push(database);
      else warnings.push(tableScanWarning(database, error));
    }
  }
  const late = unscannedWarning(unscanned);
  if (late) warnings.push(late);
  return { databases: scanned, tables };
}
