import type { EngineSession } from '../connections/connection-options';

export interface OracleTableRow {
  /** The PDB (CDB root) or the database itself (CON_NAME). */
  DATABASE_NAME: string;
  OWNER: string;
  TABLE_NAME: string;
  DATA_BYTES: number | string | null;
  INDEX_BYTES: number | string | null;
  LOB_BYTES: number | string | null;
  NUM_ROWS: number | string | null;
}

/**
 * Segments rolled up to their table: table (sub)partitions as data, the segments of the table's indexes as index,
 * LOB segments and their LOB indexes (also partitioned) as lob, each segment counted once; Oracle-maintained owners (SYS, SYSTEM, …) left out. `prefix` is `dba`
 * for one database or `cdb` in the root of a CDB (every row then carries its CON_ID). Rows from the statistics.
 */
function segmentsByTable(prefix: 'dba' | 'cdb'): string {
  const con = prefix === 'cdb' ? 's.con_id' : '0';
  const sameCon = (alias: string) => (prefix === 'cdb' ? ` AND ${alias}.con_id = s.con_id` : '');
  return `SELECT ${con} AS con_id, s.owner, s.segment_name AS table_name, s.bytes AS data_bytes, 0 AS index_bytes, 0 AS lob_bytes
          FROM ${prefix}_segments s
          WHERE s.segment_type IN ('TABLE', 'TABLE PARTITION', 'TABLE SUBPARTITION', 'NESTED TABLE')
          UNION ALL
          SELECT ${con}, i.table_owner, i.table_name, 0, s.bytes, 0
          FROM ${prefix}_segments s JOIN ${prefix}_indexes i ON i.owner = s.owner AND i.index_name = s.segment_name${sameCon('i')}
          WHERE s.segment_type IN ('INDEX', 'INDEX PARTITION', 'INDEX SUBPARTITION') AND i.index_type <> 'LOB'
          UNION ALL
          SELECT ${con}, l.owner, l.table_name, 0, 0, s.bytes
          FROM ${prefix}_segments s JOIN ${prefix}_lobs l ON l.owner = s.owner${sameCon('l')}
           AND (l.segment_name = s.segment_name AND s.segment_type IN ('LOBSEGMENT', 'LOB PARTITION', 'LOB SUBPARTITION')
                OR l.index_name = s.segment_name AND s.segment_type IN ('LOBINDEX', 'INDEX PARTITION', 'INDEX SUBPARTITION'))`;
}

function topTablesSql(prefix: 'dba' | 'cdb'): string {
  const database = prefix === 'cdb' ? `(SELECT p.name FROM v$pdbs p WHERE p.con_id = r.con_id)` : `SYS_CONTEXT('USERENV', 'CON_NAME')`;
  const sameCon = (alias: string) => (prefix === 'cdb' ? ` AND ${alias}.con_id = r.con_id` : '');
  return `SELECT "DATABASE_NAME", "OWNER", "TABLE_NAME", "DATA_BYTES", "INDEX_BYTES", "LOB_BYTES", "NUM_ROWS" FROM (
            SELECT ${database} AS "DATABASE_NAME", r.owner AS "OWNER", r.table_name AS "TABLE_NAME",
                   r.data_bytes AS "DATA_BYTES", r.index_bytes AS "INDEX_BYTES", r.lob_bytes AS "LOB_BYTES",
                   (SELECT t.num_rows FROM ${prefix}_tables t WHERE t.owner = r.owner AND t.table_name = r.table_name${sameCon('t')}) AS "NUM_ROWS",
                   ROW_NUMBER() OVER (PARTITION BY r.con_id ORDER BY r.data_bytes + r.index_bytes + r.lob_bytes DESC, r.owner, r.table_name) AS rank
            FROM (SELECT con_id, owner, table_name, SUM(data_bytes) AS data_bytes, SUM(index_bytes) AS index_bytes, SUM(lob_bytes) AS lob_bytes
                  FROM (${segmentsByTable(prefix)}) seg
                  WHERE owner NOT IN (SELECT u.username FROM ${prefix}_users u WHERE u.oracle_maintained = 'Y')
                  GROUP BY con_id, owner, table_name) r
          ) WHERE rank <= :1`;
}

/** The SQL of the Oracle table scan (SELECT_CATALOG_ROLE or SELECT ANY DICTIONARY, like the sizes). */
export const oracleTablesRepository = {
  /** In one database (non-CDB or a PDB): its largest `limit` tables. */
  currentDatabaseTopTables(session: EngineSession, limit: number): Promise<OracleTableRow[]> {
    return session.query<OracleTableRow>(topTablesSql('dba'), [limit]);
  },

  /** In the root of a CDB: the largest `limit` tables of every open PDB. */
  pluggableTopTables(session: EngineSession, limit: number): Promise<OracleTableRow[]> {
    return session.query<OracleTableRow>(topTablesSql('cdb'), [limit]);
  },
};
