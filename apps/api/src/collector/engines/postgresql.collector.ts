import { Injectable } from '@nestjs/common';
import type { CollectedDatabase, CollectionResult, DatabaseSizeCollector, TableScanOptions } from '../collector.types';
import type { ConnectionOptions, EngineSession } from '../connections/connection-options';
import { withSession } from '../connections/open-session';
import { openPostgresSession } from '../connections/pg-session.repository';
import { scanOrWarn } from '../table-scan';
import { collectPostgresTables } from './postgresql-tables';
import { postgresSizeRepository, type PostgresDatabaseRow } from './postgresql.repository';
import { errorMessage } from '../../common/error-message';
import { errorCode, toBytes } from './to-bytes';

/** Sized rows → databases; a database the user may not connect to is skipped with a warning. */
export function mapPostgresDatabases(rows: PostgresDatabaseRow[]): { databases: CollectedDatabase[]; warnings: string[] } {
  const databases: CollectedDatabase[] = [];
  const warnings: string[] = [];
  for (const row of rows) {
    if (row.size_bytes === null) {
      warnings.push(`skipped database "${row.name}": the user has no CONNECT privilege on it`);
      continue;
    }
    const size = toBytes(row.size_bytes);
    databases.push({ name: row.name, sizeBytes: size, dataSizeBytes: size, logSizeBytes: null, sizeSource: 'files' });
  }
  return { databases, warnings };
}

@Injectable()
export class PostgresqlCollector implements DatabaseSizeCollector {
  readonly dbType = 'postgresql' as const;

  collect(options: ConnectionOptions, signal: AbortSignal, tables?: TableScanOptions): Promise<CollectionResult> {
    return withSession((s) => openPostgresSession(options, s), signal, async (session) => {
      const rows = await this.sizedRows(session);
      const { databases, warnings } = mapPostgresDatabases(rows);
      let instanceLogBytes: number | null = null;
      try {
        instanceLogBytes = toBytes(await postgresSizeRepository.walBytes(session));
      } catch (error) {
        warnings.push(`WAL size not collected: ${errorMessage(error)} (needs superuser or the pg_monitor role)`);
      }
      const result: CollectionResult = { databases, instanceLogBytes, warnings, serverVersion: session.serverVersion };
      if (tables) {
        const own = { session, database: options.database ?? 'postgres' };
        result.tables = await scanOrWarn(warnings, () => collectPostgresTables(own, options, databases, tables, signal, warnings));
      }
      return result;
    });
  }

  /** One statement normally; per database when one was dropped while the statement ran. */
  private async sizedRows(session: EngineSession): Promise<PostgresDatabaseRow[]> {
    try {
      return await postgresSizeRepository.listDatabasesWithSizes(session);
    } catch (error) {
      if (!errorCode(error).startsWith('3D000') && !/does not exist/.test(errorMessage(error))) throw error;
    }
    const rows: PostgresDatabaseRow[] = [];
    for (const database of await postgresSizeRepository.listDatabases(session)) {
      if (!database.may_connect) {
        rows.push({ ...database, size_bytes: null });
        continue;
      }
      try {
        rows.push({ ...database, size_bytes: await postgresSizeRepository.databaseSize(session, database.oid) });
      } catch (error) {
        if (!/does not exist/.test(errorMessage(error))) throw error;
      }
    }
    return rows;
  }
}
