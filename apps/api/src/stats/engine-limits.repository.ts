import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EngineLimits } from '../collector/collector.types';

/** The latest engine-reported limits of an instance (SQL Server, Oracle): replaced whole by each collection that read them. */
@Injectable()
export class EngineLimitsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One statement: the instance row upserted, its databases' rows upserted, those of databases not reported removed. */
  async save(instanceId: number, limits: EngineLimits, collectedAt: Date): Promise<void> {
    const databases = limits.databases;
    await this.dataSource.query(
      `WITH instance_limit AS (
         INSERT INTO engine_instance_limits (instance_id, limit_bytes, volume_total_bytes, volume_available_bytes, details, collected_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6)
         ON CONFLICT (instance_id) DO UPDATE SET limit_bytes = excluded.limit_bytes, volume_total_bytes = excluded.volume_total_bytes,
           volume_available_bytes = excluded.volume_available_bytes, details = excluded.details, collected_at = excluded.collected_at
       ),
       gone AS (
         DELETE FROM engine_database_limits WHERE instance_id = $1 AND NOT (database_name = ANY ($7::text[]))
       )
       INSERT INTO engine_database_limits (instance_id, database_name, limit_bytes, allocated_bytes, used_bytes, details, collected_at)
       SELECT $1, t.name, t.limit_bytes, t.allocated, t.used, t.details::jsonb, $6
       FROM unnest($7::text[], $8::bigint[], $9::bigint[], $10::bigint[], $11::text[]) AS t(name, limit_bytes, allocated, used, details)
       ON CONFLICT (instance_id, database_name) DO UPDATE SET limit_bytes = excluded.limit_bytes, allocated_bytes = excluded.allocated_bytes,
         used_bytes = excluded.used_bytes, details = excluded.details, collected_at = excluded.collected_at`,
      [
        instanceId,
        limits.instanceLimitBytes,
        limits.volumeTotalBytes,
        limits.volumeAvailableBytes,
        JSON.stringify({ volumes: limits.volumes }),
        collectedAt,
        databases.map((d) => d.database),
        databases.map((d) => d.limitBytes),
        databases.map((d) => d.allocatedBytes),
        databases.map((d) => d.usedBytes),
        databases.map((d) => JSON.stringify(d.details)),
      ],
    );
  }
}
