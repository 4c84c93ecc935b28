/**
 * npm run bench:archive — the cold tier at the size of the issue: 12 months of daily stats for 1,000 instances ×
 * 20 databases (≈ 600 k rows a month, ≈ 7.3 M rows). Archives one month (time, rows/s, PostgreSQL bytes vs Parquet
 * bytes), then the other eleven, and compares the p95 latency of a one-year history query for one instance
 * (GET /instances/:id/database-sizes through HistoryService, and the bare tier read) all hot vs all cold.
 * Local PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres), throwaway database
 * (BENCH_KEEP=1 keeps it and the archive directory).
 */
import { addMonths, currentMonthIn, firstDayOf, lastDayOf, monthRange, type YearMonth } from '@capacity/contracts';
import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createBenchDatabase, dropBenchDatabase, runBench, time } from './bench-support';
import { ArchiveStepService } from '../src/archive/archive-step.service';
import { ArchiveRepository } from '../src/archive/archive.repository';
import { required } from '../src/common/required';
import { loadAppConfig } from '../src/config/app-config';
import { COLD_TIER, type ColdTierPort } from '../src/history/cold-tier.port';
import { HistoryService } from '../src/history/history.service';
import { PartitionRepository } from '../src/partition/partition.repository';
import { appTestingModule } from '../src/test-support/app-testing-module';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = 'capacity_bench_archive';
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1000);
const DATABASES = 20;
const MONTHS = Number(process.env.BENCH_MONTHS ?? 12);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const WARMUP = 20;
const TABLE = 'database_size_stats' as const;
const ADMIN = { id: 1, username: 'admin', role: 'admin' as const };

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const int = (value: number) => Math.round(value).toLocaleString('en-US');
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
async function latencies(instances: number[], run: (instanceId: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await run(instances[i % instances.length]);
  const samples: number[] = [];
  for (const instanceId of instances) samples.push(await time(() => run(instanceId)));
  return samples;
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  const { url, version } = await createBenchDatabase(SERVER_URL, DATABASE);

  const dataDir = mkdtempSync(join(tmpdir(), 'capacity-bench-archive-'));
  const config = loadAppConfig({
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    ARCHIVE_DIR: join(dataDir, 'archive'),
    ADMIN_PASSWORD: 'bench-admin-password',
    APP_TIMEZONE: 'UTC',
    COLLECT_ENABLED: 'false',
    AGGREGATION_ENABLED: 'false',
    PARTITION_ENABLED: 'false',
    CLEANUP_ENABLED: 'false',
  });
  const app = await appTestingModule(config, url).compile();
  app.useLogger(['error']);
  await app.init();
  const dataSource = app.get(DataSource);
  const partitions = app.get(PartitionRepository);
  const step = app.get(ArchiveStepService);
  const manifest = app.get(ArchiveRepository);
  const cold = app.get<ColdTierPort>(COLD_TIER);
  const history = app.get(HistoryService);

  // 12 consecutive months, all past a 12-month retention.
  const first = addMonths(currentMonthIn('UTC'), -(MONTHS + 13));
  const months = Array.from({ length: MONTHS }, (_, index) => addMonths(first, index));
  const from = firstDayOf(first);
  const to = lastDayOf(addMonths(first, MONTHS - 1));

  const seedStarted = Date.now();
  await dataSource.query(
    `INSERT INTO instances (name, db_type, host, port, username)
     SELECT 'bench-' || lpad(i::text, 4, '0'), 'postgresql', '10.0.' || (i / 250) || '.' || (i % 250), 5432, 'monitor'
     FROM generate_series(1, $1::int) AS i`,
    [INSTANCES],
  );
  const instanceIds: number[] = (await dataSource.query(`SELECT id FROM instances ORDER BY id`)).map((row: { id: number }) => row.id);
  for (const month of months) {
    await partitions.createMonthPartition(TABLE, month);
    await dataSource.query(
      `INSERT INTO database_size_stats (instance_id, database_name, size_bytes, data_size_bytes, log_size_bytes,
         collected_date, collected_at, created_at, updated_at)
       SELECT i, 'db_' || lpad(n::text, 2, '0'), x.s, (x.s * 0.82)::bigint, CASE WHEN i % 4 = 0 THEN NULL ELSE (x.s * 0.07)::bigint END,
              d::date, x.ts, x.ts + x.lag, x.ts + x.lag
       FROM unnest($1::int[]) AS i, generate_series(0, ${DATABASES - 1}) AS n,
            generate_series($2::date, $3::date - 1, interval '1 day') AS d,
            -- Like real collections (StatsRepository.saveReading): sizes move by a random amount each day; one
            -- instance's databases share that run's collected_at and created_at/updated_at (now() of its statement),
            -- which lands at a random second and microsecond. Random, so the compression figure is not flattered.
            LATERAL (SELECT hashint8(i * 1000003 + n * 1009 + (d::date - date '2000-01-01')) AS h,
                            hashint8(i * 7919 + (d::date - date '2000-01-01')) AS run) AS r,
            LATERAL (SELECT (1000000000 + i::bigint * 1000003 + n * 50000017::bigint
                             + (d::date - date '2000-01-01') * 1024 * (n + 1) + abs(r.h % 4000000))::bigint AS s,
                            d + time '03:00' + abs(r.run % 600000000) * interval '1 microsecond' AS ts,
                            abs((r.run / 7) % 900000) * interval '1 microsecond' AS lag) AS x`,
      [instanceIds, monthRange(month).from, monthRange(month).to],
    );
  }
  await dataSource.query(`VACUUM ANALYZE database_size_stats`);
  const [{ total }] = await dataSource.query(`SELECT count(*)::int AS total FROM database_size_stats`);
  const seedSeconds = (Date.now() - seedStarted) / 1000;

  // Same pseudo-random instances for both measurements.
  const sample = Array.from({ length: QUERIES }, (_, index) => instanceIds[(index * 7919 + 13) % instanceIds.length]);
  const query = { start_date: from, end_date: to };
  const serviceRead = (instanceId: number) => history.databaseSizes(ADMIN, instanceId, query);
  const hotTierRead = (instanceId: number) =>
    dataSource.query(
      `SELECT * FROM database_size_stats WHERE instance_id = $1 AND collected_date BETWEEN $2 AND $3 ORDER BY collected_date, database_name`,
      [instanceId, from, to],
    );
  const coldTierRead = (instanceId: number) => cold.readRows(TABLE, { from, to, instanceIds: [instanceId] });

  const loadHot = loadavg()[0];
  const answerHot = JSON.stringify(await serviceRead(instanceIds[0]));
  const hotService = await latencies(sample, serviceRead);
  const hotTier = await latencies(sample, hotTierRead);

  // Archive: the first month measured on its own, then the other eleven.
  const drop = (month: YearMonth) => async () => {
    await partitions.dropMonthPartition(TABLE, month);
  };
  const firstSeconds = (await time(() => step.archiveThenDrop(TABLE, months[0], drop(months[0])))) / 1000;
  const firstManifest = required(await manifest.findManifest(TABLE, months[0]), 'the manifest of the first archived month');
  const firstEntry = {
    rowCount: required(firstManifest.rowCount, 'the row count of the first archived month'),
    pgBytesBefore: required(firstManifest.pgBytesBefore, 'the PostgreSQL size of the first archived month'),
    parquetBytes: required(firstManifest.parquetBytes, 'the Parquet size of the first archived month'),
  };
  const restSeconds = (await time(async () => {
    for (const month of months.slice(1)) await step.archiveThenDrop(TABLE, month, drop(month));
  })) / 1000;
  const entries = await manifest.listManifest();
  const archivedRows = entries.reduce((sum, entry) => sum + (entry.rowCount ?? 0), 0);
  const parquetBytes = entries.reduce((sum, entry) => sum + (entry.parquetBytes ?? 0), 0);
  const pgBytes = entries.reduce((sum, entry) => sum + (entry.pgBytesBefore ?? 0), 0);
  const [{ left }] = await dataSource.query(`SELECT count(*)::int AS left FROM database_size_stats`);

  const loadCold = loadavg()[0];
  const answerCold = JSON.stringify(await serviceRead(instanceIds[0]));
  const coldService = await latencies(sample, serviceRead);
  const coldTier = await latencies(sample, coldTierRead);
  const rowsPerQuery = (await coldTierRead(instanceIds[0])).length;

  const ratio = firstEntry.pgBytesBefore / firstEntry.parquetBytes;
  const row = (label: string, hot: number, coldValue: number, note = '') =>
    console.log(`  ${label.padEnd(44)} ${`${hot.toFixed(1)} ms`.padStart(12)} ${`${coldValue.toFixed(1)} ms`.padStart(12)}  ${note}`);
  console.log(`\narchive bench — PostgreSQL ${version}, DuckDB memory_limit ${config.duckdbMemoryLimit}, ${INSTANCES} instances × ${DATABASES} databases × ${MONTHS} months`);
  console.log(`seeded ${int(total)} rows of ${TABLE} in ${seedSeconds.toFixed(0)} s\n`);
  console.log(`one month archived (${TABLE} ${months[0]}): export → verify → drop`);
  console.log(`  rows                         ${int(firstEntry.rowCount)}`);
  console.log(`  time                         ${firstSeconds.toFixed(2)} s`);
  console.log(`  throughput                   ${int(firstEntry.rowCount / firstSeconds)} rows/s`);
  console.log(`  PostgreSQL bytes (pg_total_relation_size)  ${int(firstEntry.pgBytesBefore)} (${mb(firstEntry.pgBytesBefore)})`);
  console.log(`  Parquet bytes (ZSTD)                       ${int(firstEntry.parquetBytes)} (${mb(firstEntry.parquetBytes)})`);
  console.log(`  Parquet / PostgreSQL         1/${ratio.toFixed(1)}  (target ≤ 1/10: ${ratio >= 10 ? 'PASS' : 'FAIL'})`);
  console.log(`other ${MONTHS - 1} months archived in ${restSeconds.toFixed(1)} s; all ${MONTHS}: ${int(archivedRows)} rows, ${mb(pgBytes)} → ${mb(parquetBytes)}; rows left hot: ${left}\n`);
  console.log(`one-year history of one instance (${from} … ${to}, ${int(rowsPerQuery)} rows), ${QUERIES} queries over distinct instances`);
  console.log(`(machine load average when measured: hot ${loadHot.toFixed(1)}, cold ${loadCold.toFixed(1)} on ${availableParallelism()} cores)`);
  console.log(`  ${''.padEnd(44)} ${'all hot'.padStart(12)} ${'all cold'.padStart(12)}`);
  row('GET database-sizes (HistoryService) p50', percentile(hotService, 50), percentile(coldService, 50));
  row('GET database-sizes (HistoryService) p95', percentile(hotService, 95), percentile(coldService, 95), `(target cold p95 < 100 ms: ${percentile(coldService, 95) < 100 ? 'PASS' : 'FAIL'})`);
  row('tier read only (PG query / DuckDB Parquet) p50', percentile(hotTier, 50), percentile(coldTier, 50));
  row('tier read only (PG query / DuckDB Parquet) p95', percentile(hotTier, 95), percentile(coldTier, 95));
  console.log(`same answer hot and cold for instance ${instanceIds[0]}: ${answerHot === answerCold ? 'yes' : 'NO'}`);

  await app.close();
  if (process.env.BENCH_KEEP) {
    console.log(`BENCH_KEEP: database ${DATABASE} and data directory ${dataDir} kept`);
    return;
  }
  rmSync(dataDir, { recursive: true, force: true });
  await dropBenchDatabase(SERVER_URL, DATABASE);
}

runBench(main);
