/**
 * npm run bench:aggregate — the aggregation over 1,000 instances × 20 databases × 365 days of daily stats
 * (7.3 M database rows + 365 k instance rows) in a throwaway database on the local PostgreSQL
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres):
 *   (a) full recompute of the four period types — first build into empty tables, then over existing rows;
 *   (b) an incremental run (a session) after one new day;
 *   (c) the floor: the same rollup SELECTs written with CREATE UNLOGGED TABLE … AS (no index, no WAL);
 * and p50/p95 latency of the trends and aggregations endpoints of one instance, 20 concurrent clients
 * (autocannon in a child process against the real Nest app over that database).
 * BENCH_INSTANCES / BENCH_DAYS shrink the data set for a quick try; BENCH_KEEP=1 keeps the database.
 */
import { addDays, PERIOD_TYPES } from '@capacity/contracts';
import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { createDataSetPartitions, generate, insertDataSetInstances, insertDays } from './aggregate-data-set';
import { createBenchDatabase, dropBenchDatabase, runBench, time } from './bench-support';
import { AggregationRepository, ROLLUP_KINDS, rollupParams, rollupSelectSql } from '../src/aggregation/aggregation.repository';
import { AggregationService } from '../src/aggregation/aggregation.service';
import { periodRangeForDates } from '../src/aggregation/period';
import { loadAppConfig } from '../src/config/app-config';
import { ZonedClock } from '../src/config/zoned-clock';
import { configureApp } from '../src/configure-app';
import { dataSourceOptions } from '../src/database/data-source-options';
import { JobLockRepository } from '../src/jobs/job-lock.repository';
import { JobEvents } from '../src/jobs/job-events';
import { JobRunner } from '../src/jobs/job-runner.service';
import { SessionsRepository } from '../src/sessions/sessions.repository';
import { SessionsService } from '../src/sessions/sessions.service';
import { appTestingModule } from '../src/test-support/app-testing-module';

const run = promisify(execFile);
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'capacity_bench_aggregate';
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1000);
const DATABASES = 20;
const DAYS = Number(process.env.BENCH_DAYS ?? 365);
const SHAPE = { instances: INSTANCES, databases: DATABASES };
const CLIENTS = 20;
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const ADMIN_PASSWORD = 'bench-admin-password';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Floor: the same rollup SELECTs, each written once into an unlogged table without indexes. */
async function floor(dataSource: DataSource, first: string, last: string): Promise<number> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    let total = 0;
    for (const type of PERIOD_TYPES) {
      for (const kind of ROLLUP_KINDS) {
        const params = rollupParams(type, periodRangeForDates(type, first, last));
        await runner.query(`PREPARE floor_rollup AS ${rollupSelectSql(kind, type)}`);
        const table = `floor_${kind}_${type}`;
        const literal = params.map((value) => `'${value}'`).join(', ');
        total += await time(() => runner.query(`CREATE UNLOGGED TABLE ${table} AS EXECUTE floor_rollup(${literal})`));
        await runner.query('DEALLOCATE floor_rollup');
        await runner.query(`DROP TABLE ${table}`);
      }
    }
    return total;
  } finally {
    await runner.release();
  }
}

/** 20 clients for DURATION_S from a child process (its own event loop), latencies of the 200 answers. */
async function latency(baseUrl: string, path: string, token: string): Promise<{ p50: number; p95: number; requests: number; errors: number }> {
  const args = JSON.stringify({ url: `${baseUrl}${path}`, token, connections: CLIENTS, durationSeconds: DURATION_S });
  const { stdout } = await run(process.execPath, [join(__dirname, 'run.cjs'), join(__dirname, 'http-load.ts'), args], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as { p50: number; p95: number; requests: number; errors: number };
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const { url, version } = await createBenchDatabase(SERVER_URL, DATABASE);

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
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();

  const today = new Date().toISOString().slice(0, 10);
  const last = addDays(today, -2);
  const first = addDays(last, -(DAYS - 1));
  const newDay = addDays(last, 1);
  console.log(`PostgreSQL ${version}, ${cpus().length} CPUs, load average ${load()} (shared machine)`);
  console.log(`data set: ${INSTANCES} instances × ${DATABASES} databases × ${DAYS} days (${first} … ${last}) = ${(INSTANCES * DATABASES * DAYS).toLocaleString('en-US')} database rows`);

  await createDataSetPartitions(dataSource, first, newDay);
  await insertDataSetInstances(dataSource, SHAPE);
  const generated = await time(() => generate(dataSource, SHAPE, first, last));
  await dataSource.query('VACUUM ANALYZE database_size_stats');
  await dataSource.query('VACUUM ANALYZE instance_size_stats');
  console.log(`generated in ${seconds(generated)} (+ vacuum analyze), load average ${load()}`);

  const repository = new AggregationRepository(dataSource);
  const sessions = new SessionsService(new SessionsRepository(dataSource));
  const service = new AggregationService(repository, new JobRunner(new JobLockRepository(dataSource), sessions, new JobEvents()), new ZonedClock(config));

  const floorMs = await time(() => floor(dataSource, first, last));
  console.log(`(c) floor, CREATE UNLOGGED TABLE … AS the same 8 rollup SELECTs: ${seconds(floorMs)}  [load ${load()}]`);

  let rows = 0;
  const initialMs = await time(async () => {
    for (const outcome of await service.recomputeRange(first, last)) rows += outcome.databaseRows + outcome.instanceRows;
  });
  console.log(`(a0) first build, all four period types into empty tables: ${seconds(initialMs)} = ${(initialMs / floorMs).toFixed(2)}× floor (${rows.toLocaleString('en-US')} rows)  [load ${load()}]`);
  await dataSource.query('VACUUM ANALYZE database_size_aggregations');
  await dataSource.query('VACUUM ANALYZE instance_size_aggregations');

  rows = 0;
  const fullMs = await time(async () => {
    for (const outcome of await service.recomputeRange(first, last)) rows += outcome.databaseRows + outcome.instanceRows;
  });
  console.log(`(a) full recompute of all four period types over ${DAYS} days: ${seconds(fullMs)} = ${(fullMs / floorMs).toFixed(2)}× floor (target ≤ 3×; ${rows} rows rewritten)  [load ${load()}]`);

  const [{ mark }] = await dataSource.query(
    `SELECT greatest((SELECT max(updated_at) FROM database_size_stats), (SELECT max(updated_at) FROM instance_size_stats)) AS mark`,
  );
  await repository.advanceWatermark(mark);
  await insertDays(dataSource, SHAPE, first, newDay, newDay, false);
  let incrementalSession = '';
  const incrementalMs = await time(async () => {
    incrementalSession = await service.run({ mode: 'incremental' }, PERIOD_TYPES, 'manual', null);
  });
  const session = await sessions.get(incrementalSession);
  console.log(
    `(b) incremental run (session ${session.status}) after one new day (${newDay}, ${(INSTANCES * DATABASES).toLocaleString('en-US')} readings): ${seconds(incrementalMs)} ` +
      `(target < 2 s; ${session.records.map((r) => `${r.instance_name} ${r.items_synced}`).join(', ')} rows written)  [load ${load()}]`,
  );
  await dataSource.destroy();

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
  const instanceId = Math.ceil(INSTANCES / 2);
  const endpoints: [string, string][] = [
    ['trends (monthly, default 12 months)', `/instances/${instanceId}/database-sizes/trends?period_type=monthly`],
    ['trends (weekly, 12 months)', `/instances/${instanceId}/database-sizes/trends?period_type=weekly&months=12`],
    ['aggregations (daily, page 1 of 20)', `/instances/${instanceId}/database-sizes/aggregations?period_type=daily`],
    ['aggregations (monthly, one database)', `/instances/${instanceId}/database-sizes/aggregations?period_type=monthly&database_name=db_07`],
  ];
  for (const [name, path] of endpoints) {
    // One client first (also warms the caches), then 20 concurrent clients.
    const single: number[] = [];
    for (let i = 0; i < 30; i++) {
      single.push(await time(async () => {
        const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
        await response.arrayBuffer();
      }));
    }
    single.sort((a, b) => a - b);
    console.log(`GET ${name}: 1 client p50 ${percentile(single, 50).toFixed(1)} ms`);
    const result = await latency(baseUrl, path, token);
    console.log(
      `GET ${name}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms (target p95 < 100 ms; ${CLIENTS} clients, ${result.requests} requests in ${DURATION_S} s, ${result.errors} non-200)  [load ${load()}]`,
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 2000)); // let requests cut off at the end of a run finish
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (!process.env.BENCH_KEEP) await dropBenchDatabase(SERVER_URL, DATABASE);
}

runBench(main);
