/**
 * npm run bench:csv — the CSV export of 100,000 aggregation rows (GET /aggregations?format=csv) against the real Nest
 * app on a throwaway database on the local PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres):
 * 1,000 instances, the 250 postgresql ones × 20 databases × 20 days of daily aggregation rows written straight into
 * database_size_aggregations. Prints the time of each download (from a child process, so the RSS sampled is the API's
 * alone) and the peak RSS growth of this process. BENCH_DATABASE names the database (default capacity_bench_csv);
 * BENCH_KEEP=1 keeps it, BENCH_REUSE=1 runs on a kept one.
 */
import { addDays } from '@capacity/contracts';
import { Logger } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { createDataSetPartitions, insertDataSetInstances } from './aggregate-data-set';
import { createBenchDatabase, dropBenchDatabase, runBench, withDatabase } from './bench-support';
import { loadAppConfig } from '../src/config/app-config';
import { configureApp } from '../src/configure-app';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrations } from '../src/database/run-migrations';
import { appTestingModule } from '../src/test-support/app-testing-module';

const run = promisify(execFile);
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = process.env.BENCH_DATABASE ?? 'capacity_bench_csv';
const SHAPE = { instances: 1000, databases: 20 };
const DAYS = 20; // 250 postgresql instances × 20 databases × 20 days = 100,000 rows
const RUNS = 3;
const TARGET = { ms: 3000, rssMb: 100 };
const ADMIN_PASSWORD = 'bench-admin-password';
const MB = 1024 * 1024;
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

if (!/^[a-z_][a-z0-9_]{0,62}$/.test(DATABASE)) throw new Error(`BENCH_DATABASE must be a plain lower-case identifier, not ${JSON.stringify(DATABASE)}`);

async function prepare(first: string, last: string): Promise<string> {
  if (process.env.BENCH_REUSE) {
    const url = withDatabase(SERVER_URL, DATABASE);
    await runMigrations(url, new Logger('bench'));
    return url;
  }
  const { url, version } = await createBenchDatabase(SERVER_URL, DATABASE);
  console.log(`PostgreSQL ${version}, ${cpus().length} CPUs, load average ${load()} (shared machine)`);
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    await createDataSetPartitions(dataSource, first, addDays(last, 1));
    await insertDataSetInstances(dataSource, SHAPE);
    // Every instance's rows (so the export filters 100,000 out of 400,000), sizes and nulls as real rollups have them.
    await dataSource.query(
      `INSERT INTO database_size_aggregations (instance_id, database_name, period_type, period_start, period_end, avg_size_bytes, max_size_bytes,
         min_size_bytes, avg_data_size_bytes, max_data_size_bytes, min_data_size_bytes, avg_log_size_bytes, max_log_size_bytes, min_log_size_bytes,
         data_count, size_change_bytes, size_change_percent, growth_rate)
       SELECT i, 'db_' || lpad(d::text, 2, '0'), 'daily', day, day, s, s + 4096, s - 4096, (s * 0.8)::bigint, (s * 0.8)::bigint, (s * 0.8)::bigint,
              CASE WHEN d % 4 = 0 THEN NULL ELSE (s * 0.2)::bigint END, CASE WHEN d % 4 = 0 THEN NULL ELSE (s * 0.2)::bigint END,
              CASE WHEN d % 4 = 0 THEN NULL ELSE (s * 0.2)::bigint END, 1,
              CASE WHEN day = $2::date THEN NULL ELSE ((i % 7) + d) * 65536 END, CASE WHEN day = $2::date THEN NULL ELSE round((i % 7 + d) / 100.0, 4) END,
              round((i % 13) / 10.0, 4)
       FROM generate_series(1, $1::int) i
       CROSS JOIN generate_series(1, $4::int) d
       CROSS JOIN LATERAL (SELECT $2::date + k AS day FROM generate_series(0, $3::date - $2::date) k) days
       CROSS JOIN LATERAL (SELECT ((100 + (i * 37 + d * 101) % 5000)::bigint * 1048576 + (day - $2::date) * ((i % 7) + d) * 65536)::bigint AS s) size`,
      [SHAPE.instances, first, last, SHAPE.databases],
    );
    await dataSource.query('VACUUM ANALYZE database_size_aggregations');
  } finally {
    await dataSource.destroy();
  }
  return url;
}

/** One download from a child process (the client's memory is not the API's): its time, data lines and bytes. */
async function download(url: string, token: string): Promise<{ ms: number; rows: number; bytes: number }> {
  const { stdout } = await run(process.execPath, [join(__dirname, 'run.cjs'), join(__dirname, 'http-download.ts'), JSON.stringify({ url, token })]);
  return JSON.parse(stdout) as { ms: number; rows: number; bytes: number };
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const last = addDays(new Date().toISOString().slice(0, 10), -1);
  const first = addDays(last, -(DAYS - 1));
  const url = await prepare(first, last);
  const dataDir = mkdtempSync(join(tmpdir(), 'capacity-bench-'));
  const config = loadAppConfig({
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    APP_TIMEZONE: 'UTC',
    ADMIN_PASSWORD,
    COLLECT_ENABLED: 'false',
    AGGREGATION_ENABLED: 'false',
    PARTITION_ENABLED: 'false',
    CLEANUP_ENABLED: 'false',
    ARCHIVE_ENABLED: 'false',
  });
  const app = (await appTestingModule(config, url).compile()).createNestApplication({ logger: ['error'] });
  configureApp(app, join(dataDir, 'no-web'));
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/api/v1`;
  const login = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const { access_token: token } = (await login.json()) as { access_token: string };

  const exportUrl = `${baseUrl}/aggregations?format=csv&period_type=daily&db_type=postgresql&start_date=${first}&end_date=${last}`;
  const before = process.memoryUsage();
  const baseline = before.rss;
  let peak = baseline;
  let atPeak = before;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    if (usage.rss > peak) [peak, atPeak] = [usage.rss, usage];
  }, 10);
  const runs: { ms: number; rows: number; bytes: number }[] = [];
  try {
    for (let i = 0; i < RUNS; i++) runs.push(await download(exportUrl, token));
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  const slowest = Math.max(...runs.map((r) => r.ms));
  const growthMb = (peak - baseline) / MB;
  console.log(
    `GET /aggregations as CSV, ${runs[0].rows.toLocaleString('en-US')} rows (${(runs[0].bytes / MB).toFixed(1)} MB): ` +
      `${runs.map((r) => `${(r.ms / 1000).toFixed(2)} s`).join(', ')}${slowest < TARGET.ms ? '' : ` (over the ${TARGET.ms / 1000} s target)`}; ` +
      `peak RSS growth ${growthMb.toFixed(1)} MB${growthMb < TARGET.rssMb ? '' : ` (over the ${TARGET.rssMb} MB target)`} ` +
      `(RSS ${(baseline / MB).toFixed(0)} → ${(peak / MB).toFixed(0)} MB)  [load ${load()}]`,
  );
  const growth = (field: 'heapTotal' | 'heapUsed' | 'external' | 'arrayBuffers') => `${field} ${((atPeak[field] - before[field]) / MB).toFixed(1)}`;
  console.log(`  at the RSS peak, MB above the baseline: ${growth('heapTotal')}, ${growth('heapUsed')}, ${growth('external')}, ${growth('arrayBuffers')}`);
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (!process.env.BENCH_KEEP) await dropBenchDatabase(SERVER_URL, DATABASE);
}

runBench(main);
