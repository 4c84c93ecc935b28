import { Injectable } from '@nestjs/common';
import type { CollectedDatabase, CollectionResult, DatabaseSizeCollector, TableScanOptions } from '../collector.types';
import { MissingPrivilegeError } from '../connections/classify-connection-error';
import type { ConnectionOptions } from '../connections/connection-options';
import { openSqlServerSession } from '../connections/mssql-session.repository';
import { withSession } from '../connections/open-session';
import { limitsOrWarn } from '../engine-limits';
import { scanOrWarn } from '../table-scan';
import { collectSqlServerLimits } from './sqlserver-limits';
import { collectSqlServerTables } from './sqlserver-tables';
import { sqlServerSizeRepository, type SqlServerDatabaseRow } from './sqlserver.repository';
import { toBytes } from './to-bytes';

const VIEW_ANY_DEFINITION = 'VIEW ANY DEFINITION is needed to read sys.master_files (GRANT VIEW ANY DEFINITION TO <login>)';

/**
 * Rows of the master_files query → databases (bytes, data = type 0, log = type 1). Databases whose
 * files are invisible are reported; none visible at all is a permission failure.
 */
export function mapSqlServerRows(rows: SqlServerDatabaseRow[], viewAnyDefinition: boolean): { databases: CollectedDatabase[]; warnings: string[] } {
  const databases: CollectedDatabase[] = [];
  const hidden: string[] = [];
  for (const row of rows) {
    if (row.size_bytes === null) {
      hidden.push(row.name);
      continue;
    }
    databases.push({
      name: row.name,
      sizeBytes: toBytes(row.size_bytes),
      dataSizeBytes: toBytes(row.data_bytes),
      logSizeBytes: toBytes(row.log_bytes),
      sizeSource: 'files',
    });
  }
  if (databases.length === 0 && rows.length > 0) throw new MissingPrivilegeError(`no database file is visible: ${VIEW_ANY_DEFINITION}`);
  const warnings: string[] = [];
  if (hidden.length > 0) warnings.push(`skipped ${hidden.length} database(s) whose files are not visible (${hidden.join(', ')}): ${VIEW_ANY_DEFINITION}`);
  else if (!viewAnyDefinition) warnings.push(`the login lacks VIEW ANY DEFINITION; sizes may be incomplete. ${VIEW_ANY_DEFINITION}`);
  return { databases, warnings };
}

@Injectable()
export class SqlServerCollector implements DatabaseSizeCollector {
  readonly dbType = 'sqlserver' as const;

  collect(options: ConnectionOptions, signal: AbortSignal, tables?: TableScanOptions): Promise<CollectionResult> {
    return withSession((s) => openSqlServerSession(options, s), signal, async (session) => {
      const granted = await sqlServerSizeRepository.hasViewAnyDefinition(session);
      const { databases, warnings } = mapSqlServerRows(await sqlServerSizeRepository.listDatabases(session), granted);
      const result: CollectionResult = { databases, instanceLogBytes: null, warnings, serverVersion: session.serverVersion };
      const limits = await limitsOrWarn(warnings, () => collectSqlServerLimits(session, warnings));
      if (limits) result.limits = limits;
      if (tables) result.tables = await scanOrWarn(warnings, () => collectSqlServerTables(session, databases, tables, signal, warnings));
      return result;
    });
  }
}
