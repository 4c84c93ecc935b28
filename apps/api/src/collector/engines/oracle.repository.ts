import type { EngineSession } from '../connections/connection-options';

export interface OracleContainerRow {
  CDB: string;
  CON_ID: number | string;
}

export interface OracleDatabaseRow {
  NAME: string;
  DATA_BYTES: number | string | null;
  TEMP_BYTES: number | string | null;
}

/** The SQL the Oracle collector runs on a monitored server (needs SELECT_CATALOG_ROLE or equivalent). */
export const oracleSizeRepository = {
  async container(session: EngineSession): Promise<OracleContainerRow> {
    const [row] = await session.query<OracleContainerRow>(`SELECT cdb AS "CDB", SYS_CONTEXT('USERENV', 'CON_ID') AS "CON_ID" FROM v$database`);
    return row;
  },

  /** In the root of a CDB: one row per open PDB, allocated data + temp files by CON_ID. */
  listPluggableDatabases(session: EngineSession): Promise<OracleDatabaseRow[]> {
    return session.query<OracleDatabaseRow>(
      `SELECT p.name AS "NAME",
              (SELECT NVL(SUM(f.bytes), 0) FROM cdb_data_files f WHERE f.con_id = p.con_id) AS "DATA_BYTES",
              (SELECT NVL(SUM(t.bytes), 0) FROM cdb_temp_files t WHERE t.con_id = p.con_id) AS "TEMP_BYTES"
       FROM v$pdbs p
       WHERE p.open_mode IN ('READ WRITE', 'READ ONLY') AND p.name <> 'PDB$SEED'
       ORDER BY p.name`,
    );
  },

  /** A non-CDB, or a session inside one PDB: the database itself. */
  currentDatabase(session: EngineSession): Promise<OracleDatabaseRow[]> {
    return session.query<OracleDatabaseRow>(
      `SELECT SYS_CONTEXT('USERENV', 'CON_NAME') AS "NAME",
              (SELECT NVL(SUM(bytes), 0) FROM dba_data_files) AS "DATA_BYTES",
              (SELECT NVL(SUM(bytes), 0) FROM dba_temp_files) AS "TEMP_BYTES"
       FROM dual`,
    );
  },

  /** Online redo logs: every member of every group. */
  async redoBytes(session: EngineSession): Promise<number | string | null> {
    const [row] = await session.query<{ LOG_BYTES: number | string | null }>(`SELECT NVL(SUM(bytes * members), 0) AS "LOG_BYTES" FROM v$log`);
    return row?.LOG_BYTES ?? null;
  },
};
