import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scale-out: an instance's network `zone` (only collectors of that zone take its jobs); a capacity session whose
 * work is queued (`queued`: its per-instance jobs are in the pg-boss queue, its liveness is the queue's, not a lock);
 * per record the zone, the attempts and the collector that ran it; the live collector processes with their heartbeat.
 */
export class ScaleOut1764900009000 implements MigrationInterface {
  name = 'ScaleOut1764900009000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE instances
        ADD COLUMN zone varchar(63) NOT NULL DEFAULT 'default'
        CONSTRAINT ck_instances_zone CHECK (zone ~ '^[a-z0-9][a-z0-9_-]*$')`);
    await queryRunner.query(`CREATE INDEX ix_instances_zone ON instances (zone)`);
    await queryRunner.query(`ALTER TABLE sync_sessions ADD COLUMN queued boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      ALTER TABLE sync_instance_records
        ADD COLUMN zone varchar(63),
        ADD COLUMN attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN collector_id uuid`);
    await queryRunner.query(`CREATE INDEX ix_sync_instance_records_open ON sync_instance_records (session_id) WHERE status IN ('pending', 'running')`);
    await queryRunner.query(`
      CREATE TABLE collectors (
        id uuid PRIMARY KEY,
        host varchar(255) NOT NULL,
        pid integer NOT NULL,
        role varchar(16) NOT NULL,
        zones text[] NOT NULL,
        concurrency integer NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        last_heartbeat_at timestamptz NOT NULL DEFAULT now(),
        stopped_at timestamptz,
        jobs_done integer NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`CREATE INDEX ix_collectors_heartbeat ON collectors (last_heartbeat_at) WHERE stopped_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS collectors`);
    await queryRunner.query(`DROP INDEX IF EXISTS ix_sync_instance_records_open`);
    await queryRunner.query(`ALTER TABLE sync_instance_records DROP COLUMN IF EXISTS zone, DROP COLUMN IF EXISTS attempts, DROP COLUMN IF EXISTS collector_id`);
    await queryRunner.query(`ALTER TABLE sync_sessions DROP COLUMN IF EXISTS queued`);
    await queryRunner.query(`DROP INDEX IF EXISTS ix_instances_zone`);
    await queryRunner.query(`ALTER TABLE instances DROP COLUMN IF EXISTS zone`);
  }
}
