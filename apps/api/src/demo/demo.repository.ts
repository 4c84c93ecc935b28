import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DEMO_TAG, type DemoInstance } from './demo-dataset';

const SEED_LOCK_KEY = 7_364_010;

export interface SeededInstance {
  id: number;
  name: string;
}

@Injectable()
export class DemoRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `seed` in one transaction, only when the repository has no instance yet; replicas starting
   * together serialise on an advisory lock, so at most one seeds. Returns null when it did not seed.
   */
  async seedIfEmpty<T>(seed: (manager: EntityManager) => Promise<T>): Promise<T | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
      const [{ present }]: { present: boolean }[] = await manager.query('SELECT EXISTS (SELECT 1 FROM instances) AS present');
      return present ? null : seed(manager);
    });
  }

  async insertInstances(manager: EntityManager, instances: readonly DemoInstance[]): Promise<SeededInstance[]> {
    return manager.query(
      `INSERT INTO instances (name, db_type, host, port, username, database_name, is_active, tags, description)
       SELECT t.name, t.db_type, t.host, t.port, t.username, t.database_name, t.is_active, ARRAY[$8::text], t.description
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::boolean[], $9::text[])
         AS t(name, db_type, host, port, username, database_name, is_active, description)
       RETURNING id, name`,
      [
        instances.map((i) => i.name),
        instances.map((i) => i.dbType),
        instances.map((i) => i.host),
        instances.map((i) => i.port),
        instances.map((i) => i.username),
        instances.map((i) => i.databaseName),
        instances.map((i) => i.isActive),
        DEMO_TAG,
        instances.map((i) => i.description),
      ],
    );
  }

  /**
   * One statement for the whole synthetic history: every database × every day of
   * generate_series, size = base · (1 + growth)^n · (1 + wobble · sin(0.7n + instance id)).
   */
  async insertDatabaseHistory(
    manager: EntityManager,
    databases: { instanceId: number; name: string; baseBytes: number; dailyGrowth: number; wobble: number; logRatio: number }[],
    lastDay: string,
    days: number,
    timeZone: string,
  ): Promise<number> {
    const result: unknown[] = await manager.query(
      `INSERT INTO database_size_stats (instance_id, database_name, size_bytes, data_size_bytes, log_size_bytes, collected_date, collected_at)
       SELECT s.instance_id, s.name, round(v.total)::bigint,
              round(v.total * (1 - s.log_ratio))::bigint,
              CASE WHEN s.log_ratio > 0 THEN round(v.total * s.log_ratio)::bigint END,
              d.day, (d.day + time '03:00') AT TIME ZONE $9
       FROM unnest($1::int[], $2::text[], $3::float8[], $4::float8[], $5::float8[], $6::float8[])
         AS s(instance_id, name, base_bytes, daily_growth, wobble, log_ratio)
       CROSS JOIN (
         SELECT g.day::date AS day, ($8::int - 1 - ($7::date - g.day::date)) AS n
         FROM generate_series($7::date - ($8::int - 1), $7::date, interval '1 day') AS g(day)
       ) d
       CROSS JOIN LATERAL (
         SELECT s.base_bytes * power(1 + s.daily_growth, d.n) * (1 + s.wobble * sin(d.n * 0.7 + s.instance_id)) AS total
       ) v
       RETURNING 1`,
      [
        databases.map((d) => d.instanceId),
        databases.map((d) => d.name),
        databases.map((d) => d.baseBytes),
        databases.map((d) => d.dailyGrowth),
        databases.map((d) => d.wobble),
        databases.map((d) => d.logRatio),
        lastDay,
        days,
        timeZone,
      ],
    );
    return result.length;
  }

  /** Instance totals are the sums of their databases, day by day (as a collection would write them). */
  async insertInstanceHistory(manager: EntityManager, instanceIds: number[]): Promise<number> {
    const result: unknown[] = await manager.query(
      `INSERT INTO instance_size_stats (instance_id, total_size_bytes, data_size_bytes, log_size_bytes, database_count, collected_date, collected_at)
       SELECT instance_id, sum(size_bytes), sum(data_size_bytes), sum(log_size_bytes), count(*), collected_date, max(collected_at)
       FROM database_size_stats
       WHERE instance_id = ANY($1::int[])
       GROUP BY instance_id, collected_date
       RETURNING 1`,
      [instanceIds],
    );
    return result.length;
  }
}
