import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { createConnection } from 'mysql2/promise';
import { Client } from 'pg';

/** The machine's own engines the collection specs measure (DESIGN: real parts in tests). */
export const LOCAL_PG = { host: '127.0.0.1', port: 5432, username: 'postgres' };
export const LOCAL_MYSQL = { host: '127.0.0.1', port: 3306, username: 'root' };

export const uniqueSuffix = (): string => randomBytes(4).toString('hex');
export const quotePg = (name: string): string => `"${name.replace(/"/g, '""')}"`;
export const quoteMysql = (name: string): string => `\`${name.replace(/`/g, '``')}\``;

export async function withPg<T>(work: (client: Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const client = new Client({ host: LOCAL_PG.host, port: LOCAL_PG.port, user: LOCAL_PG.username, database });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function withMysql<T>(work: (connection: Awaited<ReturnType<typeof createConnection>>) => Promise<T>): Promise<T> {
  const connection = await createConnection({ host: LOCAL_MYSQL.host, port: LOCAL_MYSQL.port, user: LOCAL_MYSQL.username, charset: 'utf8mb4', supportBigNumbers: true, bigNumberStrings: true });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

/** pg_database_size of each name, read from the postgres database (no connection to the measured ones). */
export function pgDatabaseSizes(names: string[]): Promise<Map<string, number>> {
  return withPg(async (client) => {
    const result = await client.query<{ datname: string; size: string }>(
      `SELECT datname, pg_database_size(oid)::text AS size FROM pg_database WHERE datname = ANY($1)`,
      [names],
    );
    return new Map(result.rows.map((row) => [row.datname, Number(row.size)]));
  });
}

/** A PostgreSQL database with one table of `rows` rows, vacuumed so its files stop changing. */
export async function createPgDatabase(name: string, rows: number): Promise<void> {
  await withPg((client) => client.query(`CREATE DATABASE ${quotePg(name)}`));
  await withPg(async (client) => {
    await client.query(`CREATE TABLE readings (id int PRIMARY KEY, payload text) WITH (autovacuum_enabled = false)`);
    await client.query(`INSERT INTO readings SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, $1) g`, [rows]);
    await client.query('VACUUM ANALYZE readings');
  }, name);
}

export async function dropPgDatabases(names: string[]): Promise<void> {
  await withPg(async (client) => {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${quotePg(name)} WITH (FORCE)`);
  });
}

/** The engine's own figure for a MySQL/MariaDB schema: InnoDB tablespace files + non-InnoDB table lengths. */
export function mysqlSchemaSize(schema: string): Promise<number> {
  return withMysql(async (connection) => {
    const view = await innodbTablespaceView();
    const [rows] = await connection.query(
      `SELECT
         (SELECT COALESCE(SUM(FILE_SIZE), 0) FROM information_schema.${view}
          WHERE NAME LIKE '%/%' AND CONVERT(CONVERT(CONVERT(SUBSTRING_INDEX(NAME, '/', 1) USING binary) USING filename) USING utf8mb4) = ?)
         +
         (SELECT COALESCE(SUM(DATA_LENGTH + INDEX_LENGTH), 0) FROM information_schema.TABLES
          WHERE TABLE_SCHEMA = ? AND ENGINE <> 'InnoDB') AS size`,
      [schema, schema],
    );
    return Number((rows as { size: string }[])[0].size);
  });
}

export async function innodbTablespaceView(): Promise<string> {
  return withMysql(async (connection) => {
    const [rows] = await connection.query(
      `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'information_schema' AND TABLE_NAME IN ('INNODB_TABLESPACES', 'INNODB_SYS_TABLESPACES')`,
    );
    const names = (rows as { name: string }[]).map((row) => row.name);
    return names.includes('INNODB_TABLESPACES') ? 'INNODB_TABLESPACES' : 'INNODB_SYS_TABLESPACES';
  });
}

export async function dropMysqlSchemas(names: string[]): Promise<void> {
  await withMysql(async (connection) => {
    for (const name of names) await connection.query(`DROP DATABASE IF EXISTS ${quoteMysql(name)}`);
  });
}

/** A port nothing listens on (bound then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A server that accepts connections and never sends a byte (a hung database). */
export async function silentServer(): Promise<{ port: number; connections: () => number; open: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.resume(); // read (and ignore) what the client sends, so its close is noticed
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    connections: () => accepted,
    open: () => sockets.size,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
