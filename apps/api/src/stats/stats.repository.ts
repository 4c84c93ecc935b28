import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CollectedTables, SizeSource } from '../collector/collector.types';

export interface DatabaseReading {
  name: string;
  /** null: the size could not be read (never stored as 0). */
  sizeBytes: number | null;
  dataSizeBytes: number | null;
  logSizeBytes: number | null;
  sizeSource: SizeSource | null;
}

export interface InstanceReading {
  instanceId: number;
  collectedDate: string;
  collectedAt: Date;
  databases: DatabaseReading[];
  /** null when a database's size is unknown: a sum of the readable part would look like a real total. */
  totalSizeBytes: number | null;
  dataSizeBytes: number | null;
  logSizeBytes: number | null;
  /** The top tables read with the sizes; absent when the scan did not run (COLLECT_TABLES off, or it failed). */
  tables?: CollectedTables;
}

export interface LatestDatabaseRow {
  database_name: string;
  size_bytes: string | null;
  size_source: SizeSource | null;
  data_size_bytes: string | null;
  log_size_bytes: string | null;
  collected_date: string;
  collected_at: Date;
}

/** The only writer of database_size_stats / instance_size_stats / table_size_stats readings. */
@Injectable()
export class StatsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One instance's reading as one statement (so one transaction, one round trip), set-based: a
   * repeated collection on the same day updates that day's rows (latest reading wins); databases
   * not in the reading keep their rows. The top tables likewise, per scanned database: that day's
   * tables of a scanned database that are no longer among its largest are removed, so a day holds
   * one top list per database, never two half ones.
   */
  async saveReading(reading: InstanceReading): Promise<void> {
    const tables = reading.tables?.tables ?? [];
    await this.dataSource.query(
      `WITH stale_tables AS (
         DELETE FROM table_size_stats s
         WHERE s.instance_id = $1 AND s.collected_date = $2::date AND s.database_name = ANY($12::text[])
           AND NOT EXISTS (SELECT 1 FROM unnest($13::text[], $14::text[], $15::text[]) AS t(db, sch, name)
                           WHERE t.db = s.database_name AND t.sch = s.schema_name AND t.name = s.table_name)
         RETURNING 1
       ),
       tables AS (
         INSERT INTO table_size_stats
           (instance_id, database_name, schema_name, table_name, total_bytes, data_bytes, index_bytes, toast_bytes, row_estimate,
            size_source, collected_date, collected_at)
         SELECT $1, t.db, t.sch, t.name, t.total, t.data, t.idx, t.toast, t.rows, t.source, $2::date, $3::timestamptz
         FROM unnest($13::text[], $14::text[], $15::text[], $16::bigint[], $17::bigint[], $18::bigint[], $19::bigint[], $20::bigint[], $21::varchar[])
              AS t(db, sch, name, total, data, idx, toast, rows, source)
         ON CONFLICT (instance_id, database_name, schema_name, table_name, collected_date) DO UPDATE
         SET total_bytes = EXCLUDED.total_bytes, data_bytes = EXCLUDED.data_bytes, index_bytes = EXCLUDED.index_bytes,
             toast_bytes = EXCLUDED.toast_bytes, row_estimate = EXCLUDED.row_estimate, size_source = EXCLUDED.size_source,
             collected_at = EXCLUDED.collected_at, updated_at = now()
         RETURNING 1
       ),
       databases AS (
         INSERT INTO database_size_stats
           (instance_id, database_name, size_bytes, data_size_bytes, log_size_bytes, size_source, collected_date, collected_at)
         SELECT $1, t.name, t.size, t.data, t.log, t.source, $2::date, $3::timestamptz
         FROM unnest($4::text[], $5::bigint[], $6::bigint[], $7::bigint[], $11::varchar[]) AS t(name, size, data, log, source)
         ON CONFLICT (instance_id, database_name, collected_date) DO UPDATE
         SET size_bytes = EXCLUDED.size_bytes, data_size_bytes = EXCLUDED.data_size_bytes,
             log_size_bytes = EXCLUDED.log_size_bytes, size_source = EXCLUDED.size_source,
             collected_at = EXCLUDED.collected_at, updated_at = now()
         RETURNING 1
       )
       INSERT INTO instance_size_stats
         (instance_id, total_size_bytes, data_size_bytes, log_size_bytes, database_count, collected_date, collected_at)
       SELECT $1, $8, $9, $10, (SELECT count(*) FROM databases), $2::date, $3::timestamptz
       ON CONFLICT (instance_id, collected_date) DO UPDATE
       SET total_size_bytes = EXCLUDED.total_size_bytes, data_size_bytes = EXCLUDED.data_size_bytes,
           log_size_bytes = EXCLUDED.log_size_bytes, database_count = EXCLUDED.database_count,
           collected_at = EXCLUDED.collected_at, updated_at = now()`,
      [
        reading.instanceId,
        reading.collectedDate,
        reading.collectedAt,
        reading.databases.map((d) => d.name),
        reading.databases.map((d) => d.sizeBytes),
        reading.databases.map((d) => d.dataSizeBytes),
        reading.databases.map((d) => d.logSizeBytes),
        reading.totalSizeBytes,
        reading.dataSizeBytes,
        reading.logSizeBytes,
        reading.databases.map((d) => d.sizeSource),
        reading.tables?.databases ?? [],
        tables.map((t) => t.database),
        tables.map((t) => t.schema),
        tables.map((t) => t.name),
        tables.map((t) => t.totalBytes),
        tables.map((t) => t.dataBytes),
        tables.map((t) => t.indexBytes),
        tables.map((t) => t.toastBytes),
        tables.map((t) => t.rowEstimate),
        tables.map((t) => t.sizeSource),
      ],
    );
  }

  /**
   * When the top tables of the instance dated `date` were read (the rows of one scan share its collected_at, and a day
   * has one scan); null when none of that day is stored. One month partition by the key, the first row found.
   */
  async tablesCollectedAt(instanceId: number, date: string): Promise<Date | null> {
    const rows: { collected_at: Date }[] = await this.dataSource.query(
      `SELECT collected_at FROM table_size_stats WHERE instance_id = $1 AND collected_date = $2 LIMIT 1`,
      [instanceId, date],
    );
    return rows[0]?.collected_at ?? null;
  }

  /** The instance's newest instance reading (total, databases, log); undefined before the first. */
  async latestInstance(instanceId: number): Promise<Record<string, unknown> | undefined> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT instance_id, total_size_bytes, data_size_bytes, log_size_bytes, database_count,
              to_char(collected_date, 'YYYY-MM-DD') AS collected_date, collected_at
       FROM instance_size_stats WHERE instance_id = $1
       ORDER BY collected_date DESC, collected_at DESC LIMIT 1`,
      [instanceId],
    );
    return rows[0];
  }

  /** The databases of the instance's latest reading (the newest instance row, else the newest database rows). */
  latestDatabases(instanceId: number): Promise<LatestDatabaseRow[]> {
    return this.dataSource.query(
      `WITH anchor AS (
         SELECT collected_date, collected_at FROM (
           (SELECT collected_date, collected_at, 0 AS pref FROM instance_size_stats
            WHERE instance_id = $1 ORDER BY collected_date DESC, collected_at DESC LIMIT 1)
           UNION ALL
           (SELECT collected_date, collected_at, 1 AS pref FROM database_size_stats
            WHERE instance_id = $1 ORDER BY collected_date DESC, collected_at DESC LIMIT 1)
         ) candidates
         ORDER BY collected_date DESC, pref LIMIT 1
       )
       SELECT d.database_name, d.size_bytes::text AS size_bytes, d.data_size_bytes::text AS data_size_bytes,
              d.log_size_bytes::text AS log_size_bytes, d.size_source, to_char(d.collected_date, 'YYYY-MM-DD') AS collected_date, d.collected_at
       FROM database_size_stats d
       JOIN anchor a ON d.collected_date = a.collected_date AND d.collected_at = a.collected_at
       WHERE d.instance_id = $1
       ORDER BY d.size_bytes DESC NULLS LAST, d.database_name`,
      [instanceId],
    );
  }
}
