/**
 * npm run bench:login — a login flood must not starve the other users (issue 12). 50 concurrent wrong logins for 20 s,
 * spread over 50 existing usernames, while one client reads a month of history (GET /instances/:id/database-sizes,
 * 20 databases × 30 days). Both load generators run in child processes (http-load.ts). Throttling is raised out of the
 * way (LOGIN_THROTTLE_USER_LIMIT / LOGIN_THROTTLE_IP_LIMIT = 100000: every request comes from 127.0.0.1) so that every
 * login reaches bcrypt. Prints the reader's p50/p95 alone and during the flood (target p95 < 250 ms), the requests it
 * was served, and the logins answered per second.
 * Local PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres), throwaway database
 * (BENCH_KEEP=1 keeps it). BENCH_DURATION_S (20) and BENCH_LOGIN_CLIENTS (50) change the flood.
 */
import { Logger } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { BCRYPT_ROUNDS, HASH_CONCURRENCY, hashingLoad, hashPassword } from '../src/common/password-hasher';
import { loadAppConfig } from '../src/config/app-config';
import { configureApp } from '../src/configure-app';
import { appTestingModule } from '../src/test-support/app-testing-module';
import { createBenchDatabase, dropBenchDatabase, runBench } from './bench-support';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'capacity_bench_login';
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const LOGIN_CLIENTS = Number(process.env.BENCH_LOGIN_CLIENTS ?? 50);
const USERS = 50;
const DATABASES = 20;
const DAYS = 30;
const ADMIN_PASSWORD = 'bench-admin-password';

const run = promisify(execFile);
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

interface LoadResult {
  p50: number;
  p95: number;
  requests: number;
  errors: number;
  /** Requests without an answer within autocannon's 10 s. */
  timeouts: number;
}

/** One autocannon run in a child process (its own event loop). */
async function httpLoad(options: { url: string; connections: number; durationSeconds: number; token?: string; method?: 'POST'; bodies?: unknown[]; expectStatus?: number }): Promise<LoadResult> {
  const { stdout } = await run(process.execPath, [join(__dirname, 'run.cjs'), join(__dirname, 'http-load.ts'), JSON.stringify(options)], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as LoadResult;
}

async function seed(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const {
      rows: [{ id }],
    } = await client.query(`INSERT INTO instances (name, db_type, host, port, username) VALUES ('bench-history', 'postgresql', 'h', 5432, 'u') RETURNING id`);
    await client.query(
      `INSERT INTO database_size_stats (instance_id, database_name, size_bytes, data_size_bytes, log_size_bytes, collected_date, collected_at)
       SELECT $1, 'db_' || lpad(n::text, 2, '0'), s, (s * 0.8)::bigint, (s * 0.1)::bigint, d::date, d + interval '3 hours'
       FROM generate_series(1, $2::int) n, generate_series(current_date - ($3::int - 1), current_date, interval '1 day') d,
            LATERAL (SELECT (1e9 * n + extract(epoch FROM d))::bigint AS s) size`,
      [id, DATABASES, DAYS],
    );
    await client.query('ANALYZE');
    return id as number;
  } finally {
    await client.end();
  }
}

/** The flood's targets: existing users, so that each login is a real wrong-password check. */
async function seedUsers(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const hash = await hashPassword('the-right-password');
    await client.query(`INSERT INTO users (username, password_hash, role) SELECT 'bench-user-' || i, $1, 'viewer' FROM generate_series(1, $2::int) i`, [hash, USERS]);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  const { url, version } = await createBenchDatabase(SERVER_URL, DATABASE);
  const instanceId = await seed(url);

  const dataDir = mkdtempSync(join(tmpdir(), 'capacity-bench-login-'));
  const config = loadAppConfig({
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    ADMIN_PASSWORD,
    COLLECT_ENABLED: 'false',
    AGGREGATION_ENABLED: 'false',
    PARTITION_ENABLED: 'false',
    CLEANUP_ENABLED: 'false',
    LOGIN_THROTTLE_USER_LIMIT: '100000',
    LOGIN_THROTTLE_IP_LIMIT: '100000',
  });
  const app = (await appTestingModule(config, url).compile()).createNestApplication({ logger: ['error'] });
  configureApp(app, join(dataDir, 'no-web'));
  await app.listen(0, '127.0.0.1');
  await seedUsers(url); // after the start: the first admin is created only on a repository without users
  const { port } = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}/api/v1`;
  const login = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const { access_token: token } = (await login.json()) as { access_token: string };
  const historyUrl = `${baseUrl}/instances/${instanceId}/database-sizes`;
  const probe = await fetch(historyUrl, { headers: { authorization: `Bearer ${token}` } });
  if (probe.status !== 200) throw new Error(`GET ${historyUrl} answered ${probe.status}: ${await probe.text()}`);
  const body = (await probe.json()) as { data: { stats: unknown[] }[] };
  const readings = body.data.reduce((sum, database) => sum + database.stats.length, 0);

  console.log(`PostgreSQL ${version}, ${availableParallelism()} CPUs, load average ${load()} (shared machine)`);
  console.log(`bcrypt cost ${BCRYPT_ROUNDS} (native, libuv thread pool), at most ${HASH_CONCURRENCY} hash(es) at once; throttling raised to 100000 for the bench`);
  console.log(`history read: GET /instances/${instanceId}/database-sizes → ${body.data.length} databases, ${readings} readings`);

  const alone = await httpLoad({ url: historyUrl, token, connections: 1, durationSeconds: 5 });
  console.log(`reader alone (1 client, 5 s): p50 ${alone.p50.toFixed(1)} ms, p95 ${alone.p95.toFixed(1)} ms, ${alone.requests} requests, ${alone.errors} non-200`);

  const bodies = Array.from({ length: USERS }, (_, index) => ({ username: `bench-user-${index + 1}`, password: `wrong-password-${index}` }));
  const [flood, reader] = await Promise.all([
    httpLoad({ url: `${baseUrl}/auth/login`, method: 'POST', bodies, connections: LOGIN_CLIENTS, durationSeconds: DURATION_S, expectStatus: 401 }),
    httpLoad({ url: historyUrl, token, connections: 1, durationSeconds: DURATION_S }),
  ]);
  console.log(
    `reader during the flood (1 client, ${DURATION_S} s): p50 ${reader.p50.toFixed(1)} ms, p95 ${reader.p95.toFixed(1)} ms (target < 250 ms), ` +
      `${reader.requests} requests served, ${reader.errors} non-200  [load ${load()}]`,
  );
  console.log(
    `login flood (${LOGIN_CLIENTS} clients, ${DURATION_S} s): ${flood.requests} wrong logins answered 401 = ${(flood.requests / DURATION_S).toFixed(1)}/s, ` +
      `p50 ${flood.p50.toFixed(0)} ms, p95 ${flood.p95.toFixed(0)} ms (queued behind the hash limit), ${flood.errors} other answers, ${flood.timeouts} timeouts`,
  );

  // Let the logins still queued when the clients stopped finish before the pool closes.
  while (hashingLoad().active + hashingLoad().queued > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => setTimeout(resolve, 500));
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (!process.env.BENCH_KEEP) await dropBenchDatabase(SERVER_URL, DATABASE);
}

runBench(main);
