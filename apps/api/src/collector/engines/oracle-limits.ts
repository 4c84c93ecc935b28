import type { EngineDatabaseLimit, EngineLimits } from '../collector.types';
import type { EngineSession } from '../connections/connection-options';
import { sumOrNull } from '../engine-limits';
import { errorMessage } from '../../common/error-message';
import { toBytes } from './to-bytes';

export interface OracleTablespaceRow {
  DATABASE_NAME: string;
  TABLESPACE: string;
  /** DATA (data files) or TEMP (temp files). */
  KIND: string;
  ALLOCATED: number | string | null;
  /** Σ MAXBYTES of the autoextensible files (at least their BYTES), BYTES of the others. */
  CEILING: number | string | null;
  /** Free bytes of a data tablespace (dba_free_space); null for a temporary one. */
  FREE: number | string | null;
}

const CEILING = `SUM(CASE WHEN f.autoextensible = 'YES' THEN GREATEST(f.maxbytes, f.bytes) ELSE f.bytes END)`;

/** Per container and tablespace: allocated, autoextend ceiling and free bytes, over the given dictionary views. */
function tablespacesSql(views: { data: string; temp: string; free: string }, containerKey: string): string {
  return `SELECT ${containerKey === 'con_id' ? 'f.con_id' : '0'} AS con_id, f.tablespace_name, 'DATA' AS kind, SUM(f.bytes) AS allocated, ${CEILING} AS ceiling, MAX(fs.free) AS free
          FROM ${views.data} f
          LEFT JOIN (SELECT ${containerKey === 'con_id' ? 'con_id' : '0 AS con_id'}, tablespace_name, SUM(bytes) AS free FROM ${views.free} GROUP BY ${containerKey === 'con_id' ? 'con_id, ' : ''}tablespace_name) fs
            ON fs.tablespace_name = f.tablespace_name${containerKey === 'con_id' ? ' AND fs.con_id = f.con_id' : ''}
          GROUP BY ${containerKey === 'con_id' ? 'f.con_id, ' : ''}f.tablespace_name
          UNION ALL
          SELECT ${containerKey === 'con_id' ? 'f.con_id' : '0'}, f.tablespace_name, 'TEMP', SUM(f.bytes), ${CEILING}, NULL
          FROM ${views.temp} f
          GROUP BY ${containerKey === 'con_id' ? 'f.con_id, ' : ''}f.tablespace_name`;
}

/** The SQL of the Oracle limits (SELECT on the CDB_/DBA_ data file, temp file and free space views). */
export const oracleLimitsRepository = {
  /** In the root of a CDB: every tablespace of every open PDB. */
  pluggableTablespaces(session: EngineSession): Promise<OracleTablespaceRow[]> {
    return session.query<OracleTablespaceRow>(
      `SELECT p.name AS "DATABASE_NAME", t.tablespace_name AS "TABLESPACE", t.kind AS "KIND", t.allocated AS "ALLOCATED", t.ceiling AS "CEILING", t.free AS "FREE"
       FROM v$pdbs p
       JOIN (${tablespacesSql({ data: 'cdb_data_files', temp: 'cdb_temp_files', free: 'cdb_free_space' }, 'con_id')}) t ON t.con_id = p.con_id
       WHERE p.open_mode IN ('READ WRITE', 'READ ONLY') AND p.name <> 'PDB$SEED'
       ORDER BY 1, 2`,
    );
  },

  /** A non-CDB, or a session inside one PDB: its own tablespaces. */
  currentTablespaces(session: EngineSession): Promise<OracleTablespaceRow[]> {
    return session.query<OracleTablespaceRow>(
      `SELECT SYS_CONTEXT('USERENV', 'CON_NAME') AS "DATABASE_NAME", t.tablespace_name AS "TABLESPACE", t.kind AS "KIND", t.allocated AS "ALLOCATED", t.ceiling AS "CEILING", t.free AS "FREE"
       FROM (${tablespacesSql({ data: 'dba_data_files', temp: 'dba_temp_files', free: 'dba_free_space' }, 'none')}) t
       ORDER BY 2`,
    );
  },
};

/**
 * Tablespaces → limits: a database (a PDB, or the database) can grow to the sum of its tablespaces' autoextend
 * ceilings; allocated is the sum of their files, used the allocated minus the free space of its data tablespaces
 * (temporary tablespaces count as used in full, as the sizes count temp files as data). The instance: the sum of its
 * databases.
 */
export function mapOracleLimits(rows: readonly OracleTablespaceRow[]): EngineLimits {
  const byDatabase = new Map<string, OracleTablespaceRow[]>();
  for (const row of rows) byDatabase.set(row.DATABASE_NAME, [...(byDatabase.get(row.DATABASE_NAME) ?? []), row]);
  const databases: EngineDatabaseLimit[] = [...byDatabase].map(([database, tablespaces]) => {
    const used = tablespaces.map((t) => toBytes(t.ALLOCATED) - (t.KIND === 'TEMP' ? 0 : toBytes(t.FREE)));
    return {
      database,
      limitBytes: tablespaces.reduce((total, t) => total + Math.max(toBytes(t.CEILING), toBytes(t.ALLOCATED)), 0),
      allocatedBytes: tablespaces.reduce((total, t) => total + toBytes(t.ALLOCATED), 0),
      usedBytes: used.reduce((total, bytes) => total + Math.max(bytes, 0), 0),
      details: tablespaces.map((t, i) => ({
        tablespace: t.TABLESPACE,
        kind: t.KIND === 'TEMP' ? 'temp' : 'data',
        allocated_bytes: toBytes(t.ALLOCATED),
        used_bytes: t.KIND === 'TEMP' ? null : Math.max(used[i], 0),
        max_bytes: Math.max(toBytes(t.CEILING), toBytes(t.ALLOCATED)),
      })),
    };
  });
  const instanceLimitBytes = databases.length === 0 ? null : sumOrNull(databases.map((d) => d.limitBytes));
  return { instanceLimitBytes, volumeTotalBytes: null, volumeAvailableBytes: null, volumes: [], databases };
}

/** Reads the tablespaces of every open PDB (CDB root) or of the current database; a failure names the views needed. */
export async function collectOracleLimits(session: EngineSession, cdbRoot: boolean): Promise<EngineLimits> {
  try {
    return mapOracleLimits(cdbRoot ? await oracleLimitsRepository.pluggableTablespaces(session) : await oracleLimitsRepository.currentTablespaces(session));
  } catch (error) {
    const prefix = cdbRoot ? 'CDB' : 'DBA';
    throw new Error(`${errorMessage(error)} (needs SELECT on ${prefix}_DATA_FILES, ${prefix}_TEMP_FILES and ${prefix}_FREE_SPACE)`);
  }
}
