import { Injectable } from '@nestjs/common';
import type { CollectedDatabase, CollectionResult, DatabaseSizeCollector } from '../collector.types';
import type { ConnectionOptions } from '../connections/connection-options';
import { openMysqlSession } from '../connections/mysql-session.repository';
import { withSession } from '../connections/open-session';
import { mysqlSizeRepository, type MysqlTableRow, type MysqlTablespaceRow } from './mysql.repository';
import { errorMessage, toBytes } from './to-bytes';

/**
 * Per schema: InnoDB tablespace files on disk + data/index length of tables not in such a file
 * (MyISAM, Aria, InnoDB in the system tablespace). Every schema counts, empty ones as 0 bytes.
 */
export function mapMysqlSizes(schemas: string[], tablespaces: MysqlTablespaceRow[], tables: MysqlTableRow[]): CollectedDatabase[] {
  const known = new Set(schemas);
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
  return schemas.map((name) => {
    const size = (fileBytes.get(name) ?? 0) + (tableBytes.get(name) ?? 0);
    return { name, sizeBytes: size, dataSizeBytes: size, logSizeBytes: null };
  });
}

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

  collect(options: ConnectionOptions, signal: AbortSignal): Promise<CollectionResult> {
    return withSession((s) => openMysqlSession(options, s), signal, async (session) => {
      const warnings: string[] = [];
      const flavour = mysqlFlavour(session.serverVersion);
      // MySQL 8 caches information_schema.TABLES statistics (a day by default): read them fresh.
      if (flavour.statsCache) await mysqlSizeRepository.disableStatsCache(session);
      const schemas = (await mysqlSizeRepository.listSchemas(session)).map((row) => row.name);
      let tablespaces: MysqlTablespaceRow[] = [];
      const view = flavour.tablespaceView ?? (await mysqlSizeRepository.tablespaceView(session));
      if (view) {
        try {
          tablespaces = await mysqlSizeRepository.listTablespaces(session, view);
        } catch (error) {
          if ((error as { errno?: number }).errno !== 1227) throw error;
          warnings.push(`InnoDB file sizes not readable (${errorMessage(error)}): grant PROCESS for on-disk sizes; InnoDB sizes are the information_schema.TABLES estimates`);
        }
      }
      const tables = await mysqlSizeRepository.listTables(session);
      let instanceLogBytes: number | null = null;
      try {
        if (await mysqlSizeRepository.binlogEnabled(session)) instanceLogBytes = await mysqlSizeRepository.binlogBytes(session);
      } catch (error) {
        warnings.push(`binary log size not collected: ${errorMessage(error)} (needs REPLICATION CLIENT / BINLOG MONITOR)`);
      }
      return { databases: mapMysqlSizes(schemas, tablespaces, tables), instanceLogBytes, warnings, serverVersion: session.serverVersion };
    });
  }
}
