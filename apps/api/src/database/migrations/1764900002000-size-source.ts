import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Never a silent zero: a database whose size the collector cannot read (a MySQL/MariaDB user that sees the schema but
 * not its tables) is stored with `size_bytes` null, and an instance total over such a database is null too (unknown,
 * not the sum of the readable part). `size_source` says where a size comes from: `files` (on disk) or `statistics`
 * (MySQL/MariaDB information_schema estimates, without PROCESS); null for no size and for readings older than this.
 */
export class SizeSource1764900002000 implements MigrationInterface {
  name = 'SizeSource1764900002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE database_size_stats ALTER COLUMN size_bytes DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE database_size_stats ADD COLUMN size_source varchar(16) NULL`);
    await queryRunner.query(
      `ALTER TABLE database_size_stats ADD CONSTRAINT ck_database_size_stats_size_source
       CHECK (size_source IN ('files', 'statistics') AND size_bytes IS NOT NULL OR size_source IS NULL)`,
    );
    await queryRunner.query(`ALTER TABLE instance_size_stats ALTER COLUMN total_size_bytes DROP NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM instance_size_stats WHERE total_size_bytes IS NULL`);
    await queryRunner.query(`ALTER TABLE instance_size_stats ALTER COLUMN total_size_bytes SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE database_size_stats DROP CONSTRAINT ck_database_size_stats_size_source`);
    await queryRunner.query(`ALTER TABLE database_size_stats DROP COLUMN size_source`);
    await queryRunner.query(`DELETE FROM database_size_stats WHERE size_bytes IS NULL`);
    await queryRunner.query(`ALTER TABLE database_size_stats ALTER COLUMN size_bytes SET NOT NULL`);
  }
}
