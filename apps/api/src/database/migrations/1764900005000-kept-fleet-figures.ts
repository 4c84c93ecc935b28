import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Kept fleet figures, so the fleet reads stop scanning a year of rows (issue 16):
 *
 * - `instance_latest_stats`: per instance, its latest instance reading (the newest `collected_date`) and the base of
 *   its 30-day growth (the newest reading with a known total at least 30 days before the latest). Read by
 *   GET /aggregations/summary instead of sorting every instance reading.
 * - `database_size_period_sums`: per instance and period, the sum of its databases' `avg_size_bytes` (and how many
 *   databases): the fleet total of the series grouped by database reads these instead of every database rollup.
 *
 * They are kept in the writing transaction, whoever writes: statement triggers on the partitioned tables refresh the
 * rows of the instances (keys) a statement touched, recomputed from the tables — never adjusted incrementally, so they
 * cannot drift. Statement triggers do not see the partition operations (a partition dropped, or filled directly by a
 * restore from the cold tier): those call `refresh_partition_kept_figures` in their own transaction. An instance's
 * rows go with it (ON DELETE CASCADE).
 */
export class KeptFleetFigures1764900005000 implements MigrationInterface {
  name = 'KeptFleetFigures1764900005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE instance_latest_stats (
        instance_id integer PRIMARY KEY REFERENCES instances (id) ON DELETE CASCADE,
        collected_date date NOT NULL,
        collected_at timestamptz NOT NULL,
        total_size_bytes bigint,
        data_size_bytes bigint,
        log_size_bytes bigint,
        database_count integer NOT NULL,
        base_collected_date date,
        base_total_size_bytes bigint
      )`);
    await queryRunner.query(`
      CREATE TABLE database_size_period_sums (
        instance_id integer NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
        period_type varchar(16) NOT NULL,
        period_start date NOT NULL,
        avg_size_bytes bigint NOT NULL,
        database_count integer NOT NULL,
        PRIMARY KEY (instance_id, period_type, period_start)
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_database_size_period_sums_period ON database_size_period_sums (period_type, period_start) INCLUDE (instance_id, avg_size_bytes)`,
    );
    // The top databases of a series are scored on two periods' rollups: index-only, not ~12,000 heap pages per month.
    // It has the key of ix_database_size_aggregations_period, which it replaces.
    await queryRunner.query(
      `CREATE INDEX ix_database_size_aggregations_period_sizes ON database_size_aggregations (period_type, period_start) INCLUDE (instance_id, database_name, avg_size_bytes)`,
    );
    await queryRunner.query(`DROP INDEX ix_database_size_aggregations_period`);

    await queryRunner.query(`
      CREATE FUNCTION refresh_instance_latest_stats(ids integer[]) RETURNS void LANGUAGE sql AS $fn$
        WITH fresh AS (
          SELECT x.id AS instance_id, l.collected_date, l.collected_at, l.total_size_bytes, l.data_size_bytes, l.log_size_bytes,
                 l.database_count, b.collected_date AS base_collected_date, b.total_size_bytes AS base_total_size_bytes
          FROM (SELECT DISTINCT unnest(ids) AS id) x
          CROSS JOIN LATERAL (
            SELECT s.collected_date, s.collected_at, s.total_size_bytes, s.data_size_bytes, s.log_size_bytes, s.database_count
            FROM instance_size_stats s WHERE s.instance_id = x.id ORDER BY s.collected_date DESC LIMIT 1
          ) l
          LEFT JOIN LATERAL (
            SELECT s.collected_date, s.total_size_bytes FROM instance_size_stats s
            WHERE s.instance_id = x.id AND s.collected_date <= l.collected_date - 30 AND s.total_size_bytes IS NOT NULL
            ORDER BY s.collected_date DESC LIMIT 1
          ) b ON true
        ), removed AS (
          DELETE FROM instance_latest_stats k
          WHERE k.instance_id = ANY (ids) AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.instance_id = k.instance_id)
          RETURNING 1
        )
        INSERT INTO instance_latest_stats AS k
        SELECT * FROM fresh
        ON CONFLICT (instance_id) DO UPDATE
        SET collected_date = EXCLUDED.collected_date, collected_at = EXCLUDED.collected_at,
            total_size_bytes = EXCLUDED.total_size_bytes, data_size_bytes = EXCLUDED.data_size_bytes,
            log_size_bytes = EXCLUDED.log_size_bytes, database_count = EXCLUDED.database_count,
            base_collected_date = EXCLUDED.base_collected_date, base_total_size_bytes = EXCLUDED.base_total_size_bytes
        WHERE (k.collected_date, k.collected_at, k.total_size_bytes, k.data_size_bytes, k.log_size_bytes, k.database_count,
               k.base_collected_date, k.base_total_size_bytes)
              IS DISTINCT FROM
              (EXCLUDED.collected_date, EXCLUDED.collected_at, EXCLUDED.total_size_bytes, EXCLUDED.data_size_bytes,
               EXCLUDED.log_size_bytes, EXCLUDED.database_count, EXCLUDED.base_collected_date, EXCLUDED.base_total_size_bytes)
      $fn$`);

    // Keys as three parallel arrays; the range bounds (initplans) let PostgreSQL skip the other partitions.
    await queryRunner.query(`
      CREATE FUNCTION refresh_database_size_period_sums(instance_ids integer[], period_types varchar[], period_starts date[])
      RETURNS void LANGUAGE sql AS $fn$
        WITH keys AS (
          SELECT DISTINCT * FROM unnest(instance_ids, period_types, period_starts) AS k(instance_id, period_type, period_start)
        ), fresh AS (
          SELECT a.instance_id, a.period_type, a.period_start, sum(a.avg_size_bytes)::bigint AS avg_size_bytes, count(*)::int AS database_count
          FROM database_size_aggregations a
          WHERE a.period_start >= (SELECT min(period_start) FROM keys) AND a.period_start <= (SELECT max(period_start) FROM keys)
            AND a.avg_size_bytes IS NOT NULL
            AND (a.instance_id, a.period_type, a.period_start) IN (SELECT instance_id, period_type, period_start FROM keys)
          GROUP BY a.instance_id, a.period_type, a.period_start
        ), removed AS (
          DELETE FROM database_size_period_sums s USING keys k
          WHERE s.instance_id = k.instance_id AND s.period_type = k.period_type AND s.period_start = k.period_start
            AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.instance_id = s.instance_id AND f.period_type = s.period_type AND f.period_start = s.period_start)
          RETURNING 1
        )
        INSERT INTO database_size_period_sums AS s
        SELECT * FROM fresh
        ON CONFLICT (instance_id, period_type, period_start) DO UPDATE
        SET avg_size_bytes = EXCLUDED.avg_size_bytes, database_count = EXCLUDED.database_count
        WHERE (s.avg_size_bytes, s.database_count) IS DISTINCT FROM (EXCLUDED.avg_size_bytes, EXCLUDED.database_count)
      $fn$`);

    await queryRunner.query(`
      CREATE FUNCTION keep_instance_latest_stats() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM refresh_instance_latest_stats(ARRAY(SELECT DISTINCT instance_id FROM new_rows));
        ELSIF TG_OP = 'UPDATE' THEN
          PERFORM refresh_instance_latest_stats(ARRAY(SELECT instance_id FROM new_rows UNION SELECT instance_id FROM old_rows));
        ELSE
          PERFORM refresh_instance_latest_stats(ARRAY(SELECT DISTINCT instance_id FROM old_rows));
        END IF;
        RETURN NULL;
      END
      $fn$`);
    await queryRunner.query(`
      CREATE FUNCTION keep_database_size_period_sums() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        ids integer[];
        types varchar[];
        starts date[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(instance_id), array_agg(period_type), array_agg(period_start) INTO ids, types, starts
          FROM (SELECT DISTINCT instance_id, period_type, period_start FROM new_rows) k;
        ELSIF TG_OP = 'UPDATE' THEN
          SELECT array_agg(instance_id), array_agg(period_type), array_agg(period_start) INTO ids, types, starts
          FROM (SELECT instance_id, period_type, period_start FROM new_rows UNION SELECT instance_id, period_type, period_start FROM old_rows) k;
        ELSE
          SELECT array_agg(instance_id), array_agg(period_type), array_agg(period_start) INTO ids, types, starts
          FROM (SELECT DISTINCT instance_id, period_type, period_start FROM old_rows) k;
        END IF;
        IF ids IS NOT NULL THEN
          PERFORM refresh_database_size_period_sums(ids, types, starts);
        END IF;
        RETURN NULL;
      END
      $fn$`);
    for (const [table, keep] of [
      ['instance_size_stats', 'keep_instance_latest_stats'],
      ['database_size_aggregations', 'keep_database_size_period_sums'],
    ]) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_kept_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${keep}()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_kept_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${keep}()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_kept_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${keep}()`,
      );
    }

    // A month partition dropped or restored: the instances whose kept rows pointed into it, or that have rows in it,
    // and every period starting in it.
    await queryRunner.query(`
      CREATE FUNCTION refresh_partition_kept_figures(table_name text, from_date date, to_date date) RETURNS void LANGUAGE plpgsql AS $fn$
      DECLARE
        ids integer[];
        types varchar[];
        starts date[];
      BEGIN
        IF table_name = 'instance_size_stats' THEN
          PERFORM refresh_instance_latest_stats(ARRAY(
            SELECT instance_id FROM instance_latest_stats
            WHERE collected_date >= from_date AND collected_date < to_date
               OR base_collected_date >= from_date AND base_collected_date < to_date
            UNION
            SELECT instance_id FROM instance_size_stats WHERE collected_date >= from_date AND collected_date < to_date));
        ELSIF table_name = 'database_size_aggregations' THEN
          SELECT array_agg(instance_id), array_agg(period_type), array_agg(period_start) INTO ids, types, starts
          FROM (SELECT instance_id, period_type, period_start FROM database_size_period_sums WHERE period_start >= from_date AND period_start < to_date
                UNION
                SELECT instance_id, period_type, period_start FROM database_size_aggregations WHERE period_start >= from_date AND period_start < to_date) k;
          IF ids IS NOT NULL THEN
            PERFORM refresh_database_size_period_sums(ids, types, starts);
          END IF;
        END IF;
      END
      $fn$`);

    // Backfill: the figures of the rows already there.
    await queryRunner.query(`SELECT refresh_instance_latest_stats(ARRAY(SELECT DISTINCT instance_id FROM instance_size_stats))`);
    await queryRunner.query(`
      INSERT INTO database_size_period_sums (instance_id, period_type, period_start, avg_size_bytes, database_count)
      SELECT instance_id, period_type, period_start, sum(avg_size_bytes)::bigint, count(*)::int
      FROM database_size_aggregations WHERE avg_size_bytes IS NOT NULL
      GROUP BY instance_id, period_type, period_start`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['instance_size_stats', 'database_size_aggregations']) {
      for (const event of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER ${table}_kept_${event} ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION refresh_partition_kept_figures(text, date, date)`);
    await queryRunner.query(`DROP FUNCTION keep_database_size_period_sums()`);
    await queryRunner.query(`DROP FUNCTION keep_instance_latest_stats()`);
    await queryRunner.query(`DROP FUNCTION refresh_database_size_period_sums(integer[], varchar[], date[])`);
    await queryRunner.query(`DROP FUNCTION refresh_instance_latest_stats(integer[])`);
    await queryRunner.query(`CREATE INDEX ix_database_size_aggregations_period ON database_size_aggregations (period_type, period_start)`);
    await queryRunner.query(`DROP INDEX ix_database_size_aggregations_period_sizes`);
    await queryRunner.query(`DROP TABLE database_size_period_sums`);
    await queryRunner.query(`DROP TABLE instance_latest_stats`);
  }
}
