import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface LatestInstanceSizeRow {
  instance: string;
  db_type: string;
  /** Null when a database's size could not be read. */
  total_size_bytes: string | null;
  /** WAL / binary logs / redo of the instance; null where not collected (not permitted, not enabled). */
  log_size_bytes: string | null;
  database_count: number;
  collected_date: string;
  collected_at: Date;
}

export interface LatestDatabaseSizeRow {
  instance: string;
  db_type: string;
  database: string;
  /** Null where the size could not be read (e.g. a schema whose tables the user cannot see). */
  size_bytes: string | null;
}

/** Read-only queries behind /metrics, evaluated at scrape time. */
@Injectable()
export class MetricsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  latestInstanceSizes(): Promise<LatestInstanceSizeRow[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (s.instance_id) i.name AS instance, i.db_type, s.total_size_bytes::text AS total_size_bytes,
              s.log_size_bytes::text AS log_size_bytes, s.database_count,
              to_char(s.collected_date, 'YYYY-MM-DD') AS collected_date, s.collected_at
       FROM instance_size_stats s JOIN instances i ON i.id = s.instance_id
       ORDER BY s.instance_id, s.collected_date DESC, s.collected_at DESC`,
    );
  }

  /** Every database of each instance's latest reading. */
  latestDatabaseSizes(): Promise<LatestDatabaseSizeRow[]> {
    return this.dataSource.query(
      `WITH latest AS (
         SELECT DISTINCT ON (instance_id) instance_id, collected_date, collected_at
         FROM instance_size_stats ORDER BY instance_id, collected_date DESC, collected_at DESC
       )
       SELECT i.name AS instance, i.db_type, d.database_name AS database, d.size_bytes::text AS size_bytes
       FROM latest l
       JOIN database_size_stats d ON d.instance_id = l.instance_id AND d.collected_date = l.collected_date AND d.collected_at = l.collected_at
       JOIN instances i ON i.id = l.instance_id`,
    );
  }

  /** End of the newest finished capacity session (any replica), or null. */
  async lastCollectionEnd(): Promise<Date | null> {
    const [row]: { completed_at: Date | null }[] = await this.dataSource.query(
      `SELECT max(completed_at) AS completed_at FROM sync_sessions WHERE sync_category = 'capacity' AND status <> 'running'`,
    );
    return row?.completed_at ? new Date(row.completed_at) : null;
  }
}
