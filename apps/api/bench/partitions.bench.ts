/**
 * npm run bench:partitions — partition maintenance with 10 years of monthly partitions on the four statistics
 * tables (480 partitions): one scheduled maintenance run (create ahead + default rescue check, nothing to
 * create) vs pg_partman's run_maintenance() on four equivalent parents, and the status report on its own.
 * Runs against the local PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 * in a throwaway database.
 */
import { addMonths, currentMonthIn, firstDayOf, STATS_TABLES } from '@capacity/contracts';
import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createBenchDatabase, dropBenchDatabase, runBench, time } from './bench-support';
import { errorMessage } from '../src/common/error-message';
import { loadAppConfig } from '../src/config/app-config';
import { ZonedClock } from '../src/config/zoned-clock';
import { dataSourceOptions } from '../src/database/data-source-options';
import { PARTITION_KEYS } from '../src/partition/partition-naming';
import { PartitionCreateService } from '../src/partition/partition-create.service';
import { PartitionStatusService } from '../src/partition/partition-status.service';
import { PartitionRepository } from '../src/partition/partition.repository';
import { JobLockRepository } from '../src/jobs/job-lock.repository';
import { JobEvents } from '../src/jobs/job-events';
import { JobRunner } from '../src/jobs/job-runner.service';
import { SessionsRepository } from '../src/sessions/sessions.repository';
import { SessionsService } from '../src/sessions/sessions.service';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'capacity_bench_partitions';
const MONTHS = 120;
const PREMAKE = 3;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 3;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  const { url, version } = await createBenchDatabase(SERVER_URL, DATABASE);

  const dataDir = mkdtempSync(join(tmpdir(), 'capacity-bench-'));
  const config = loadAppConfig({ DATABASE_URL: url, DATA_DIR: dataDir, PARTITION_PREMAKE_MONTHS: String(PREMAKE), APP_TIMEZONE: 'UTC' });
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  const repository = new PartitionRepository(dataSource);
  const sessions = new SessionsService(new SessionsRepository(dataSource));
  const creator = new PartitionCreateService(repository, new JobRunner(new JobLockRepository(dataSource), sessions, new JobEvents()), new ZonedClock(config), config);
  const status = new PartitionStatusService(repository, config);

  // 10 years: the current month + 3 ahead (from the migration) and the 116 months before.
  const current = currentMonthIn('UTC');
  const first = addMonths(current, PREMAKE - MONTHS + 1);
  const createStarted = process.hrtime.bigint();
  for (let offset = 0; offset < MONTHS; offset++) {
    for (const table of STATS_TABLES) await repository.createMonthPartition(table, addMonths(first, offset));
  }
  const createSeconds = Number(process.hrtime.bigint() - createStarted) / 1e9;
  const partitions = (await repository.listPartitions(STATS_TABLES, { measure: false })).filter((p) => !p.isDefault);

  // Some history: 20 databases of one instance, daily, over the whole 10 years (plus the instance rows).
  const [{ id: instanceId }] = await dataSource.query(
    `INSERT INTO instances (name, db_type, host, port, username) VALUES ('bench', 'postgresql', 'h', 5432, 'u') RETURNING id`,
  );
  const lastDay = firstDayOf(addMonths(current, 1));
  await dataSource.query(
    `INSERT INTO database_size_stats (instance_id, database_name, size_bytes, data_size_bytes, log_size_bytes, collected_date, collected_at)
     SELECT $1, 'db' || n, 1000000 * n + extract(epoch FROM d)::bigint, 900000 * n, 100000 * n, d, d + time '03:00'
     FROM generate_series($2::date, $3::date - 1, interval '1 day') AS d, generate_series(1, 20) AS n`,
    [instanceId, firstDayOf(first), lastDay],
  );
  await dataSource.query(
    `INSERT INTO instance_size_stats (instance_id, total_size_bytes, data_size_bytes, log_size_bytes, database_count, collected_date, collected_at)
     SELECT $1, 20000000, 18000000, 2000000, 20, d, d + time '03:00' FROM generate_series($2::date, $3::date - 1, interval '1 day') AS d`,
    [instanceId, firstDayOf(first), lastDay],
  );
  await dataSource.query('ANALYZE');
  const [{ rows: statRows }] = await dataSource.query(`SELECT count(*)::int AS rows FROM database_size_stats`);

  // pg_partman: four parents of the same shape, same months, same data, premake 3.
  let partmanVersion: string | null = null;
  let partmanProblem: string | null = null;
  try {
    await dataSource.query(`CREATE SCHEMA partman`);
    await dataSource.query(`CREATE EXTENSION pg_partman SCHEMA partman`);
    [{ partmanVersion }] = await dataSource.query(`SELECT extversion AS "partmanVersion" FROM pg_extension WHERE extname = 'pg_partman'`);
    await dataSource.query(`CREATE SCHEMA pm`);
    for (const table of STATS_TABLES) {
      await dataSource.query(`CREATE TABLE pm.${table} (LIKE public.${table} INCLUDING ALL) PARTITION BY RANGE (${PARTITION_KEYS[table]})`);
      await dataSource.query(
        `SELECT partman.create_parent(p_parent_table := $1, p_control := $2, p_type := 'native', p_interval := 'monthly',
                                      p_premake := $3, p_start_partition := $4)`,
        [`pm.${table}`, PARTITION_KEYS[table], PREMAKE, firstDayOf(first)],
      );
      await dataSource.query(`INSERT INTO pm.${table} OVERRIDING SYSTEM VALUE SELECT * FROM public.${table}`);
    }
    await dataSource.query('ANALYZE');
  } catch (error) {
    partmanProblem = errorMessage(error);
  }
  const [{ partman_partitions }] = partmanVersion
    ? await dataSource.query(
        `SELECT count(*)::int AS partman_partitions FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_class c ON c.oid = i.inhrelid
         WHERE p.relnamespace = 'pm'::regnamespace AND p.relkind = 'p' AND c.relkind = 'r' AND c.relname NOT LIKE '%default'`,
      )
    : [{ partman_partitions: 0 }];

  // One scheduled maintenance run, as the cron tick does it: the runner takes the job lock, runs, releases.
  const maintenance = async () => {
    const result = await creator.maintain({ type: 'scheduled' });
    if (result.created.length > 0 || result.moved.length > 0) throw new Error(`maintenance had work to do: ${JSON.stringify(result)}`);
  };
  const partman = () => dataSource.query(`SELECT partman.run_maintenance()`);
  const ours: number[] = [];
  const theirs: number[] = [];
  const statusTimes: number[] = [];
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const a = await time(maintenance);
    const b = partmanVersion ? await time(partman) : NaN;
    const c = await time(() => status.status());
    if (run >= WARMUP) {
      ours.push(a);
      theirs.push(b);
      statusTimes.push(c);
    }
  }
  const report = await status.status();
  const partmanAfter = partmanVersion
    ? (await dataSource.query(
        `SELECT count(*)::int AS n FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_class c ON c.oid = i.inhrelid
         WHERE p.relnamespace = 'pm'::regnamespace AND p.relkind = 'p' AND c.relkind = 'r' AND c.relname NOT LIKE '%default'`,
      ))[0].n
    : 0;

  const oursMedian = median(ours);
  const theirsMedian = partmanVersion ? median(theirs) : NaN;
  const statusMedian = median(statusTimes);
  const ratio = oursMedian / theirsMedian;
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const lines = [
    `partitions benchmark — PostgreSQL ${version}, ${partmanVersion ? `pg_partman ${partmanVersion}` : 'pg_partman NOT AVAILABLE'}`,
    `capacity: ${partitions.length} month partitions (${STATS_TABLES.length} tables × ${MONTHS} months, ${first} … ${addMonths(first, MONTHS - 1)}) + 4 default partitions;` +
      ` ${statRows.toLocaleString('en-US')} database_size_stats rows`,
    `pg_partman: ${partman_partitions} month partitions on 4 parents of the same shape, same data, premake ${PREMAKE}` +
      (partmanVersion ? ` (${partmanAfter} after the runs: nothing to create)` : ''),
    `creating the ${MONTHS * STATS_TABLES.length - (PREMAKE + 1) * STATS_TABLES.length} missing partitions one by one (with default-rescue check): ${createSeconds.toFixed(2)} s`,
    `median of ${RUNS} runs (after ${WARMUP} warm-up runs):`,
    '',
    `  ${'measure'.padEnd(52)}${'capacity'.padStart(12)}${'pg_partman'.padStart(14)}${'ratio'.padStart(9)}   target`,
    `  ${'maintenance run (premake + default check, nothing to do)'.padEnd(52)}${ms(oursMedian).padStart(12)}${(partmanVersion ? ms(theirsMedian) : 'n/a').padStart(14)}` +
      `${(partmanVersion ? `${ratio.toFixed(2)}×` : 'n/a').padStart(9)}   ≤ 1.0× pg_partman: ${partmanVersion ? pass(ratio <= 1) : 'not measured'}`,
    `  ${'status report (480 partitions, exact counts, sizes)'.padEnd(52)}${ms(statusMedian).padStart(12)}${'—'.padStart(14)}${'—'.padStart(9)}   < 1000 ms: ${pass(statusMedian < 1000)}`,
    '',
    `  capacity maintenance runs (ms): ${ours.map((v) => v.toFixed(1)).join(' ')}`,
    partmanVersion ? `  pg_partman run_maintenance (ms): ${theirs.map((v) => v.toFixed(1)).join(' ')}` : `  pg_partman could not be used: ${partmanProblem}`,
    `  status report (ms): ${statusTimes.map((v) => v.toFixed(1)).join(' ')}`,
    `  status: healthy=${report.healthy}, ${report.tables.map((t) => `${t.table} ${t.partition_count} partitions ${(t.total_bytes / 1048576).toFixed(1)} MB`).join(', ')}`,
  ];
  console.log(lines.join('\n'));

  await dataSource.destroy();
  rmSync(dataDir, { recursive: true, force: true });
  await dropBenchDatabase(SERVER_URL, DATABASE);
}

runBench(main);
