import type { CollectedDatabase, CollectedTable, CollectedTables, TableScanOptions } from '../collector.types';
import { raceAbort } from '../connections/abort';
import type { EngineSession } from '../connections/connection-options';
import { largestTables, namesToScan, scanSignal } from '../table-scan';
import { oracleTablesRepository, type OracleTableRow } from './oracle-tables.repository';
import { toBytes } from './to-bytes';
import { TOP_TABLES_PER_DATABASE } from '@capacity/contracts';

/** Rows of the segment query → tables of the scanned databases, owner as schema, LOB segments as toast. */
export function mapOracleTables(rows: readonly OracleTableRow[], databases: readonly string[]): CollectedTables {
  const scanned = new Set(databases);
  const byDatabase = new Map<string, CollectedTable[]>(databases.map((name) => [name, []]));
  for (const row of rows) {
    if (!scanned.has(row.DATABASE_NAME)) continue;
    const data = toBytes(row.DATA_BYTES);
    const index = toBytes(row.INDEX_BYTES);
    const lob = toBytes(row.LOB_BYTES);
    byDatabase.get(row.DATABASE_NAME)?.push({
      database: row.DATABASE_NAME,
      schema: row.OWNER,
      name: row.TABLE_NAME,
      totalBytes: data + index + lob,
      dataBytes: data,
      indexBytes: index,
      toastBytes: lob,
      rowEstimate: row.NUM_ROWS === null ? null : toBytes(row.NUM_ROWS),
      sizeSource: 'files',
    });
  }
  return { databases: [...databases], tables: [...byDatabase.values()].flatMap((list) => largestTables(list)) };
}

/** One statement for the instance: every PDB at once in a CDB root (CDB_* views), else the database itself. */
export async function collectOracleTables(
  session: EngineSession,
  cdbRoot: boolean,
  databases: readonly CollectedDatabase[],
  scan: TableScanOptions,
  signal: AbortSignal,
  warnings: string[],
): Promise<CollectedTables> {
  const names = namesToScan(databases, scan.maxDatabases, warnings);
  const query = cdbRoot
    ? oracleTablesRepository.pluggableTopTables(session, TOP_TABLES_PER_DATABASE)
    : oracleTablesRepository.currentDatabaseTopTables(session, TOP_TABLES_PER_DATABASE);
  return mapOracleTables(await raceAbort(query, scanSignal(signal, scan.signal)), names);
}
