#!/usr/bin/env node
// The whole test suite: builds what the browser tests serve, runs every Vitest project and prints one summary.
// Projects that need a server that is absent are skipped loudly, never silently.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';

const warn = (text) => process.stdout.write(`\n\x1b[33m!!! ${text}\x1b[0m\n`);

function reachable(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return result.status ?? 1;
}

if (run('npm', ['run', 'build']) !== 0) {
  process.stdout.write('\nTests: 0 passed, 0 failed (the build failed)\n');
  process.exit(1);
}

const projects = ['contracts', 'api-unit', 'api-integration', 'web', 'web-e2e'];
const localPg = process.env.TEST_DATABASE_URL ? new URL(process.env.TEST_DATABASE_URL) : new URL('postgres://127.0.0.1:5432');
if (await reachable(localPg.hostname, Number(localPg.port || 5432))) {
  projects.push('api-integration-local-pg');
} else {
  warn(`SKIPPED project api-integration-local-pg: no PostgreSQL at ${localPg.host} (set TEST_DATABASE_URL or start the server)`);
}
if (!(await reachable('127.0.0.1', 3306))) warn('MariaDB is not running at 127.0.0.1:3306: the MySQL collector specs will fail');
if (!existsSync('/usr/bin/chromium')) {
  warn('SKIPPED project web-e2e: /usr/bin/chromium is missing (apt-get install -y chromium)');
  projects.splice(projects.indexOf('web-e2e'), 1);
}
if (!process.env.MSSQL_URL) warn('SKIPPED: SQL Server collector integration specs (set MSSQL_URL to run them)');
if (!process.env.ORACLE_URL) warn('SKIPPED: Oracle collector integration specs (set ORACLE_URL to run them)');

mkdirSync('test-output', { recursive: true });
const reportFile = 'test-output/vitest-report.json';
const status = run('npx', [
  'vitest',
  'run',
  ...projects.flatMap((name) => ['--project', name]),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${reportFile}`,
  ...process.argv.slice(2),
]);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(reportFile)) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped (projects: ${projects.join(', ')})\n`);
if (passed === 0) {
  process.stdout.write('No test passed: treating the run as failed.\n');
  process.exit(1);
}
process.exit(status === 0 && failed === 0 ? 0 : 1);
