import type { EngineSession } from '../connections/connection-options';

export interface SqlServerTableRow {
  schema_name: string;
  table_name: string;
  /** tedious returns bigint as strings. */
  total_bytes: string | number;
  data_bytes: string | number;
  index_bytes: string | number;
  lob_bytes: string | number;
  row_count: string | number | null;
}

/** `[name]` with `]` doubled: a database name from sys.databases as a three-part-name prefix. */
export function quoteSqlServerName(name: string): string {
  return `[${name.replace(/]/g, ']]')}]`;
}

/** The SQL of the SQL Server table scan: the catalog views of each database, through three-part names. */
export const sqlServerTablesRepository = {
  /** Online databases the login may enter; tempdb (transient) and model (a template) left out. */
  async accessibleDatabases(session: EngineSession): Promise<string[]> {
    const rows = await session.query<{ name: string }>(
      `SELECT name FROM sys.databases
       WHERE state_desc = 'ONLINE' AND HAS_DBACCESS(name) = 1 AND name NOT IN ('tempdb', 'model')`,
    );
    return rows.map((row) => row.name);
  },

  /** A catalog read blocked by DDL (a schema-modification lock) fails after this instead of waiting (error 1222). */
  async setLockTimeout(session: EngineSession, milliseconds: number): Promise<void> {
    await session.query(`SET LOCK_TIMEOUT ${Math.round(milliseconds)}`);
  },

  /**
   * The `limit` largest user tables of `database` (partitions of a table are its rows of sys.partitions, so a
   * partitioned table is one row). total_pages are 8 KB pages (bigint); heap/clustered (index_id 0/1): in-row pages
   * are data, LOB and row-overflow pages "toast"; nonclustered indexes (index_id > 1) are index. Rows from the
   * heap/clustered partitions.
   */
  topTables(session: EngineSession, database: string, limit: number): Promise<SqlServerTableRow[]> {
    const db = quoteSqlServerName(database);
    return session.query<SqlServerTableRow>(
      `SELECT TOP (@p1) s.name AS schema_name, t.name AS table_name,
              SUM(CAST(au.total_pages AS bigint)) * 8192 AS total_bytes,
              SUM(CASE WHEN i.index_id IN (0, 1) AND au.type = 1 THEN CAST(au.total_pages AS bigint) ELSE 0 END) * 8192 AS data_bytes,
              SUM(CASE WHEN i.index_id > 1 THEN CAST(au.total_pages AS bigint) ELSE 0 END) * 8192 AS index_bytes,
              SUM(CASE WHEN i.index_id IN (0, 1) AND au.type IN (2, 3) THEN CAST(au.total_pages AS bigint) ELSE 0 END) * 8192 AS lob_bytes,
              SUM(CASE WHEN i.index_id IN (0, 1) AND au.type = 1 THEN CAST(p.rows AS bigint) ELSE 0 END) AS row_count
       FROM ${db}.sys.tables t
       JOIN ${db}.sys.schemas s ON s.schema_id = t.schema_id
       JOIN ${db}.sys.indexes i ON i.object_id = t.object_id
       JOIN ${db}.sys.partitions p ON p.object_id = i.object_id AND p.index_id = i.index_id
       JOIN ${db}.sys.allocation_units au ON au.container_id = p.partition_id
       WHERE t.is_ms_shipped = 0
       GROUP BY s.name, t.name
       ORDER BY total_bytes DESC, s.name, t.name`,
      [limit],
    );
  },
};
