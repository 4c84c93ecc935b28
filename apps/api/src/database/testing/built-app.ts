import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export { freePort } from '../../test-support/ports';

/** The API as `npm start` runs it: crash specs need a real process to SIGKILL. */
export const BUILT_MAIN = resolve(__dirname, '../../../../../dist/apps/api/main.js');
export const isBuilt = (): boolean => existsSync(BUILT_MAIN);

export interface BuiltApp {
  child: ChildProcess;
  port: number;
  /** Everything it printed so far (stdout and stderr; NO_COLOR keeps the log plain). */
  output(): string;
  exit: Promise<number | null>;
  /** fetch against the app. */
  request(path: string, init?: RequestInit): Promise<Response>;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Spawns `node dist/apps/api/main.js` with only `env` (and PATH); `waitUntilListening` resolves once it serves. */
export function spawnBuiltApp(env: Record<string, string>): BuiltApp {
  const child = spawn(process.execPath, [BUILT_MAIN], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const append = (chunk: Buffer) => (text += chunk.toString());
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exit = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const port = Number(env.PORT);
  return { child, port, output: () => text, exit, request: (path, init) => fetch(`http://127.0.0.1:${port}${path}`, init) };
}

export async function waitUntilListening(app: BuiltApp, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!app.output().includes('Capacity is running at')) {
    if (app.child.exitCode !== null) throw new Error(`the API exited with ${app.child.exitCode}:\n${app.output()}`);
    if (Date.now() > deadline) throw new Error(`the API did not start within ${timeoutMs / 1000} s:\n${app.output()}`);
    await sleep(100);
  }
}

/** POST /auth/login as it is answered, whatever the status. */
export function postLogin(app: BuiltApp, username: string, password: string): Promise<Response> {
  return app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

export async function login(app: BuiltApp, username: string, password: string): Promise<string> {
  const response = await postLogin(app, username, password);
  if (response.status !== 200) throw new Error(`login answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** SIGTERM and wait; a process that is already gone is left alone. */
export async function stopBuiltApp(app: BuiltApp | undefined): Promise<number | null | undefined> {
  if (!app) return undefined;
  if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGTERM');
  return app.exit;
}
