import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { required } from './common/required';
import { BUILT_MAIN, type BuiltApp, freePort, isBuilt, postLogin, spawnBuiltApp, stopBuiltApp, waitUntilListening } from './database/testing/built-app';

const built = isBuilt();
if (!built) process.stdout.write(`\n!!! SKIPPED quick-start spec: ${BUILT_MAIN} is missing (run npm run build first)\n`);

/** `node dist/apps/api/main.js` with only DATA_DIR and ports set, as `npm start` runs it; resolves once it listens. */
async function start(dataDir: string, port: number, pgPort: number): Promise<BuiltApp> {
  const app = spawnBuiltApp({ DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort) });
  await waitUntilListening(app);
  expect(app.output()).toContain(`Capacity is running at http://localhost:${port}`);
  return app;
}

const login = async (app: BuiltApp, password: string): Promise<number> => (await postLogin(app, 'admin', password)).status;

describe.runIf(built)('quick start: the built API on a fresh data directory, then restarted', () => {
  let dataDir: string;
  let running: BuiltApp | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'capacity-quick-start-'));
    await chmod(dataDir, 0o755);
  });
  afterAll(async () => {
    await stopBuiltApp(running);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints the URL and a generated admin password once; the password survives a restart', async () => {
    const [port, pgPort] = [await freePort(), await freePort()];

    running = await start(dataDir, port, pgPort);
    const printed = /First admin created: username "admin", password "([^"]+)"/.exec(running.output());
    expect(printed).not.toBeNull();
    const password = required(printed, 'the printed password')[1];
    expect(await login(running, password)).toBe(200);
    expect(await login(running, 'not-the-password')).toBe(401);
    running.child.kill('SIGTERM');
    expect(await running.exit).toBe(0);
    expect(running.output()).toContain('embedded PostgreSQL stopped');

    running = await start(dataDir, port, pgPort);
    expect(running.output()).not.toContain('First admin created');
    expect(running.output()).not.toContain('applied migration');
    expect(await login(running, password)).toBe(200);
    running.child.kill('SIGTERM');
    expect(await running.exit).toBe(0);
  });
});
