import type { DbType } from '@capacity/contracts';
import type { DataSource } from 'typeorm';

let counter = 0;

/** Inserts an instance row directly (no credentials), for specs that need a foreign key target. */
export async function createInstance(
  dataSource: DataSource,
  overrides: Partial<{ name: string; db_type: DbType; host: string; port: number; username: string; is_active: boolean; owner_id: number | null }> = {},
): Promise<{ id: number; name: string }> {
  const name = overrides.name ?? `instance-${process.pid}-${++counter}`;
  const [row]: { id: number }[] = await dataSource.query(
    `INSERT INTO instances (name, db_type, host, port, username, is_active, owner_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      name,
      overrides.db_type ?? 'postgresql',
      overrides.host ?? '127.0.0.1',
      overrides.port ?? 5432,
      overrides.username ?? 'postgres',
      overrides.is_active ?? true,
      overrides.owner_id ?? null,
    ],
  );
  return { id: row.id, name };
}

export interface DatabaseStatRow {
  instanceId: number;
  databaseName: string;
  date: string;
  /** null: a reading whose size could not be read. */
  sizeBytes: number | null;
  dataSizeBytes?: number | null;
  logSizeBytes?: number | null;
}

/** Set-based insert of daily database stats (one statement however many rows). */
export async function insertDatabaseStats(dataSource: DataSource, rows: DatabaseStatRow[]): Promise<void> {
  if (rows.length === 0) return;
  await dataSource.query(
    `INSERT INTO database_size_stats (instance_id, database_name, size_bytes, data_size_bytes, log_size_bytes, collected_date, collected_at)
     SELECT * , (t.d::timestamp + time '03:00') AT TIME ZONE 'UTC'
     FROM unnest($1::int[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::date[]) AS t(i, n, s, ds, ls, d)`,
    [
      rows.map((r) => r.instanceId),
      rows.map((r) => r.databaseName),
      rows.map((r) => r.sizeBytes),
      rows.map((r) => (r.dataSizeBytes === undefined ? r.sizeBytes : r.dataSizeBytes)),
      rows.map((r) => r.logSizeBytes ?? null),
      rows.map((r) => r.date),
    ],
  );
}

export interface InstanceStatRow {
  instanceId: number;
  date: string;
  /** null: a database's size was unknown that day. */
  totalSizeBytes: number | null;
  dataSizeBytes?: number | null;
  logSizeBytes?: number | null;
  databaseCount: number;
}

export async function insertInstanceStats(dataSource: DataSource, rows: InstanceStatRow[]): Promise<void> {
  if (rows.length === 0) return;
  await dataSource.query(
    `INSERT INTO instance_size_stats (instance_id, total_size_bytes, data_size_bytes, log_size_bytes, database_count, collected_date, collected_at)
     SELECT *, (t.d::timestamp + time '03:00') AT TIME ZONE 'UTC'
     FROM unnest($1::int[], $2::bigint[], $3::bigint[], $4::bigint[], $5::int[], $6::date[]) AS t(i, s, ds, ls, c, d)`,
    [
      rows.map((r) => r.instanceId),
      rows.map((r) => r.totalSizeBytes),
      rows.map((r) => (r.dataSizeBytes === undefined ? r.totalSizeBytes : r.dataSizeBytes)),
      rows.map((r) => r.logSizeBytes ?? null),
      rows.map((r) => r.databaseCount),
      rows.map((r) => r.date),
    ],
  );
}
