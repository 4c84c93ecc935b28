/**
 * npm run bench:collect — one collection run over 200 registered instances pointing at the local
 * PostgreSQL (127.0.0.1:5432, user postgres) and MariaDB/MySQL (127.0.0.1:3306, root), each server
 * holding ≥ 20 bench databases/schemas, at COLLECT_CONCURRENCY (default 8). The repository is a
 * throwaway database on the local PostgreSQL (BENCH_DATABASE_URL) migrated with runMigrations.
 * Prints instances/second and peak RSS (targets: ≥ 50 instances/s at concurrency 8, RSS < 300 MB).
 */
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { Client } from 'pg';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { runBench, withDatabase } from './bench-support';
import { CollectionRepository } from '../src/collection/collection.repository';
import { CollectionService } from '../src/collection/collection.service';
import { InstanceCollectorService } from '../src/collection/instance-collector.service';
import { CollectorRegistry } from '../src/collector/collector-registry';
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
import { JobRunner } from '../src/jobs/job-runner.service';
import { SessionsRepository } from '../src/sessions/sessions.repository';
import { SessionsService } from '../src/sessions/sessions.service';
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
    }, benchName(i));
  }
  const my = await createConnection(MYSQL);
  try {
    for (let i = 0; i < DATABASES_PER_SERVER; i += 1) {
      await my.query(`CREATE DATABASE ${benchName(i)}`);
      await my.query(`CREATE TABLE ${benchName(i)}.t (id int PRIMARY KEY, v varchar(64)) ENGINE=InnoDB`);
      await my.query(`INSERT INTO ${benchName(i)}.t VALUES ${Array.from({ length: 50 }, (_, k) => `(${k}, MD5(${k}))`).join(',')}`);
    }
  } finally {
    await my.end();
  }
}

async function dropEngines(): Promise<void> {
  await withPg(async (c) => {
    for (let i = 0; i < DATABASES_PER_SERVER; i += 1) await c.query(`DROP DATABASE IF EXISTS ${benchName(i)} WITH (FORCE)`);
    await c.query(`DROP DATABASE IF EXISTS ${REPOSITORY} WITH (FORCE)`);
  });
  const my = await createConnection(MYSQL);
  try {
    for (let i = 0; i < DATABASES_PER_SERVER; i += 1) await my.query(`DROP DATABASE IF EXISTS ${benchName(i)}`);
  } finally {
    await my.end();
  }
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  const dataDir = mkdtempSync(join(tmpdir(), 'capacity-bench-collect-'));
  try {
    await withPg((c) => c.query(`CREATE DATABASE ${REPOSITORY}`));
    const url = withDatabase(SERVER_URL, REPOSITORY);
    await runMigrations(url, new Logger('bench'));
    await createEngines();

    const config = loadAppConfig({ DATABASE_URL: url, DATA_DIR: dataDir, COLLECT_CONCURRENCY: CONCURRENCY, APP_TIMEZONE: 'UTC' });
    const dataSource = new DataSource(dataSourceOptions(url));
    await dataSource.initialize();
    await dataSource.query(
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
    const instanceCollector = new InstanceCollectorService(collectors, access, new StatsService(new StatsRepository(dataSource), config), sessions, metrics, config);
    const collection = new CollectionService(new CollectionRepository(dataSource), instanceCollector, new JobRunner(new JobLockRepository(dataSource), sessions), metrics, config);

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
    const [{ rows, dbs }]: { rows: number; dbs: number }[] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM database_size_stats) AS rows, (SELECT count(*)::int FROM instance_size_stats) AS dbs`,
    );
    const failures = session.records.filter((r) => r.status === 'failed');

    console.log(`collect benchmark — ${INSTANCES} instances (${INSTANCES / 2} PostgreSQL, ${INSTANCES / 2} MariaDB/MySQL), ≥ ${DATABASES_PER_SERVER} bench databases per server, concurrency ${config.collectConcurrency}`);
    console.log(`  session ${session.session_id}: ${session.status}, ${session.successful_instances} completed, ${session.failed_instances} failed`);
    if (failures.length > 0) console.log(`  first failure: ${failures[0].instance_name}: ${failures[0].error_message}`);
    console.log(`  stored: ${rows} database_size_stats rows, ${dbs} instance_size_stats rows (${summary.databases} databases read)`);
    console.log(`  machine: ${cpus().length} cores, 1-min load average ${loadBefore.toFixed(2)} before the run, ${loadavg()[0].toFixed(2)} after (other processes included)`);
    console.log(`  wall time: ${seconds.toFixed(2)} s`);
    console.log(`  throughput: ${(INSTANCES / seconds).toFixed(1)} instances/s (target ≥ 50)`);
    console.log(`  peak RSS: ${mb(peakSampled)} sampled during the run, ${mb(peakProcess)} process maximum (target < 300 MB)`);
    await dataSource.destroy();
  } finally {
    await dropEngines().catch((error: unknown) => console.error(`cleanup failed: ${errorMessage(error)}`));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

runBench(main);
