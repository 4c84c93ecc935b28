import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const MAIN = resolve(__dirname, '../../../dist/apps/api/main.js');
const built = existsSync(MAIN);
if (!built) process.stdout.write(`\n!!! SKIPPED quick-start spec: ${MAIN} is missing (run npm run build first)\n`);

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

/** `node dist/apps/api/main.js` with only DATA_DIR and ports set, as `npm start` runs it; resolves once it listens. */
async function start(dataDir: string, port: number, pgPort: number): Promise<Started> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const deadline = Date.now() + 90_000;
  while (!text.includes(`Capacity is running at http://localhost:${port}`)) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${text}`);
    if (Date.now() > deadline) throw new Error(`the API did not start within 90 s:\n${text}`);
    await new Promise((done) => setTimeout(done, 200));
  }
  return { child, output: () => text, exit };
}

async function login(port: number, password: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  return response.status;
}

describe.runIf(built)('quick start: the built API on a fresh data directory, then restarted', () => {
  let dataDir: string;
  let running: Started | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'capacity-quick-start-'));
    await chmod(dataDir, 0o755);
  });
  afterAll(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGTERM');
      await running.exit;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints the URL and a generated admin password once; the password survives a restart', async () => {
    const [port, pgPort] = [await freePort(), await freePort()];

    running = await start(dataDir, port, pgPort);
    const printed = /First admin created: username "admin", password "([^"]+)"/.exec(running.output());
    expect(printed).not.toBeNull();
    const password = printed![1];
    expect(await login(port, password)).toBe(200);
    expect(await login(port, 'not-the-password')).toBe(401);
    running.child.kill('SIGTERM');
    expect(await running.exit).toBe(0);
    expect(running.output()).toContain('embedded PostgreSQL stopped');

    running = await start(dataDir, port, pgPort);
    expect(running.output()).not.toContain('First admin created');
    expect(running.output()).not.toContain('applied migration');
    expect(await login(port, password)).toBe(200);
    running.child.kill('SIGTERM');
    expect(await running.exit).toBe(0);
  });
});
