import type { EngineSession } from '../connections/connection-options';

export interface PostgresTableRow {
  schema_name: string;
  table_name: string;
  /** Sizes and rows are null on a locked row. */
  total_bytes: string | null;
  data_bytes: string | null;
  index_bytes: string | null;
  toast_bytes: string | null;
  row_estimate: string | null;
  /** Held (or awaited) ACCESS EXCLUSIVE by another session: not sized, so the collector never waits on it. */
  locked: boolean;
}

/** A row of the common-case scan: sized as PostgresTableRow, and whether any ACCESS EXCLUSIVE lock was seen. */
export interface PostgresUnlockedTableRow extends PostgresTableRow {
  /** ACCESS EXCLUSIVE is held or awaited on some relation of the database: the sizes are 0, not read (see topTables). */
  locks_present: boolean;
}

/** The SQL of the PostgreSQL table scan (one connection per database: the catalog is per database). */
export const postgresTablesRepository = {
  /** Databases the user may connect to now; a database closed to connections (ALLOW_CONNECTIONS false) is not one. */
  async connectableDatabases(session: EngineSession): Promise<string[]> {
    const rows = await session.query<{ name: string }>(
      `SELECT datname AS name FROM pg_database
       WHERE datallowconn AND NOT datistemplate AND has_database_privilege(oid, 'CONNECT')`,
    );
    return rows.map((row) => row.name);
  },

  /** A lock the scan would wait for longer than this fails the statement (55P03) instead: the safety net. */
  async setLockTimeout(session: EngineSession, milliseconds: number): Promise<void> {
    await session.query(`SELECT set_config('lock_timeout', $1, false)`, [`${Math.round(milliseconds)}ms`]);
  },

  /**
   * The common case of topTables, cheaper for a fresh connection (its cost is mostly planning on cold catalog caches):
   * pg_class alone, partitioned tables (relkind p) read with their partitions so that a root names itself. The same
   * figures as topTables while no relation of the database is held or awaited ACCESS EXCLUSIVE; when one is, nothing is
   * sized (never waiting on a lock), every row says `locks_present` and the caller asks topTables which ones to skip.
   */
  topTablesUnlocked(session: EngineSession, limit: number): Promise<PostgresUnlockedTableRow[]> {
    return session.query<PostgresUnlockedTableRow>(
      `WITH locked AS MATERIALIZED (
         SELECT count(*) > 0 AS present FROM pg_locks l
         WHERE l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock'
           AND l.database = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
       ),
       leaf AS (
         SELECT coalesce(pg_partition_root(c.oid), c.oid) AS root, c.oid, c.relname, c.relnamespace, c.reltuples, c.relkind = 'p' AS parent,
                CASE WHEN c.relkind = 'p' OR (SELECT present FROM locked) THEN 0 ELSE coalesce(pg_total_relation_size(c.oid), 0) END AS total,
                CASE WHEN c.relkind = 'p' OR (SELECT present FROM locked) THEN 0 ELSE coalesce(pg_indexes_size(c.oid), 0) END AS indexes,
                CASE WHEN c.reltoastrelid = 0 OR (SELECT present FROM locked) THEN 0 ELSE coalesce(pg_total_relation_size(c.reltoastrelid), 0) END AS toast
         FROM pg_class c
         WHERE c.relkind IN ('r', 'm', 'p') AND c.relpersistence <> 't'
           AND c.relnamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)
       ),
       rolled AS (
         SELECT min(relname::text) FILTER (WHERE oid = root) AS table_name, min(relnamespace) FILTER (WHERE oid = root) AS nsp,
                sum(total) AS total, sum(indexes) AS indexes, sum(toast) AS toast,
                -- reltuples is -1 (PostgreSQL 14+) until the first VACUUM/ANALYZE: unknown, not 0.
                CASE WHEN bool_and(reltuples < 0) FILTER (WHERE NOT parent) THEN NULL
                     ELSE sum(greatest(reltuples, 0)) FILTER (WHERE NOT parent) END AS row_estimate
         FROM leaf GROUP BY root
         -- A partitioned table without partitions has no storage: not a table of the scan (as in topTables).
         HAVING bool_or(NOT parent)
       )
       SELECT n.nspname AS schema_name, r.table_name, r.total::text AS total_bytes, (r.total - r.indexes - r.toast)::text AS data_bytes,
              r.indexes::text AS index_bytes, r.toast::text AS toast_bytes, round(r.row_estimate)::bigint::text AS row_estimate,
              false AS locked, (SELECT present FROM locked) AS locks_present
       FROM rolled r JOIN pg_namespace n ON n.oid = r.nsp
       ORDER BY r.total DESC, n.nspname, r.table_name COLLATE "C"
       LIMIT $1`,
      [limit],
    );
  },

  /**
   * The `limit` largest tables of the connected database, partitions rolled up to their root (pg_partition_root),
   * materialized views counted as tables; system schemas and other sessions' temporary tables left out. Sizes as
   * pg_total_relation_size (total), pg_indexes_size (index), the TOAST relation with its index (toast), the rest
   * (heap with its forks) as data: total = data + index + toast, data + toast = pg_table_size. A table is not sized
   * when pg_locks shows ACCESS EXCLUSIVE held or requested on it, one of its partitions, their indexes or TOAST
   * relations: sizing takes ACCESS SHARE, which would queue behind it. Those come back as `locked` rows.
   */
  topTables(session: EngineSession, limit: number): Promise<PostgresTableRow[]> {
    return session.query<PostgresTableRow>(
      `WITH locked AS (
         SELECT DISTINCT l.relation FROM pg_locks l
         WHERE l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock'
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
       ),
       leaf AS (
         SELECT c.oid, c.reltoastrelid, c.reltuples, coalesce(pg_partition_root(c.oid), c.oid) AS root
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'm') AND c.relpersistence <> 't'
           AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
       ),
       blocked AS (
         SELECT DISTINCT leaf.root FROM leaf
         WHERE leaf.oid IN (SELECT relation FROM locked) OR leaf.root IN (SELECT relation FROM locked)
            OR leaf.reltoastrelid IN (SELECT relation FROM locked)
            OR EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid IN (leaf.oid, leaf.reltoastrelid) AND i.indexrelid IN (SELECT relation FROM locked))
       ),
       sized AS (
         SELECT leaf.root, leaf.reltuples,
                coalesce(pg_total_relation_size(leaf.oid), 0) AS total,
                coalesce(pg_indexes_size(leaf.oid), 0) AS indexes,
                CASE WHEN leaf.reltoastrelid = 0 THEN 0 ELSE coalesce(pg_total_relation_size(leaf.reltoastrelid), 0) END AS toast
         FROM leaf WHERE leaf.root NOT IN (SELECT root FROM blocked)
       ),
       rolled AS (
         SELECT root, sum(total) AS total, sum(indexes) AS indexes, sum(toast) AS toast,
                -- reltuples is -1 (PostgreSQL 14+) until the first VACUUM/ANALYZE: unknown, not 0.
                CASE WHEN bool_and(reltuples < 0) THEN NULL ELSE sum(greatest(reltuples, 0)) END AS row_estimate
         FROM sized GROUP BY root
       )
       (SELECT n.nspname AS schema_name, c.relname AS table_name, r.total::text AS total_bytes,
               (r.total - r.indexes - r.toast)::text AS data_bytes, r.indexes::text AS index_bytes, r.toast::text AS toast_bytes,
               round(r.row_estimate)::bigint::text AS row_estimate, false AS locked
        FROM rolled r JOIN pg_class c ON c.oid = r.root JOIN pg_namespace n ON n.oid = c.relnamespace
        ORDER BY r.total DESC, n.nspname, c.relname
        LIMIT $1)
       UNION ALL
       (SELECT n.nspname, c.relname, NULL, NULL, NULL, NULL, NULL, true
        FROM blocked b JOIN pg_class c ON c.oid = b.root JOIN pg_namespace n ON n.oid = c.relnamespace)`,
      [limit],
    );
  },
};
