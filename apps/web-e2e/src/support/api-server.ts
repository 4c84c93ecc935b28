import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { accepts, freePort } from '../../../api/src/test-support/ports';

export const ROOT = resolve(__dirname, '../../../..');
export const API_MAIN = join(ROOT, 'dist/apps/api/main.js');
export const WEB_INDEX = join(ROOT, 'dist/apps/web/index.html');
export const OUTPUT_DIR = join(ROOT, 'test-output/e2e');
export const E2E_ADMIN_PASSWORD = 'e2e-admin-password';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export interface RunningApi {
  baseUrl: string;
  port: number;
  pgPort: number;
  dataDir: string;
  logFile: string;
  /** SIGTERM, wait for the exit, make sure the embedded PostgreSQL is down, remove the data directory. */
  stop(): Promise<{ exitCode: number | null; pgStopped: boolean }>;
}

/**
 * The built product as a user runs it (`node dist/apps/api/main.js`): embedded PostgreSQL in a
 * fresh DATA_DIR, demo data seeded, API + SPA on a free port.
 */
export async function startApi(): Promise<RunningApi> {
  for (const file of [API_MAIN, WEB_INDEX]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" before the browser tests`);
  }
  await mkdir(OUTPUT_DIR, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), 'capacity-e2e-'));
  await chmod(dataDir, 0o755);
  const [port, pgPort] = [await freePort(), await freePort()];
  const logFile = join(OUTPUT_DIR, 'api.log');
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(process.execPath, [API_MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      DATA_DIR: dataDir,
      DEMO: '1',
      ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      COLLECT_ENABLED: 'false',
      AGGREGATION_ENABLED: 'false',
      PARTITION_ENABLED: 'false',
      CLEANUP_ENABLED: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exitCode: number | null = null;
  const exited = new Promise<void>((done) =>
    child.once('exit', (code) => {
      exitCode = code;
      done();
    }),
  );

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exitCode !== null) throw new Error(`the API exited with code ${exitCode} during start-up; see ${logFile}:\n${tail(logFile)}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the API did not answer /api/v1/health within 180 s; see ${logFile}:\n${tail(logFile)}`);
    }
    const healthy = await fetch(`${baseUrl}/api/v1/health`).then((response) => response.ok, () => false);
    if (healthy) break;
    await sleep(500);
  }

  return {
    baseUrl,
    port,
    pgPort,
    dataDir,
    logFile,
    async stop() {
      if (exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(30_000)]);
        if (exitCode === null) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      // The API stops its PostgreSQL on SIGTERM; if it could not, stop the postmaster it started.
      let pgStopped = !(await accepts(pgPort));
      if (!pgStopped) {
        const pidFile = join(dataDir, 'pg', 'postmaster.pid');
        const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : NaN;
        if (pid > 0) process.kill(pid, 'SIGINT');
        for (let i = 0; i < 40 && (await accepts(pgPort)); i++) await sleep(250);
        pgStopped = false; // reported as a failure: the API should have stopped it itself
      }
      log.end();
      await rm(dataDir, { recursive: true, force: true });
      return { exitCode, pgStopped };
    },
  };
}

function tail(file: string, lines = 40): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '';
}

/** JSON call to the running API. */
export async function apiCall<T>(api: RunningApi, method: string, path: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${api.baseUrl}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
