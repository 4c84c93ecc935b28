import type { EngineSession } from '../connections/connection-options';

export interface PostgresDatabaseRow {
  oid: number;
  name: string;
  may_connect: boolean;
  /** null when the user may not read it (no CONNECT, not pg_read_all_stats). */
  size_bytes: string | null;
}

/** The SQL the PostgreSQL collector runs on a monitored server. */
export const postgresSizeRepository = {
  /**
   * Every non-template database, sized in one statement where the user may. A database closed to
   * connections (`datallowconn = false`, e.g. for maintenance) is counted: pg_database_size() reads
   * its files without connecting to it. Templates stay out on purpose: template0/template1 are
   * scaffolding for CREATE DATABASE, not data anyone monitors (README, "What is collected").
   */
  listDatabasesWithSizes(session: EngineSession): Promise<PostgresDatabaseRow[]> {
    return session.query<PostgresDatabaseRow>(
      `SELECT d.oid::int AS oid, d.datname AS name,
              has_database_privilege(d.oid, 'CONNECT') AS may_connect,
              CASE WHEN has_database_privilege(d.oid, 'CONNECT') OR pg_has_role('pg_read_all_stats', 'MEMBER')
                   THEN pg_database_size(d.oid) END::text AS size_bytes
       FROM pg_database d
       WHERE NOT d.datistemplate
       ORDER BY d.datname`,
    );
  },

  listDatabases(session: EngineSession): Promise<Omit<PostgresDatabaseRow, 'size_bytes'>[]> {
    return session.query(
      `SELECT d.oid::int AS oid, d.datname AS name,
              has_database_privilege(d.oid, 'CONNECT') OR pg_has_role('pg_read_all_stats', 'MEMBER') AS may_connect
       FROM pg_database d WHERE NOT d.datistemplate ORDER BY d.datname`,
    );
  },

  /** One database's size; throws when it was dropped meanwhile. */
  async databaseSize(session: EngineSession, oid: number): Promise<string> {
    const [row] = await session.query<{ size_bytes: string }>(`SELECT pg_database_size($1::oid)::text AS size_bytes`, [oid]);
    return row.size_bytes;
  },

  /** Total WAL on disk; needs superuser or pg_monitor (throws 42501 otherwise). */
  async walBytes(session: EngineSession): Promise<string> {
    const [row] = await session.query<{ bytes: string }>(`SELECT coalesce(sum(size), 0)::text AS bytes FROM pg_ls_waldir()`);
    return row.bytes;
  },
};
