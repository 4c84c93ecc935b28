/**
 * npm run bench:collect — one collection run over 200 registered instances pointing at the local
 * PostgreSQL (127.0.0.1:5432, user postgres) and MariaDB/MySQL (127.0.0.1:3306, root), each server
 * holding ≥ 20 bench databases/schemas, at COLLECT_CONCURRENCY (default 8). The repository is a
 * throwaway database on the local PostgreSQL (BENCH_DATABASE_URL) migrated with runMigrations.
 * Each bench database holds a few tables (one with indexes, one with TOAST), so the top-tables scan has work.
 * Four runs, each in its own process: COLLECT_TABLES off (sizes alone) and on (a connection per PostgreSQL database,
 * the top 20 tables of each), each over its own repository twice — the first run of the day, then a later run of the
 * same day over the repository the first wrote (the table history is daily: that run keeps the day's tables and
 * collects the sizes alone). Prints instances/second and peak RSS of each and the time ratio on/off of both kinds
 * (targets: ≥ 50 instances/s at concurrency 8 without tables, tables on ≤ 2× the time — quoted for the later run, the
 * first run's figure printed beside it, README § Benchmarks says why — RSS < 300 MB).
 */
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { Client } from 'pg';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { runBench, withDatabase } from './bench-support';
import { OrphanedJobsRepository } from '../src/collection/orphaned-jobs.repository';
import { CollectWorkers } from '../src/collection/collect-workers.service';
import { CollectionQueue } from '../src/collection/collection-queue';
import { CollectionRepository } from '../src/collection/collection.repository';
import { CollectionService } from '../src/collection/collection.service';
import { InstanceCollectorService } from '../src/collection/instance-collector.service';
import { CollectorRegistry } from '../src/collector/collector-registry';
import { CollectorsRepository } from '../src/collectors/collectors.repository';
import { CollectorsService } from '../src/collectors/collectors.service';
import { MysqlCollector } from '../src/collector/engines/mysql.collector';
import { OracleCollector } from '../src/collector/engines/oracle.collector';
import { PostgresqlCollector } from '../src/collector/engines/postgresql.collector';
import { SqlServerCollector } from '../src/collector/engines/sqlserver.collector';
import { CredentialCipher } from '../src/common/credential-cipher';
import { errorMessage } from '../src/common/error-message';
import { loadAppConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { runMigrations } from '../src/database/run-migrations';
import { InstanceAccessService } from '../src/instances/instance-access.service';
import { InstancesRepository } from '../src/instances/instances.repository';
import { CollectionMetrics } from '../src/metrics/collection-metrics';
import { JobLockRepository } from '../src/jobs/job-lock.repository';
import { JobEvents } from '../src/jobs/job-events';
import { JobQueue } from '../src/jobs/job-queue';
import { JobRunner } from '../src/jobs/job-runner.service';
import { SessionsRepository } from '../src/sessions/sessions.repository';
import { SessionsService } from '../src/sessions/sessions.service';
import { EngineLimitsRepository } from '../src/stats/engine-limits.repository';
import { StatsRepository } from '../src/stats/stats.repository';
import { StatsService } from '../src/stats/stats.service';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MYSQL = { host: '127.0.0.1', port: 3306, user: 'root' };
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 200);
const DATABASES_PER_SERVER = Number(process.env.BENCH_DATABASES ?? 20);
const CONCURRENCY = process.env.COLLECT_CONCURRENCY ?? '8';
const suffix = randomBytes(3).toString('hex');
const REPOSITORY = `capacity_bench_collect_${suffix}`;
const benchName = (i: number) => `cap_bench_${suffix}_${String(i).padStart(2, '0')}`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function withPg<T>(work: (client: Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const client = new Client({ connectionString: withDatabase(SERVER_URL, database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function createEngines(): Promise<void> {
  for (let i = 0; i < DATABASES_PER_SERVER; i += 1) {
    await withPg((c) => c.query(`CREATE DATABASE ${benchName(i)}`));
    await withPg(async (c) => {
      await c.query(`CREATE TABLE t (id int PRIMARY KEY, v text)`);
      await c.query(`INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, ${100 * (i + 1)}) g`);
      await c.query(`CREATE TABLE indexed (a int, b int, c text)`);
      await c.query(`INSERT INTO indexed SELECT g, g % 97, md5(g::text) FROM generate_series(1, 500) g`);
      await c.query(`CREATE INDEX ON indexed (a)`);
      await c.query(`CREATE INDEX ON indexed (b, c)`);
      await c.query(`CREATE TABLE documents (id int PRIMARY KEY, body text)`);
      await c.query(`INSERT INTO documents SELECT g, repeat(md5(g::text), 200) FROM generate_series(1, 20) g`);
      for (let k = 0; k < 5; k++) await c.query(`CREATE TABLE small_${k} (id int)`);
    }, benchName(i));
  }
  const my = await createConnection(MYSQL);
  try {
    for (let i = 0; i < DATABASES_PER_SERVER; i += 1) {
      await my.query(`CREATE DATABASE ${benchName(i)}`);
      await my.query(`CREATE TABLE ${benchName(i)}.t (id int PRIMARY KEY, v varchar(64)) ENGINE=InnoDB`);
      await my.query(`INSERT INTO ${benchName(i)}.t VALUES ${Array.from({ length: 50 }, (_, k) => `(${k}, MD5(${k}))`).join(',')}`);
      for (let k = 0; k < 5; k++) await my.query(`CREATE TABLE ${benchName(i)}.small_${k} (id int PRIMARY KEY) ENGINE=InnoDB`);
    }
  } finally {
    await my.end();
  }
}

async function dropEngines(repositories: string[]): Promise<void> {
  await withPg(async (c) => {
    for (let i = 0; i < DATABASES_PER_SERVER; i += 1) await c.query(`DROP DATABASE IF EXISTS ${benchName(i)} WITH (FORCE)`);
    for (const name of repositories) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  const my = await createConnection(MYSQL);
  try {
    for (let i = 0; i < DATABASES_PER_SERVER; i += 1) await my.query(`DROP DATABASE IF EXISTS ${benchName(i)}`);
  } finally {
    await my.end();
  }
}

/** The first run of a day reads the top tables; a later run of the same day collects the sizes alone (the table history is daily). */
type Phase = 'first' | 'later';
const PHASE_LABEL: Record<Phase, string> = { first: 'first run of the day', later: 'later run of the same day' };

interface RunFigures {
  tables: boolean;
  phase: Phase;
  seconds: number;
  peakSampled: number;
  peakProcess: number;
  lines: string[];
}

/**
 * One collection run, in this process (so its peak RSS is the run's own): the first over a fresh repository (the
 * instances registered here), a later one over the repository the first one wrote, the same day.
 */
async function measureRun(url: string, tables: boolean, phase: Phase): Promise<RunFigures> {
  Logger.overrideLogger(['error']);
  const dataDir = mkdtempSync(join(tmpdir(), 'capacity-bench-collect-'));
  try {
    const config = loadAppConfig({ DATABASE_URL: url, DATA_DIR: dataDir, COLLECT_CONCURRENCY: CONCURRENCY, APP_TIMEZONE: 'UTC', COLLECT_TABLES: String(tables) });
    const dataSource = new DataSource(dataSourceOptions(url));
    await dataSource.initialize();
    if (phase === 'first') await dataSource.query(
      `INSERT INTO instances (name, db_type, host, port, username)
       SELECT 'bench-' || g, CASE WHEN g % 2 = 0 THEN 'postgresql' ELSE 'mysql' END, '127.0.0.1',
              CASE WHEN g % 2 = 0 THEN 5432 ELSE 3306 END, CASE WHEN g % 2 = 0 THEN 'postgres' ELSE 'root' END
       FROM generate_series(1, $1) g`,
      [INSTANCES],
    );

    const sessions = new SessionsService(new SessionsRepository(dataSource));
    const metrics = new CollectionMetrics(new Registry());
    const access = new InstanceAccessService(new InstancesRepository(dataSource), CredentialCipher.fromSecret('bench-secret-key-0123456789'));
    const collectors = new CollectorRegistry(new PostgresqlCollector(), new MysqlCollector(), new SqlServerCollector(), new OracleCollector());
    const instanceCollector = new InstanceCollectorService(collectors, access, new StatsService(new StatsRepository(dataSource), new EngineLimitsRepository(dataSource), config), sessions, metrics, config);
    // The run as the app runs it: one queued job per instance, taken by this process' workers (COLLECT_CONCURRENCY at once).
    const runner = new JobRunner(new JobLockRepository(dataSource), sessions, new JobEvents());
    const jobQueue = new JobQueue(dataSource);
    await jobQueue.onModuleInit();
    const collectionQueue = new CollectionQueue(jobQueue, sessions, metrics, config);
    const workers = new CollectWorkers(jobQueue, collectionQueue, instanceCollector, runner, sessions, new CollectorsService(new CollectorsRepository(dataSource), config), new OrphanedJobsRepository(dataSource), config);
    await workers.onApplicationBootstrap();
    const collection = new CollectionService(new CollectionRepository(dataSource), collectionQueue, runner, sessions);

    const loadBefore = loadavg()[0];
    let peakSampled = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakSampled = Math.max(peakSampled, process.memoryUsage().rss);
    }, 20);
    const started = process.hrtime.bigint();
    const summary = await collection.runNow('manual');
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    peakSampled = Math.max(peakSampled, process.memoryUsage().rss);
    const peakProcess = process.resourceUsage().maxRSS * 1024;

    const session = await sessions.get(summary.sessionId);
    const [{ rows, dbs, tableRows }]: { rows: number; dbs: number; tableRows: number }[] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM database_size_stats) AS rows, (SELECT count(*)::int FROM instance_size_stats) AS dbs,
              (SELECT count(*)::int FROM table_size_stats) AS "tableRows"`,
    );
    const failures = session.records.filter((r) => r.status === 'failed');
    const warningsOf = (record: (typeof session.records)[number]): unknown[] => (Array.isArray(record.details?.warnings) ? (record.details.warnings as unknown[]) : []);
    const withWarnings = session.records.filter((r) => warningsOf(r).length > 0);
    const scans = new Map<string, number>();
    for (const record of session.records) {
      const scan = typeof record.details?.table_scan === 'string' ? record.details.table_scan : 'none';
      scans.set(scan, (scans.get(scan) ?? 0) + 1);
    }
    const lines = [
      `COLLECT_TABLES=${tables}, ${PHASE_LABEL[phase]}: session ${session.status}, ${session.successful_instances} completed, ${session.failed_instances} failed, ${withWarnings.length} with warnings`,
      ...(failures.length > 0 ? [`  first failure: ${failures[0].instance_name}: ${failures[0].error_message}`] : []),
      ...(withWarnings.length > 0 ? [`  first warning: ${withWarnings[0].instance_name}: ${String(warningsOf(withWarnings[0])[0])}`] : []),
      `  table scan per record (details.table_scan): ${[...scans].map(([scan, count]) => `${scan} ${count}`).join(', ')}`,
      `  stored: ${rows} database_size_stats rows, ${dbs} instance_size_stats rows, ${tableRows} table_size_stats rows (${summary.databases} databases read)`,
      `  machine: ${cpus().length} cores, 1-min load average ${loadBefore.toFixed(2)} before the run, ${loadavg()[0].toFixed(2)} after (other processes included)`,
    ];
    await workers.beforeApplicationShutdown();
    await jobQueue.onApplicationShutdown();
    await dataSource.destroy();
    return { tables, phase, seconds, peakSampled, peakProcess, lines };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs measureRun in a child process (this file with --run <url> <tables> <phase>) and reads its figures back. */
function measureInChild(url: string, tables: boolean, phase: Phase): RunFigures {
  const output = execFileSync(process.execPath, [...process.execArgv, join(__dirname, 'run.cjs'), __filename, '--run', url, String(tables), phase], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const last = output.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as RunFigures;
}

async function main(): Promise<void> {
  const runAt = process.argv.indexOf('--run');
  if (runAt >= 0) {
    const figures = await measureRun(process.argv[runAt + 1], process.argv[runAt + 2] === 'true', process.argv[runAt + 3] === 'later' ? 'later' : 'first');
    console.log(JSON.stringify(figures));
    return;
  }
  const repositories: string[] = [];
  try {
    await createEngines();
    const urls = new Map<boolean, string>();
    for (const tables of [false, true]) {
      const name = `${REPOSITORY}_${tables ? 'on' : 'off'}`;
      repositories.push(name);
      await withPg((c) => c.query(`CREATE DATABASE ${name}`));
      urls.set(tables, withDatabase(SERVER_URL, name));
      await runMigrations(withDatabase(SERVER_URL, name), new Logger('bench'));
    }
    // The two runs compared with each other back to back (off/on first, then on/off later): a load that drifts
    // over the bench moves both sides of a ratio alike.
    const order: [boolean, Phase][] = [[false, 'first'], [true, 'first'], [true, 'later'], [false, 'later']];
    const measured = order.map(([tables, phase]) => measureInChild(urls.get(tables) ?? '', tables, phase));
    const runs = [false, true].flatMap((tables) => measured.filter((run) => run.tables === tables));
    console.log(`collect benchmark — ${INSTANCES} instances (${INSTANCES / 2} PostgreSQL, ${INSTANCES / 2} MariaDB/MySQL), ≥ ${DATABASES_PER_SERVER} bench databases per server, concurrency ${CONCURRENCY}`);
    for (const run of runs) {
      for (const line of run.lines) console.log(`  ${line}`);
      console.log(`    wall time: ${run.seconds.toFixed(2)} s, throughput: ${(INSTANCES / run.seconds).toFixed(1)} instances/s${run.tables ? '' : ' (target ≥ 50)'}`);
      console.log(`    peak RSS: ${mb(run.peakSampled)} sampled during the run, ${mb(run.peakProcess)} process maximum (target < 300 MB)`);
    }
    const ratio = (phase: Phase): string => {
      const [off, on] = [false, true].map((tables) => runs.find((run) => run.tables === tables && run.phase === phase));
      return on && off ? `${(on.seconds / off.seconds).toFixed(2)}×` : 'n/a';
    };
    console.log(`  tables on / off, first run of the day (the tables read): ${ratio('first')} the time`);
    console.log(`  tables on / off, later run of the same day (the day's tables kept): ${ratio('later')} the time (target ≤ 2×, quoted for this run: see README, Benchmarks)`);
  } finally {
    await dropEngines(repositories).catch((error: unknown) => console.error(`cleanup failed: ${errorMessage(error)}`));
  }
}

runBench(main);
