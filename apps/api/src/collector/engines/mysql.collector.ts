import { Injectable } from '@nestjs/common';
import type { CollectedDatabase, CollectionResult, DatabaseSizeCollector, SizeSource, TableScanOptions } from '../collector.types';
import type { ConnectionOptions } from '../connections/connection-options';
import { openMysqlSession } from '../connections/mysql-session.repository';
import { withSession } from '../connections/open-session';
import { databasesToScan, scanOrWarn } from '../table-scan';
import { mapMysqlTables } from './mysql-tables';
import { mysqlSizeRepository, type MysqlTableRow, type MysqlTablespaceRow } from './mysql.repository';
import { errorMessage } from '../../common/error-message';
import { toBytes } from './to-bytes';

export interface MysqlSchemaAccess {
  name: string;
  /** Every table of the schema is visible (a table privilege globally or on the schema). */
  readable: boolean;
}

/**
 * Per schema: InnoDB tablespace files on disk + data/index length of tables not in such a file
 * (MyISAM, Aria, InnoDB in the system tablespace). Every readable schema counts, empty ones as 0 bytes;
 * a schema whose tables the user cannot see has no size (null), never 0. `source` says whether the
 * InnoDB figures came from the files (tablespaces readable) or from the statistics.
 */
export function mapMysqlSizes(
  schemas: MysqlSchemaAccess[],
  tablespaces: MysqlTablespaceRow[],
  tables: MysqlTableRow[],
  source: SizeSource,
): CollectedDatabase[] {
  const known = new Set(schemas.filter((s) => s.readable).map((s) => s.name));
  const fileBytes = new Map<string, number>();
  const inTablespace = new Set<string>();
  for (const ts of tablespaces) {
    const schema = ts.schema_decoded !== null && known.has(ts.schema_decoded) ? ts.schema_decoded : ts.schema_raw;
    if (!known.has(schema)) continue;
    const table = ts.table_decoded ?? ts.table_raw;
    fileBytes.set(schema, (fileBytes.get(schema) ?? 0) + toBytes(ts.file_size));
    inTablespace.add(`${schema}\u0000${table}`);
    inTablespace.add(`${schema}\u0000${ts.table_raw}`);
  }
  const tableBytes = new Map<string, number>();
  for (const table of tables) {
    if (!known.has(table.schema_name)) continue;
    const ownFile = (table.engine ?? '').toLowerCase() === 'innodb' && inTablespace.has(`${table.schema_name}\u0000${table.table_name}`);
    if (ownFile) continue;
    tableBytes.set(table.schema_name, (tableBytes.get(table.schema_name) ?? 0) + toBytes(table.bytes));
  }
  return schemas.map(({ name, readable }) => {
    if (!readable) return { name, sizeBytes: null, dataSizeBytes: null, logSizeBytes: null, sizeSource: null };
    const size = (fileBytes.get(name) ?? 0) + (tableBytes.get(name) ?? 0);
    return { name, sizeBytes: size, dataSizeBytes: size, logSizeBytes: null, sizeSource: source };
  });
}

const LISTED_NAMES = 10;

/** The warning for schemas the user sees without their tables (null when there is none). */
export function unreadableSchemasWarning(schemas: MysqlSchemaAccess[]): string | null {
  const hidden = schemas.filter((s) => !s.readable).map((s) => s.name);
  if (hidden.length === 0) return null;
  const listed = hidden.slice(0, LISTED_NAMES).join(', ') + (hidden.length > LISTED_NAMES ? `, … (${hidden.length - LISTED_NAMES} more)` : '');
  return (
    `size of ${hidden.length} schema(s) unknown (stored as null, not 0): ${listed}: the user sees them (SHOW DATABASES) but not their tables; ` +
    'grant SELECT on them (GRANT SELECT ON *.* or ON <schema>.*), and PROCESS for the on-disk sizes'
  );
}

export const STATISTICS_WARNING =
  'sizes are information_schema.TABLES statistics (size_source "statistics"), estimates that lag behind the files after bulk changes: ' +
  'grant PROCESS for the on-disk truth (InnoDB tablespace files)';

/**
 * What the server version says: MariaDB and MySQL 5.7 have INNODB_SYS_TABLESPACES and no stats
 * cache; MySQL 8 has INNODB_TABLESPACES and information_schema_stats_expiry. Unknown → probe.
 */
export function mysqlFlavour(serverVersion: string): { tablespaceView: 'INNODB_TABLESPACES' | 'INNODB_SYS_TABLESPACES' | null; statsCache: boolean } {
  if (/mariadb/i.test(serverVersion)) return { tablespaceView: 'INNODB_SYS_TABLESPACES', statsCache: false };
  const match = /(\d+)\.(\d+)/.exec(serverVersion);
  if (!match) return { tablespaceView: null, statsCache: true };
  const major = Number(match[1]);
  if (major >= 8) return { tablespaceView: 'INNODB_TABLESPACES', statsCache: true };
  return { tablespaceView: 'INNODB_SYS_TABLESPACES', statsCache: false };
}

@Injectable()
export class MysqlCollector implements DatabaseSizeCollector {
  readonly dbType = 'mysql' as const;

  collect(options: ConnectionOptions, signal: AbortSignal, scan?: TableScanOptions): Promise<CollectionResult> {
    return withSession((s) => openMysqlSession(options, s), signal, async (session) => {
      const warnings: string[] = [];
      const flavour = mysqlFlavour(session.serverVersion);
      // MySQL 8 caches information_schema.TABLES statistics (a day by default): read them fresh.
      if (flavour.statsCache) await mysqlSizeRepository.disableStatsCache(session);
      const schemas = (await mysqlSizeRepository.listSchemas(session)).map((row) => ({ name: row.name, readable: Number(row.readable) === 1 }));
      const hidden = unreadableSchemasWarning(schemas);
      if (hidden) warnings.push(hidden);
      let tablespaces: MysqlTablespaceRow[] = [];
      let source: SizeSource = 'statistics';
      const view = flavour.tablespaceView ?? (await mysqlSizeRepository.tablespaceView(session));
      if (view) {
        try {
          tablespaces = await mysqlSizeRepository.listTablespaces(session, view);
          source = 'files';
        } catch (error) {
          if ((error as { errno?: number }).errno !== 1227) throw error;
          if (schemas.some((s) => s.readable)) warnings.push(`${STATISTICS_WARNING} (${errorMessage(error)})`);
        }
      }
      const tables = await mysqlSizeRepository.listTables(session);
      let instanceLogBytes: number | null = null;
      try {
        if (await mysqlSizeRepository.binlogEnabled(session)) instanceLogBytes = await mysqlSizeRepository.binlogBytes(session);
      } catch (error) {
        warnings.push(`binary log size not collected: ${errorMessage(error)} (needs REPLICATION CLIENT / BINLOG MONITOR)`);
      }
      const databases = mapMysqlSizes(schemas, tablespaces, tables, source);
      const result: CollectionResult = { databases, instanceLogBytes, warnings, serverVersion: session.serverVersion };
      // The tables were read with the sizes (one information_schema.TABLES pass): the scan costs no further query.
      if (scan) {
        result.tables = await scanOrWarn(warnings, async () => {
          const { names, warning } = databasesToScan(databases, scan.maxDatabases);
          if (warning) warnings.push(warning);
          return mapMysqlTables(names, tablespaces, tables, source);
        });
      }
      return result;
    });
  }
}
