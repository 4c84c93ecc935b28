import { monthRange, STATS_TABLES, type StatsTable, type YearMonth } from '@capacity/contracts';
import type { DataSource } from 'typeorm';
import { PARTITION_KEYS, partitionName } from '../../partition/partition-naming';
import type { PartitionRepository } from '../../partition/partition.repository';
import { ARCHIVE_COLUMNS, sortColumns, sumColumns, type ArchiveColumn } from '../archive-columns';

/**
 * Creates the month partition of every statistics table and fills it: per instance and database one row a day
 * (sizes past 2^32, some NULL log sizes, timestamps with microseconds), instance rows, daily and monthly aggregations,
 * and three top tables per database and day (one without TOAST, one without row estimate).
 */
export async function seedMonth(dataSource: DataSource, partitions: PartitionRepository, month: YearMonth, instanceIds: number[], databases = 4): Promise<void> {
  const { from, to } = monthRange(month);
  for (const table of STATS_TABLES) await partitions.createMonthPartition(table, month);
  const params = [instanceIds, databases, from, to];
  await dataSource.query(
    `INSERT INTO database_size_stats (instance_id, database_name, size_bytes, data_size_bytes, log_size_bytes, collected_date, collected_at)
     SELECT i, 'db_' || n, 5000000000 + i * 1000003 + n * 7919 + extract(day FROM d)::int * 104729,
            4000000000 + i * 1000 + n, CASE WHEN n = 0 THEN NULL ELSE 123456 * n END,
            d::date, d + time '03:00:00.123456'
     FROM unnest($1::int[]) AS i, generate_series(0, $2::int - 1) AS n, generate_series($3::date, $4::date - 1, interval '1 day') AS d`,
    params,
  );
  await dataSource.query(
    `INSERT INTO instance_size_stats (instance_id, total_size_bytes, data_size_bytes, log_size_bytes, database_count, collected_date, collected_at)
     SELECT i, 20000000000 + i * 1000003 + extract(day FROM d)::int * 104729, 16000000000 + i, CASE WHEN i % 2 = 0 THEN NULL ELSE 999 END,
            $2::int, d::date, d + time '03:00:00.654321'
     FROM unnest($1::int[]) AS i, generate_series($3::date, $4::date - 1, interval '1 day') AS d`,
    params,
  );
  await dataSource.query(
    `INSERT INTO database_size_aggregations (instance_id, database_name, period_type, period_start, period_end,
       avg_size_bytes, max_size_bytes, min_size_bytes, avg_data_size_bytes, max_data_size_bytes, min_data_size_bytes,
       avg_log_size_bytes, max_log_size_bytes, min_log_size_bytes, data_count, size_change_bytes, size_change_percent, growth_rate, calculated_at)
     SELECT i, 'db_' || n, p.period_type, p.start_date, p.end_date,
            6000000000 + i + n, 6000000100 + i + n, 5999999900 + i + n, 5000000000 + n, 5000000100 + n, 4999999900 + n,
            CASE WHEN n = 0 THEN NULL ELSE 100 * n END, CASE WHEN n = 0 THEN NULL ELSE 200 * n END, CASE WHEN n = 0 THEN NULL ELSE 50 * n END,
            p.days, CASE WHEN n = 1 THEN NULL ELSE 1024 * i - n END, CASE WHEN n = 1 THEN NULL ELSE round((i * 1.37 - n)::numeric, 2) END,
            round((n * 0.25 + 0.01)::numeric, 2), timestamptz '2026-01-02 05:00:00.987654+00'
     FROM unnest($1::int[]) AS i, generate_series(0, $2::int - 1) AS n,
          (SELECT 'daily' AS period_type, d::date AS start_date, d::date AS end_date, 1 AS days
             FROM generate_series($3::date, $4::date - 1, interval '1 day') AS d
           UNION ALL SELECT 'monthly', $3::date, $4::date - 1, $4::date - $3::date) AS p`,
    params,
  );
  await dataSource.query(
    `INSERT INTO instance_size_aggregations (instance_id, period_type, period_start, period_end,
       avg_total_size_bytes, max_total_size_bytes, min_total_size_bytes, avg_data_size_bytes, max_data_size_bytes, min_data_size_bytes,
       avg_log_size_bytes, max_log_size_bytes, min_log_size_bytes, avg_database_count, data_count,
       total_size_change_bytes, total_size_change_percent, growth_rate, database_count_change, calculated_at)
     SELECT i, p.period_type, p.start_date, p.end_date,
            21000000000 + i, 21000000100 + i, 20999999900 + i, 17000000000 + i, 17000000100 + i, 16999999900 + i,
            NULL, NULL, NULL, round(($2::int + 0.5)::numeric, 2), p.days, 4096 * i, round((i * 0.33)::numeric, 2), NULL,
            CASE WHEN i % 2 = 0 THEN NULL ELSE 1 END, timestamptz '2026-01-02 05:00:00.5+00'
     FROM unnest($1::int[]) AS i,
          (SELECT 'daily' AS period_type, d::date AS start_date, d::date AS end_date, 1 AS days
             FROM generate_series($3::date, $4::date - 1, interval '1 day') AS d
           UNION ALL SELECT 'monthly', $3::date, $4::date - 1, $4::date - $3::date) AS p`,
    params,
  );
  await dataSource.query(
    `INSERT INTO table_size_stats (instance_id, database_name, schema_name, table_name, total_bytes, data_bytes, index_bytes,
       toast_bytes, row_estimate, size_source, collected_date, collected_at)
     SELECT i, 'db_' || n, 'public', 't_' || k, 3000000000 + i * 1009 + n * 17 + k * 3 + extract(day FROM d)::int * 8191,
            2000000000 + k, 900000000 + n, CASE WHEN k = 0 THEN NULL ELSE 4096 * k END, CASE WHEN k = 1 THEN NULL ELSE 1000000 * k END,
            CASE WHEN k = 2 THEN 'statistics' ELSE 'files' END, d::date, d + time '03:00:00.123456'
     FROM unnest($1::int[]) AS i, generate_series(0, $2::int - 1) AS n, generate_series(0, 2) AS k,
          generate_series($3::date, $4::date - 1, interval '1 day') AS d`,
    params,
  );
}

function hotExpression(column: ArchiveColumn): string {
  const name = `"${column.name}"`;
  switch (column.kind) {
    case 'bigint':
    case 'numeric':
      return `${name}::float8 AS ${name}`;
    case 'int':
    case 'text':
      return name;
    case 'date':
      return `to_char(${name}, 'YYYY-MM-DD') AS ${name}`;
    case 'timestamptz':
      return `to_char(${name} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${name}`;
  }
}

/** The same rows the cold tier returns, computed by PostgreSQL from the hot table (key range inclusive). */
export async function hotRows(
  dataSource: DataSource,
  table: StatsTable,
  filter: { from: string; to: string; instanceIds?: number[]; databaseName?: string; periodType?: string },
): Promise<Record<string, unknown>[]> {
  const key = PARTITION_KEYS[table];
  const where = [`"${key}" BETWEEN $1 AND $2`];
  const values: unknown[] = [filter.from, filter.to];
  if (filter.instanceIds) {
    values.push(filter.instanceIds);
    where.push(`instance_id = ANY($${values.length})`);
  }
  if (filter.databaseName !== undefined) {
    values.push(filter.databaseName);
    where.push(`database_name = $${values.length}`);
  }
  if (filter.periodType !== undefined) {
    values.push(filter.periodType);
    where.push(`period_type = $${values.length}`);
  }
  const order = [key, ...sortColumns(table).filter((name) => name !== key)].map((name) => `"${name}"`).join(', ');
  return dataSource.query(
    `SELECT ${ARCHIVE_COLUMNS[table].map(hotExpression).join(', ')} FROM "${table}" WHERE ${where.join(' AND ')} ORDER BY ${order}`,
    values,
  );
}

/** Row count and bigint sums of the month in the whole table (any partition). */
export async function monthFigures(dataSource: DataSource, table: StatsTable, month: YearMonth): Promise<{ rows: number; sums: Record<string, string> }> {
  const key = PARTITION_KEYS[table];
  const sums = sumColumns(table);
  const { from, to } = monthRange(month);
  const [row]: Record<string, string>[] = await dataSource.query(
    `SELECT count(*)::text AS row_count, ${sums.map((c) => `coalesce(sum("${c}"), 0)::text AS "${c}"`).join(', ')}
     FROM "${table}" WHERE "${key}" >= $1 AND "${key}" < $2`,
    [from, to],
  );
  return { rows: Number(row.row_count), sums: Object.fromEntries(sums.map((c) => [c, row[c]])) };
}

export async function partitionPresent(dataSource: DataSource, table: StatsTable, month: YearMonth): Promise<boolean> {
  const [{ present }]: { present: boolean }[] = await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [partitionName(table, month)]);
  return present;
}
