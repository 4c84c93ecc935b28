/**
 * npm run bench:fleet — the fleet endpoints over the bench:aggregate data set (1,000 instances × 20 databases × 365 days
 * of daily stats, aggregated) in a throwaway database on the local PostgreSQL (BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres): p50/p95 of the instances list (page 1 by size and by 30-day growth),
 * the fleet series (daily 30 days, monthly 12 months, top 10), the rankings (growth over 30 days, database level) and
 * /aggregations/summary, for one client and for 20 concurrent clients (autocannon in a child process against the real
 * Nest app); and the CSV export of 100,000 aggregation rows (time, and peak RSS growth of this process, which runs the API).
 * BENCH_INSTANCES / BENCH_DAYS size the data set (BENCH_INSTANCES=10000: 90 days unless BENCH_DAYS says otherwise);
 * BENCH_DATABASE names the bench database (default capacity_bench_fleet); BENCH_KEEP=1 keeps it, BENCH_REUSE=1 runs on a kept one.
 */
import { addDays, addMonthsToDate, periodStart } from '@capacity/contracts';
import { Logger } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { createDataSetPartitions, generate, insertDataSetInstances, withoutSecondaryIndexes } from './aggregate-data-set';
import { createBenchDatabase, dropBenchDatabase, runBench, time, withDatabase } from './bench-support';
import { AggregationRepository } from '../src/aggregation/aggregation.repository';
import { AggregationService } from '../src/aggregation/aggregation.service';
import { loadAppConfig } from '../src/config/app-config';
import { ZonedClock } from '../src/config/zoned-clock';
import { configureApp } from '../src/configure-app';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrations } from '../src/database/run-migrations';
import { JobLockRepository } from '../src/jobs/job-lock.repository';
import { JobEvents } from '../src/jobs/job-events';
import { JobRunner } from '../src/jobs/job-runner.service';
import { SessionsRepository } from '../src/sessions/sessions.repository';
import { SessionsService } from '../src/sessions/sessions.service';
import { appTestingModule } from '../src/test-support/app-testing-module';

const run = promisify(execFile);
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = process.env.BENCH_DATABASE ?? 'capacity_bench_fleet';
const SHAPE = { instances: Number(process.env.BENCH_INSTANCES ?? 1000), databases: 20 };
/** A full year of 10,000 instances is 73 M readings: the large run keeps a shorter history by default. */
const LARGE_FLEET = 5000;
const DAYS = Number(process.env.BENCH_DAYS ?? (SHAPE.instances >= LARGE_FLEET ? 90 : 365));
/** The export reads one engine (a quarter of the instances) over as many days as make 100,000 daily rows. */
const CSV_ROWS = 100_000;
const CSV_TARGET = { ms: 3000, rssMb: 100 };
const CSV_RUNS = 3;
const CLIENTS = 20;
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const SINGLE_REQUESTS = 40;
const ADMIN_PASSWORD = 'bench-admin-password';
const TARGET = { single: 50, concurrent: 250 };

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const mark = (value: number, target: number) => `${value.toFixed(1)} ms${value < target ? '' : ` (over the ${target} ms target)`}`;
const MB = 1024 * 1024;

if (!/^[a-z_][a-z0-9_]{0,62}$/.test(DATABASE)) throw new Error(`BENCH_DATABASE must be a plain lower-case identifier, not ${JSON.stringify(DATABASE)}`);

/** The data set, built and aggregated in a fresh database (or a kept one reused). */
async function prepare(first: string, last: string): Promise<string> {
  if (process.env.BENCH_REUSE) {
    const url = withDatabase(SERVER_URL, DATABASE);
    await runMigrations(url, new Logger('bench'));
    console.log(`reusing the kept database ${DATABASE}`);
    return url;
  }
  const { url, version } = await createBenchDatabase(SERVER_URL, DATABASE);
  console.log(`PostgreSQL ${version}, ${cpus().length} CPUs, load average ${load()} (shared machine)`);
  const dataSource = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    await createDataSetPartitions(dataSource, first, addDays(last, 1));
    await insertDataSetInstances(dataSource, SHAPE);
    const generated = await time(() => generate(dataSource, SHAPE, first, last));
    await dataSource.query('VACUUM ANALYZE database_size_stats');
    await dataSource.query('VACUUM ANALYZE instance_size_stats');
    const config = loadAppConfig({ DATABASE_URL: url, APP_TIMEZONE: 'UTC', ADMIN_PASSWORD });
    const service = new AggregationService(
      new AggregationRepository(dataSource),
      new JobRunner(new JobLockRepository(dataSource), new SessionsService(new SessionsRepository(dataSource)), new JobEvents()),
      new ZonedClock(config),
    );
    // The first build of the rollups, with their secondary indexes built after it (the unique keys stay: upserts).
    const aggregated = await time(() =>
      withoutSecondaryIndexes(dataSource, ['database_size_aggregations', 'instance_size_aggregations'], async () => {
        await service.recomputeRange(first, last);
      }),
    );
    await dataSource.query('VACUUM ANALYZE database_size_aggregations');
    await dataSource.query('VACUUM ANALYZE instance_size_aggregations');
    console.log(`generated in ${seconds(generated)}, aggregated in ${seconds(aggregated)} (+ vacuum analyze), load average ${load()}`);
  } finally {
    await dataSource.destroy();
  }
  return url;
}

/** 20 clients for DURATION_S from a child process (its own event loop), latencies of the 200 answers. */
async function concurrent(url: string, token: string): Promise<{ p50: number; p95: number; requests: number; errors: number }> {
  const args = JSON.stringify({ url, token, connections: CLIENTS, durationSeconds: DURATION_S });
  const { stdout } = await run(process.execPath, [join(__dirname, 'run.cjs'), join(__dirname, 'http-load.ts'), args], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as { p50: number; p95: number; requests: number; errors: number };
}

/** One client, one request after the other (the first few warm the caches and the prepared statements). */
async function single(url: string, token: string): Promise<{ p50: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < SINGLE_REQUESTS + 5; i++) {
    const ms = await time(async () => {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    });
    if (i >= 5) samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** One CSV download from a child process (the client's memory is not the API's): its time, data lines and bytes. */
async function download(url: string, token: string): Promise<{ ms: number; rows: number; bytes: number }> {
  const { stdout } = await run(process.execPath, [join(__dirname, 'run.cjs'), join(__dirname, 'http-download.ts'), JSON.stringify({ url, token })]);
  return JSON.parse(stdout) as { ms: number; rows: number; bytes: number };
}

/**
 * The CSV export of ~100,000 aggregation rows, CSV_RUNS times: the times (from the client's request to its last byte),
 * and the peak RSS of this process (the API) above the RSS before the first run, sampled every 10 ms.
 */
async function csvExport(baseUrl: string, token: string, last: string): Promise<void> {
  const engineInstances = Math.floor(SHAPE.instances / 4);
  const days = Math.min(DAYS, Math.max(1, Math.ceil(CSV_ROWS / (engineInstances * SHAPE.databases))));
  const url = `${baseUrl}/aggregations?format=csv&period_type=daily&db_type=postgresql&start_date=${addDays(last, -(days - 1))}&end_date=${last}`;
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const runs: { ms: number; rows: number; bytes: number }[] = [];
  try {
    for (let i = 0; i < CSV_RUNS; i++) runs.push(await download(url, token));
  } finally {
    clearInterval(sampler);
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  const slowest = Math.max(...runs.map((r) => r.ms));
  const growthMb = (peak - baseline) / MB;
  console.log(
    `GET /aggregations as CSV, ${runs[0].rows.toLocaleString('en-US')} daily rows (${days} days × ${engineInstances} postgresql instances × ${SHAPE.databases} databases, ` +
      `${(runs[0].bytes / MB).toFixed(1)} MB): ${runs.map((r) => seconds(r.ms)).join(', ')}` +
      `${slowest < CSV_TARGET.ms ? '' : ` (over the ${CSV_TARGET.ms / 1000} s target)`}; ` +
      `peak RSS growth ${growthMb.toFixed(1)} MB${growthMb < CSV_TARGET.rssMb ? '' : ` (over the ${CSV_TARGET.rssMb} MB target)`} ` +
      `(RSS ${(baseline / MB).toFixed(0)} → ${(peak / MB).toFixed(0)} MB)  [load ${load()}]`,
  );
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const today = new Date().toISOString().slice(0, 10);
  const last = addDays(today, -1);
  const first = addDays(last, -(DAYS - 1));
  console.log(`data set: ${SHAPE.instances} instances × ${SHAPE.databases} databases × ${DAYS} days (${first} … ${last}) = ${(SHAPE.instances * SHAPE.databases * DAYS).toLocaleString('en-US')} database rows`);
  if (DAYS < 365) {
    console.log(`shorter history: ${DAYS} days, not the full year${process.env.BENCH_DAYS ? ' (BENCH_DAYS)' : ` (the default at ${LARGE_FLEET}+ instances; BENCH_DAYS to change)`}: the monthly 12-month series reads only the months with data`);
  }
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
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}/api/v1`;
  const login = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const { access_token: token } = (await login.json()) as { access_token: string };

  // First, on a quiet process: the RSS growth is the export's, not the load runs' heap.
  await csvExport(baseUrl, token, last);

  const monthly = periodStart('monthly', addMonthsToDate(last, -11));
  const endpoints: [string, string, boolean][] = [
    ['instances, page 1 by size', '/instances?sort=-size', true],
    ['instances, page 1 by 30-day growth', '/instances?sort=-growth_30d', true],
    ['fleet series, daily 30 days, top 10 instances', `/fleet/series?period_type=daily&start_date=${addDays(last, -29)}&end_date=${last}&top=10`, true],
    ['fleet series, monthly 12 months, top 10 instances', `/fleet/series?period_type=monthly&start_date=${monthly}&end_date=${last}&top=10`, true],
    ['fleet rankings, growth 30 days, database level', '/fleet/rankings?metric=growth_bytes&window_days=30&level=database', true],
    ['aggregations summary', '/aggregations/summary', true],
    // Beyond the targets: the series grouped by database read every database rollup of the range (20× the rows).
    ['fleet series, daily 30 days, top 10 databases', `/fleet/series?period_type=daily&start_date=${addDays(last, -29)}&end_date=${last}&top=10&group_by=database`, false],
    ['fleet changes, yesterday', '/fleet/changes', false],
  ];
  for (const [name, path, targeted] of endpoints) {
    const one = await single(`${baseUrl}${path}`, token);
    const many = await concurrent(`${baseUrl}${path}`, token);
    const single95 = targeted ? mark(one.p95, TARGET.single) : `${one.p95.toFixed(1)} ms`;
    const many95 = targeted ? mark(many.p95, TARGET.concurrent) : `${many.p95.toFixed(1)} ms`;
    console.log(
      `GET ${name}: 1 client p50 ${one.p50.toFixed(1)} ms, p95 ${single95}; ${CLIENTS} clients p50 ${many.p50.toFixed(1)} ms, p95 ${many95} ` +
        `(${many.requests} requests in ${DURATION_S} s, ${many.errors} non-200)  [load ${load()}]`,
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 2000)); // let requests cut off at the end of a run finish
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (!process.env.BENCH_KEEP) await dropBenchDatabase(SERVER_URL, DATABASE);
}

runBench(main);
