import type { EngineSession } from '../connections/connection-options';

export interface SqlServerDatabaseRow {
  name: string;
  /** null when sys.master_files shows no file of the database (missing VIEW ANY DEFINITION). */
  size_bytes: string | number | null;
  data_bytes: string | number | null;
  log_bytes: string | number | null;
}

/** The SQL the SQL Server collector runs on a monitored server. */
export const sqlServerSizeRepository = {
  async hasViewAnyDefinition(session: EngineSession): Promise<boolean> {
    const [row] = await session.query<{ granted: number | null }>(`SELECT HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW ANY DEFINITION') AS granted`);
    return row?.granted === 1;
  },

  /** sys.master_files.size is an int count of 8 KB pages: cast to bigint before multiplying. type 0 = rows, 1 = log. */
  listDatabases(session: EngineSession): Promise<SqlServerDatabaseRow[]> {
    return session.query<SqlServerDatabaseRow>(
      `SELECT d.name AS name,
              SUM(CAST(mf.size AS bigint)) * 8192 AS size_bytes,
              SUM(CASE WHEN mf.type = 0 THEN CAST(mf.size AS bigint) ELSE 0 END) * 8192 AS data_bytes,
              SUM(CASE WHEN mf.type = 1 THEN CAST(mf.size AS bigint) ELSE 0 END) * 8192 AS log_bytes
       FROM sys.databases d
       LEFT JOIN sys.master_files mf ON mf.database_id = d.database_id
       GROUP BY d.name
       ORDER BY d.name`,
    );
  },
};
