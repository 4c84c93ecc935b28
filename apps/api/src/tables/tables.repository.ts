import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Reads of table_size_stats (the collection writes it, through StatsRepository). */
@Injectable()
export class TablesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The latest day with table readings of the database; null when it has none. */
  async latestDate(instanceId: number, databaseName: string): Promise<string | null> {
    const [row]: { date: string | null }[] = await this.dataSource.query(
      `SELECT to_char(max(collected_date), 'YYYY-MM-DD') AS date FROM table_size_stats WHERE instance_id = $1 AND database_name = $2`,
      [instanceId, databaseName],
    );
    return row?.date ?? null;
  }

  /** The database's table readings with collected_date in [from, to] (both inclusive). */
  readings(instanceId: number, databaseName: string, from: string, to: string): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `SELECT schema_name, table_name, total_bytes::text AS total_bytes, data_bytes::text AS data_bytes, index_bytes::text AS index_bytes,
              toast_bytes::text AS toast_bytes, row_estimate::text AS row_estimate, size_source,
              to_char(collected_date, 'YYYY-MM-DD') AS collected_date, collected_at
       FROM table_size_stats
       WHERE instance_id = $1 AND database_name = $2 AND collected_date BETWEEN $3::date AND $4::date
       ORDER BY collected_date, total_bytes DESC, schema_name, table_name`,
      [instanceId, databaseName, from, to],
    );
  }
}
