/**
 * The data set of bench:aggregate and bench:fleet: INSTANCES instances × `databases` databases × a range of days of
 * daily stats with sizes from a deterministic formula, inserted set-based (one statement per month).
 */
import { addDays, addMonths, periodStart, STATS_TABLES, type YearMonth, yearMonthOf } from '@capacity/contracts';
import type { DataSource } from 'typeorm';
import { PartitionRepository } from '../src/partition/partition.repository';

export interface DataSetShape {
  instances: number;
  databases: number;
}

/** The monthly partitions of the four tables from the quarter before `first` (aggregations start there) to `last`. */
export async function createDataSetPartitions(dataSource: DataSource, first: string, last: string): Promise<void> {
  const months: YearMonth[] = [];
  for (let month = yearMonthOf(periodStart('quarterly', addDays(first, -7))); month <= yearMonthOf(last); month = addMonths(month, 1)) months.push(month);
  const partitions = new PartitionRepository(dataSource);
  for (const table of STATS_TABLES) for (const month of months) await partitions.createMonthPartition(table, month);
}

/** `bench-0001` … (`bench-00001` … from 10,000 on: names are unique): a quarter of each engine, every tenth inactive. */
export async function insertDataSetInstances(dataSource: DataSource, shape: DataSetShape): Promise<void> {
  await dataSource.query(
    `INSERT INTO instances (name, db_type, host, port, username, is_active)
     SELECT 'bench-' || lpad(i::text, greatest(4, length($1::text)), '0'), (ARRAY['postgresql','mysql','sqlserver','oracle'])[1 + i % 4], 'h', 5432, 'u', i % 10 <> 0
     FROM generate_series(1, $1::int) i`,
    [shape.instances],
  );
  await dataSource.query('ANALYZE instances');
}

/**
 * Runs `load` with the non-unique indexes of `tables` dropped, then builds them again as they were (their own
 * definitions, read from the catalog): one sort per index after the load instead of ~20 M random index inserts.
 */
export async function withoutSecondaryIndexes(dataSource: DataSource, tables: readonly string[], load: () => Promise<void>): Promise<void> {
  const indexes: { indexname: string; indexdef: string }[] = await dataSource.query(
    `SELECT indexname, indexdef FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = ANY($1::text[]) AND indexdef NOT LIKE 'CREATE UNIQUE INDEX %'`,
    [tables],
  );
  for (const { indexname } of indexes) await dataSource.query(`DROP INDEX "${indexname.replace(/"/g, '""')}"`);
  try {
    await load();
  } finally {
    const runner = dataSource.createQueryRunner();
    try {
      await runner.query(`SET maintenance_work_mem = '256MB'`);
      // A partitioned table's definition reads `ON ONLY` (that index alone); built `ON` the table it recurses into every partition.
      for (const { indexdef } of indexes) await runner.query(indexdef.replace(' ON ONLY ', ' ON '));
      await runner.query('RESET maintenance_work_mem');
    } finally {
      await runner.release();
    }
  }
}

/** Stats of every day in [first, last], history written on its day. */
export async function generate(dataSource: DataSource, shape: DataSetShape, first: string, last: string): Promise<void> {
  await withoutSecondaryIndexes(dataSource, ['database_size_stats', 'instance_size_stats'], async () => {
    for (let from = first; from <= last; ) {
      const monthEnd = addDays(periodStart('monthly', addDays(periodStart('monthly', from), 32)), -1);
      const to = monthEnd < last ? monthEnd : last;
      await insertDays(dataSource, shape, first, from, to, true);
      from = addDays(to, 1);
    }
  });
}

/** Stats of [from, to]; sizes grow from `origin`. `backdated`: updated_at on the reading's day, else now(). */
export async function insertDays(dataSource: DataSource, shape: DataSetShape, origin: string, from: string, to: string, backdated: boolean): Promise<void> {
  const updatedAt = backdated ? `(day + time '04:00') AT TIME ZONE 'UTC'` : 'now()';
  await dataSource.query(
    `INSERT INTO database_size_stats (instance_id, database_name, size_bytes, data_size_bytes, log_size_bytes, collected_date, collected_at, created_at, updated_at)
     SELECT i, 'db_' || lpad(d::text, 2, '0'), s, (s * 0.8)::bigint, CASE WHEN d % 4 = 0 THEN NULL ELSE (s * 0.2)::bigint END,
            day, (day + time '03:00') AT TIME ZONE 'UTC', (day + time '03:00') AT TIME ZONE 'UTC', ${updatedAt}
     FROM generate_series(1, $1::int) i
     CROSS JOIN generate_series(1, $5::int) d
     CROSS JOIN LATERAL (SELECT $3::date + k AS day FROM generate_series(0, $4::date - $3::date) k) days
     CROSS JOIN LATERAL (SELECT ((100 + (i * 37 + d * 101) % 5000)::bigint * 1048576
                                 + (day - $2::date) * ((i % 7) + d) * 65536
                                 + ((i * 7919 + d * 104729 + (day - DATE '2000-01-01') * 31) % 1000000))::bigint AS s) size`,
    [shape.instances, origin, from, to, shape.databases],
  );
  await dataSource.query(
    `INSERT INTO instance_size_stats (instance_id, total_size_bytes, data_size_bytes, log_size_bytes, database_count, collected_date, collected_at, created_at, updated_at)
     SELECT instance_id, sum(size_bytes), sum(data_size_bytes), sum(log_size_bytes), count(*), collected_date,
            max(collected_at), max(collected_at), ${backdated ? 'max(updated_at)' : 'now()'}
     FROM database_size_stats WHERE collected_date BETWEEN $1::date AND $2::date
     GROUP BY instance_id, collected_date`,
    [from, to],
  );
}
