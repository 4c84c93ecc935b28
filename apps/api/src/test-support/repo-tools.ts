import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** The repository root: where package.json, openapi.json and redocly.yaml live. */
export const REPO_ROOT = resolve(__dirname, '../../../..');

export interface ToolRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The repository's own copy of a tool (e.g. 'typescript/bin/tsc'), run by this Node from the repository root. */
export function runRepoTool(script: string, args: string[], options: { cwd?: string } = {}): Promise<ToolRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(REPO_ROOT, 'node_modules', script), ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      // No network from a spec: no telemetry, no update check.
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', fail);
    child.once('close', (status) => done({ status, stdout, stderr }));
  });
}
