import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { closedPort } from './local-engines';

const run = promisify(execFile);
const READY_TIMEOUT_MS = 60_000;

export interface OwnMariadb {
  host: string;
  port: number;
  username: 'root';
  query<T>(sql: string): Promise<T[]>;
  stop(): Promise<void>;
}

/**
 * A MariaDB server of the spec's own, with the binary log on: a fresh data directory (mariadb-install-db) and
 * `mariadbd --log-bin` on a spare loopback port, root without a password. `stop()` ends it and removes the directory.
 */
export async function startOwnMariadb(): Promise<OwnMariadb> {
  const dir = await mkdtemp(join(tmpdir(), 'capacity-mariadb-'));
  const datadir = join(dir, 'data');
  // --no-defaults: the machine's my.cnf (its port, socket, data directory) must not leak in.
  await run('mariadb-install-db', ['--no-defaults', `--datadir=${datadir}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db']);
  const port = await closedPort();
  const child = spawn(
    'mariadbd',
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${join(dir, 's')}`,
      `--pid-file=${join(dir, 'pid')}`,
      `--log-error=${join(dir, 'error.log')}`,
      '--log-bin=binlog',
      '--binlog-format=ROW', // rows, not statements: the logs grow with the data written
      '--innodb-buffer-pool-size=16M',
      '--user=root',
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  const connect = () => createConnection({ host: '127.0.0.1', port, user: 'root', supportBigNumbers: true, bigNumberStrings: true });
  try {
    await waitUntilReady(child, connect);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    username: 'root',
    async query<T>(sql: string): Promise<T[]> {
      const connection = await connect();
      try {
        const [rows] = await connection.query(sql);
        return rows as T[];
      } finally {
        await connection.end();
      }
    },
    stop,
  };
}

async function waitUntilReady(child: ChildProcess, connect: () => ReturnType<typeof createConnection>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mariadbd exited with code ${child.exitCode} before accepting connections`);
    try {
      await (await connect()).end();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`mariadbd not ready after ${READY_TIMEOUT_MS} ms`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
