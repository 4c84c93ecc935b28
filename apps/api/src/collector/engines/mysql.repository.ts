import type { EngineSession } from '../connections/connection-options';

export const MYSQL_SYSTEM_SCHEMAS = ['information_schema', 'performance_schema', 'mysql', 'sys'] as const;

/**
 * Privileges that make a table visible in information_schema.TABLES (the server's table ACLs): held globally or
 * on a schema, every table of it is visible; without them the schema shows (SHOW DATABASES) with no table.
 */
export const MYSQL_TABLE_PRIVILEGES = [
  'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'REFERENCES', 'INDEX', 'ALTER',
  'CREATE VIEW', 'SHOW VIEW', 'TRIGGER', 'DELETE HISTORY',
] as const;

export interface MysqlSchemaRow {
  name: string;
  /** 1 when the user holds a table privilege globally or on this schema (a grant pattern matching it). */
  readable: number | string;
}

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

/** A table as information_schema.TABLES describes it (one row for a partitioned table: its partitions summed). */
export interface MysqlTableSizeRow extends MysqlTableRow {
  data_bytes: string;
  index_bytes: string;
  /** TABLE_ROWS: exact for MyISAM/Aria, an estimate for InnoDB; null for views of other engines. */
  row_estimate: string | null;
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

  /**
   * Every schema the user sees, and whether all its tables are visible too. Only the current user's own grants
   * count (an account that may read mysql.* sees everyone's); privileges held through a role are not seen, so
   * such a schema reads as not readable (a warning and a null size, never a wrong 0).
   */
  listSchemas(session: EngineSession): Promise<MysqlSchemaRow[]> {
    // GRANTEE is written 'user'@'host'; CURRENT_USER() is user@host (the host never holds an '@').
    const host = `SUBSTRING_INDEX(CURRENT_USER(), '@', -1)`;
    const me = `CONCAT('''', LEFT(CURRENT_USER(), CHAR_LENGTH(CURRENT_USER()) - CHAR_LENGTH(${host}) - 1), '''@''', ${host}, '''')`;
    return session.query<MysqlSchemaRow>(
      `SELECT s.SCHEMA_NAME AS name,
              (EXISTS (SELECT 1 FROM information_schema.USER_PRIVILEGES u
                       WHERE u.GRANTEE = ${me} AND u.PRIVILEGE_TYPE IN (?))
               OR EXISTS (SELECT 1 FROM information_schema.SCHEMA_PRIVILEGES p
                          WHERE p.GRANTEE = ${me} AND p.PRIVILEGE_TYPE IN (?) AND s.SCHEMA_NAME LIKE p.TABLE_SCHEMA)) AS readable
       FROM information_schema.SCHEMATA s WHERE s.SCHEMA_NAME NOT IN (?) ORDER BY s.SCHEMA_NAME`,
      [MYSQL_TABLE_PRIVILEGES, MYSQL_TABLE_PRIVILEGES, MYSQL_SYSTEM_SCHEMAS],
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

  listTables(session: EngineSession): Promise<MysqlTableSizeRow[]> {
    return session.query<MysqlTableSizeRow>(
      `SELECT TABLE_SCHEMA AS schema_name, TABLE_NAME AS table_name, ENGINE AS engine,
              CAST(COALESCE(DATA_LENGTH, 0) + COALESCE(INDEX_LENGTH, 0) AS CHAR) AS bytes,
              CAST(COALESCE(DATA_LENGTH, 0) AS CHAR) AS data_bytes, CAST(COALESCE(INDEX_LENGTH, 0) AS CHAR) AS index_bytes,
              CAST(TABLE_ROWS AS CHAR) AS row_estimate
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
