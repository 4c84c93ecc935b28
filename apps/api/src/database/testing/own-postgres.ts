import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The PostgreSQL 15 server binaries of the machine (Debian's postgresql-15). */
export const PG_BIN = '/usr/lib/postgresql/15/bin';
const run = promisify(execFile);

/** Runs a server binary as the machine's `postgres` user: PostgreSQL refuses to run as root. */
export async function asPostgres(command: string, args: string[]): Promise<string> {
  const { stdout } = await run('runuser', ['-u', 'postgres', '--', join(PG_BIN, command), ...args], { timeout: 120_000 });
  return stdout;
}

export const ownPgUrl = (port: number, database = 'postgres'): string => `postgres://postgres@127.0.0.1:${port}/${database}`;

/** A scratch directory the `postgres` user owns, for clusters; `remove` deletes it. */
export async function clusterRoot(prefix: string): Promise<{ root: string; remove: () => void }> {
  const root = mkdtempSync(join(tmpdir(), prefix));
  await run('chown', ['postgres:postgres', root]);
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Starts (and waits for) the cluster in `dir` on 127.0.0.1:`port`, its socket and log in `root`. */
export async function startCluster(root: string, dir: string, port: number, settings: string[] = []): Promise<void> {
  const options = [`-p ${port}`, '-c listen_addresses=127.0.0.1', `-k ${root}`, '-c fsync=off', ...settings.map((setting) => `-c ${setting}`)].join(' ');
  await asPostgres('pg_ctl', ['-D', dir, '-l', join(root, `${port}.log`), '-w', '-t', '60', '-o', options, 'start']);
}

export async function stopCluster(dir: string): Promise<void> {
  await asPostgres('pg_ctl', ['-D', dir, '-w', '-m', 'fast', 'stop']);
}

/** A new cluster in `dir` (trust authentication on loopback, replication connections included). */
export async function initCluster(dir: string): Promise<void> {
  await asPostgres('initdb', ['-D', dir, '-U', 'postgres', '--auth=trust', '--no-sync']);
}
