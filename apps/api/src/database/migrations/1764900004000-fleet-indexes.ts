import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Index-only reads for the fleet endpoints: one day's database readings (rankings, changes: the readings of a day are
 * spread over the whole month's partition, so fetching them from the heap cost ~5× more), and the instance rollups of
 * a period range (the fleet series).
 */
export class FleetIndexes1764900004000 implements MigrationInterface {
  name = 'FleetIndexes1764900004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX ix_database_size_stats_date_sizes ON database_size_stats (collected_date) INCLUDE (instance_id, database_name, size_bytes)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_instance_size_aggregations_period_sizes ON instance_size_aggregations (period_type, period_start) INCLUDE (instance_id, avg_total_size_bytes)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_instance_size_aggregations_period_sizes`);
    await queryRunner.query(`DROP INDEX ix_database_size_stats_date_sizes`);
  }
}
