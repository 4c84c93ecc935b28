import { Logger } from '@nestjs/common';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { required } from '../common/required';
import { accepts, freePort } from '../test-support/ports';
import { testServerKind } from '../test-support/test-database';
import { startEmbeddedPostgres, type EmbeddedRepository } from './embedded-postgres';
import { MIGRATIONS } from './migrations';
import { isRunning } from './postmaster-process';
import { runMigrations } from './run-migrations';

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

// The embedded cluster is what this spec is about; the local-server project has nothing to add.
if (testServerKind() !== 'embedded') console.warn('SKIPPED here: the restart spec is about the embedded cluster and runs in the api-integration project');
describe.runIf(testServerKind() === 'embedded')('start-up on an existing data directory', () => {
  const quiet = new Logger('EmbeddedPostgresSpec');
  let dataDir: string;
  let running: EmbeddedRepository | undefined;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    dataDir = await mkdtemp(join(tmpdir(), 'capacity-restart-'));
  });
  afterAll(async () => {
    await running?.stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('migrates once, keeps the data across a restart and runs no migration again', async () => {
    const port = await freePort();

    running = await startEmbeddedPostgres(dataDir, port, quiet);
    expect(existsSync(join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(await runMigrations(running.url)).toEqual(MIGRATIONS.map((migration) => new migration().name));
    await query(running.url, `INSERT INTO users (username, password_hash, role) VALUES ('survivor', 'x', 'viewer')`);
    const firstUrl = running.url;
    await running.stop();
    running = undefined;
    expect(await accepts(port)).toBe(false);

    running = await startEmbeddedPostgres(dataDir, port, quiet);
    expect(running.url).toBe(firstUrl); // the generated password file is reused
    expect(await runMigrations(running.url)).toEqual([]);
    expect(await query(running.url, `SELECT username, role FROM users`)).toEqual([{ username: 'survivor', role: 'viewer' }]);
    const [{ count }] = await query<{ count: string }>(running.url, `SELECT count(*) FROM migrations`);
    expect(Number(count)).toBe(MIGRATIONS.length);
    await running.stop();
    running = undefined;
    expect(await accepts(port)).toBe(false);
  });

  it('starts over a stale postmaster.pid whose pid is now another live process, and leaves that process alone', async () => {
    const port = await freePort();
    running = await startEmbeddedPostgres(dataDir, port, quiet);
    const lockText = await readFile(join(dataDir, 'pg', 'postmaster.pid'), 'utf8');
    await running.stop();
    running = undefined;
    // The server's own user, so that postgres itself could signal it and would refuse such a lock file.
    const asServerUser = process.getuid?.() === 0 ? { uid: Number(execFileSync('id', ['-u', 'postgres'])), gid: Number(execFileSync('id', ['-g', 'postgres'])) } : {};
    const stranger = spawn('sleep', ['60'], asServerUser);
    try {
      await new Promise((done) => stranger.once('spawn', done));
      await writeFile(join(dataDir, 'pg', 'postmaster.pid'), lockText.replace(/^\d+/, String(stranger.pid)));

      running = await startEmbeddedPostgres(dataDir, port, quiet);
      expect(await query(running.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
      expect(running.pid()).not.toBe(stranger.pid);
      expect(await isRunning(required(stranger.pid, 'the stranger pid'))).toBe(true);
      await running.stop();
      running = undefined;
    } finally {
      stranger.kill();
    }
  });
});
