import type { SessionDetailResponse } from '@capacity/contracts';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { required } from '../common/required';
import { LOCAL_PG, silentServer } from '../collection/testing/local-engines';
import { testServerKind } from '../test-support/test-database';
import { isRunning, readPostmasterLock } from './postmaster-process';
import { type BuiltApp, freePort, isBuilt, login, spawnBuiltApp, stopBuiltApp, waitUntilListening } from './testing/built-app';

const ADMIN_PASSWORD = 'crash-admin-password';
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const runsHere = testServerKind() === 'embedded' && isBuilt();
if (!isBuilt()) process.stdout.write('\n!!! SKIPPED crash-recovery spec: dist/apps/api/main.js is missing (run npm run build first)\n');
else if (!runsHere) console.warn('SKIPPED here: the crash-recovery spec runs the built app on its own embedded cluster (api-integration project)');

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe.runIf(runsHere).sequential('the built app after kill -9, and its embedded PostgreSQL supervised', () => {
  const dirs: string[] = [];
  const apps: BuiltApp[] = [];
  let silent: Awaited<ReturnType<typeof silentServer>>;
  let dataDir: string;
  let pgPort: number;
  let running: BuiltApp;
  let token: string;

  const newDataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'capacity-crash-'));
    await chmod(dir, 0o755);
    dirs.push(dir);
    return dir;
  };
  const start = async (env: Record<string, string>, wait = true): Promise<BuiltApp> => {
    const app = spawnBuiltApp({ ADMIN_PASSWORD, PORT: String(await freePort()), ...env });
    apps.push(app);
    if (wait) await waitUntilListening(app);
    return app;
  };
  const get = (app: BuiltApp, path: string) => app.request(path, { headers: { authorization: `Bearer ${token}` } });
  const session = async (app: BuiltApp, id: string) => (await (await get(app, `/api/v1/sessions/${id}`)).json()) as SessionDetailResponse;

  beforeAll(async () => {
    silent = await silentServer();
    dataDir = await newDataDir();
    pgPort = await freePort();
  });
  afterAll(async () => {
    for (const app of apps) await stopBuiltApp(app);
    // A postmaster left behind by a failed assertion must not outlive the spec.
    for (const dir of dirs) {
      const lock = await readPostmasterLock(join(dir, 'pg'));
      if (lock && (await isRunning(lock.pid))) process.kill(lock.pid, 'SIGINT');
    }
    await sleep(500);
    await silent.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('comes up again on the same DATA_DIR after a SIGKILL mid-collection and ends the interrupted run once its collector is found dead', async () => {
    // No retry: the job the dead process held is handed back once its heartbeat is stale (long before its lease of
    // twice the timeout runs out), fails for good, and the run ends.
    const env = { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), COLLECT_TIMEOUT_MS: '600000', COLLECT_RETRIES: '0' };
    const first = await start(env);
    token = await login(first, 'admin', ADMIN_PASSWORD);
    const create = async (name: string, port: number) => {
      const response = await first.request('/api/v1/instances', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name, db_type: 'postgresql', host: LOCAL_PG.host, port, username: LOCAL_PG.username, database_name: 'postgres' }),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { id: number }).id;
    };
    const localId = await create('local-pg', LOCAL_PG.port);
    const hungId = await create('hung-pg', silent.port);
    const run = await first.request('/api/v1/collections/run', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(run.status).toBe(202);
    const { session_id: sessionId } = (await run.json()) as { session_id: string };
    // Mid-collection: the real instance is measured, the hung one still waits for its server.
    await waitFor('the local instance to be collected', async () => {
      const records = (await session(first, sessionId)).records;
      return records.find((record) => record.instance_id === localId)?.status === 'completed' ? true : undefined;
    });
    const orphan = required(await readPostmasterLock(join(dataDir, 'pg')), 'postmaster.pid').pid;

    first.child.kill('SIGKILL');
    await first.exit;
    expect(await isRunning(orphan)).toBe(true); // the postmaster outlives its parent: what used to block the next start

    const second = await start(env);
    expect(second.output()).toContain(`found the embedded PostgreSQL (pid ${orphan}) left running`);
    expect(await isRunning(orphan)).toBe(false);
    expect((await second.request('/api/v1/health')).status).toBe(200);
    const after = await waitFor('the interrupted run to end', async () => {
      const current = await session(second, sessionId);
      return current.status === 'running' ? undefined : current;
    }, 60_000);
    expect(after.status).toBe('partial');
    expect(after.records.find((record) => record.instance_id === localId)?.status).toBe('completed');
    expect(after.records.find((record) => record.instance_id === hungId)).toMatchObject({ status: 'failed', error_message: expect.stringContaining('its collector died') });
    running = second;
  }, 180_000);

  it('refuses a second product on the same EMBEDDED_PG_PORT with another DATA_DIR, naming the port', async () => {
    const other = await start({ DATA_DIR: await newDataDir(), EMBEDDED_PG_PORT: String(pgPort) }, false);
    expect(await other.exit).not.toBe(0);
    expect(other.output()).toContain(`Capacity failed to start: port ${pgPort} on 127.0.0.1 is already in use`);
    expect(other.output()).toContain('EMBEDDED_PG_PORT');
    expect(other.output()).not.toContain('TypeError');
    expect((await running.request('/api/v1/health')).status).toBe(200); // the running one is untouched
  }, 60_000);

  it('never stops the server of a Capacity that is still running on the same DATA_DIR', async () => {
    const pid = running.child.pid;
    const other = await start({ DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort) }, false);
    expect(await other.exit).not.toBe(0);
    expect(other.output()).toContain(`belongs to a running process (pid ${pid}); is another Capacity using this DATA_DIR?`);
    expect((await running.request('/api/v1/health')).status).toBe(200);
  }, 60_000);

  it('restarts a killed embedded postmaster: 503 while it is down, 200 again without restarting the app', async () => {
    const postmaster = required(await readPostmasterLock(join(dataDir, 'pg')), 'postmaster.pid').pid;
    process.kill(postmaster, 'SIGKILL');
    const statuses: number[] = [];
    await waitFor(
      'the API to answer 200 again',
      async () => {
        const status = (await get(running, '/api/v1/instances')).status;
        statuses.push(status);
        return status === 200 && statuses.includes(503) ? true : undefined;
      },
      60_000,
    );
    expect(new Set(statuses.filter((status) => status !== 200))).toEqual(new Set([503]));
    expect(running.output()).toMatch(/the embedded PostgreSQL on port \d+ stopped unexpectedly; restarting it/);
    expect(running.output()).toMatch(/the embedded PostgreSQL on port \d+ restarted \(attempt \d of \d\)/);
    expect(required(await readPostmasterLock(join(dataDir, 'pg')), 'postmaster.pid').pid).not.toBe(postmaster);
    expect(running.child.exitCode).toBeNull();
  }, 90_000);

  it('exits non-zero when the embedded server dies and cannot be restarted', async () => {
    const postmaster = required(await readPostmasterLock(join(dataDir, 'pg')), 'postmaster.pid').pid;
    process.kill(postmaster, 'SIGKILL');
    // Without its control file the cluster cannot start: every restart attempt fails.
    await rm(join(dataDir, 'pg', 'global', 'pg_control'));
    expect(await running.exit).toBe(1);
    expect(running.output()).toContain('could not be restarted after 6 attempts; giving up');
    expect(running.output()).toContain('exiting so that a supervisor restarts Capacity');
  }, 120_000);
});
