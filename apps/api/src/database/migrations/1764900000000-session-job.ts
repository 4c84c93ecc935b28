import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every session names the job lock it runs under (collect, aggregation, partition, cleanup), so a run left
 * `running` by a dead process is failed by whoever can take that lock. Existing rows are mapped by category;
 * a `partition` session is a create/maintenance run when its records are the statistics tables, else a cleanup
 * (its records are month partitions, or it had none). The column stays nullable: a replica of the previous
 * version may still write a row without it during a rolling upgrade (the recovery maps those by category).
 */
export class SessionJob1764900000000 implements MigrationInterface {
  name = 'SessionJob1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE sync_sessions
        ADD COLUMN job varchar(16) CHECK (job IN ('collect', 'aggregation', 'partition', 'cleanup'))`);
    await queryRunner.query(`
      UPDATE sync_sessions s SET job = CASE
        WHEN s.sync_category = 'capacity' THEN 'collect'
        WHEN s.sync_category = 'aggregation' THEN 'aggregation'
        WHEN s.sync_category = 'archive' THEN 'cleanup'
        WHEN EXISTS (
          SELECT 1 FROM sync_instance_records r
          WHERE r.session_id = s.session_id
            AND r.instance_name IN ('database_size_stats', 'instance_size_stats', 'database_size_aggregations', 'instance_size_aggregations')
        ) THEN 'partition'
        ELSE 'cleanup'
      END`);
    await queryRunner.query(`CREATE INDEX ix_sync_sessions_running ON sync_sessions (job) WHERE status = 'running'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS ix_sync_sessions_running`);
    await queryRunner.query(`ALTER TABLE sync_sessions DROP COLUMN IF EXISTS job`);
  }
}
