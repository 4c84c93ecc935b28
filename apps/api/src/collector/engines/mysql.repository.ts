import type { EngineSession } from '../connections/connection-options';

export const MYSQL_SYSTEM_SCHEMAS = ['information_schema', 'performance_schema', 'mysql', 'sys'] as const;

export interface MysqlTablespaceRow {
  /** Name part before '/', as stored (filename-encoded, e.g. cap@0020x) and decoded. */
  schema_raw: string;
  schema_decoded: string | null;
  table_raw: string;
  table_decoded: string | null;
  file_size: string;
}

export interface MysqlTableRow {
  schema_name: string;
  table_name: string;
  engine: string | null;
  bytes: string;
}

/** The SQL the MySQL/MariaDB collector runs on a monitored server. */
export const mysqlSizeRepository = {
  /** Whether binary logging is on (SHOW BINARY LOGS fails otherwise). */
  async binlogEnabled(session: EngineSession): Promise<boolean> {
    const [row] = await session.query<{ log_bin: number | string }>('SELECT @@log_bin AS log_bin');
    return Number(row?.log_bin) === 1;
  },

  /** MySQL 8 caches information_schema.TABLES for a day by default; MariaDB has no such variable (1193). */
  async disableStatsCache(session: EngineSession): Promise<boolean> {
    try {
      await session.query('SET SESSION information_schema_stats_expiry = 0');
      return true;
    } catch (error) {
      if ((error as { errno?: number }).errno === 1193) return false;
      throw error;
    }
  },

  /** INNODB_TABLESPACES (MySQL 8) or INNODB_SYS_TABLESPACES (MariaDB, MySQL 5.7). */
  async tablespaceView(session: EngineSession): Promise<'INNODB_TABLESPACES' | 'INNODB_SYS_TABLESPACES' | null> {
    const rows = await session.query<{ name: string }>(
      `SELECT TABLE_NAME AS name FROM information_schema.TABLES
       WHERE TABLE_SCHEMA = 'information_schema' AND TABLE_NAME IN ('INNODB_TABLESPACES', 'INNODB_SYS_TABLESPACES')`,
    );
    const names = rows.map((row) => row.name.toUpperCase());
    if (names.includes('INNODB_TABLESPACES')) return 'INNODB_TABLESPACES';
    if (names.includes('INNODB_SYS_TABLESPACES')) return 'INNODB_SYS_TABLESPACES';
    return null;
  },

  listSchemas(session: EngineSession): Promise<{ name: string }[]> {
    return session.query<{ name: string }>(
      `SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN (?) ORDER BY SCHEMA_NAME`,
      [MYSQL_SYSTEM_SCHEMAS],
    );
  },

  /** File-per-table / general tablespaces named schema/table, with the file's size on disk. */
  async listTablespaces(session: EngineSession, view: 'INNODB_TABLESPACES' | 'INNODB_SYS_TABLESPACES'): Promise<MysqlTablespaceRow[]> {
    const decode = (expr: string) => `CONVERT(CONVERT(CONVERT(${expr} USING binary) USING filename) USING utf8mb4)`;
    const schemaPart = `SUBSTRING_INDEX(NAME, '/', 1)`;
    const tablePart = `SUBSTRING_INDEX(SUBSTRING_INDEX(NAME, '/', -1), '#', 1)`;
    const select = (decoded: boolean) =>
      `SELECT ${schemaPart} AS schema_raw, ${decoded ? decode(schemaPart) : 'NULL'} AS schema_decoded,
              ${tablePart} AS table_raw, ${decoded ? decode(tablePart) : 'NULL'} AS table_decoded,
              CAST(FILE_SIZE AS CHAR) AS file_size
       FROM information_schema.${view} WHERE NAME LIKE '%/%'`;
    try {
      return await session.query<MysqlTablespaceRow>(select(true));
    } catch (error) {
      // A server without the filename character set: names compare as stored.
      if ((error as { errno?: number }).errno === 1115) return session.query<MysqlTablespaceRow>(select(false));
      throw error;
    }
  },

  listTables(session: EngineSession): Promise<MysqlTableRow[]> {
    return session.query<MysqlTableRow>(
      `SELECT TABLE_SCHEMA AS schema_name, TABLE_NAME AS table_name, ENGINE AS engine,
              CAST(COALESCE(DATA_LENGTH, 0) + COALESCE(INDEX_LENGTH, 0) AS CHAR) AS bytes
       FROM information_schema.TABLES
       WHERE TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED', 'SEQUENCE') AND TABLE_SCHEMA NOT IN (?)`,
      [MYSQL_SYSTEM_SCHEMAS],
    );
  },

  /** Sum of binary log files; throws 1381 when binary logging is off, 1227 without the privilege. */
  async binlogBytes(session: EngineSession): Promise<number> {
    const rows = await session.query<{ File_size?: string | number }>('SHOW BINARY LOGS');
    return rows.reduce((sum, row) => sum + Number(row.File_size ?? 0), 0);
  },
};
