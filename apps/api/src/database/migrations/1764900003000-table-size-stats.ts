import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Top tables per database (issue 15): the TOP_TABLES_PER_DATABASE largest tables of every database, one row per table
 * and day, partitioned by month like the other statistics tables (a `_default` partition here, the months by the
 * partition service). A partitioned table is one row, its partitions rolled up to the root. `toast_bytes` is null
 * where the engine reports no out-of-line storage (MySQL/MariaDB); `row_estimate` is the engine's statistics.
 */
export class TableSizeStats1764900003000 implements MigrationInterface {
  name = 'TableSizeStats1764900003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE table_size_stats (
        id bigint GENERATED ALWAYS AS IDENTITY,
        instance_id integer NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
        database_name varchar(255) NOT NULL,
        schema_name varchar(255) NOT NULL,
        table_name varchar(255) NOT NULL,
        total_bytes bigint NOT NULL,
        data_bytes bigint NOT NULL,
        index_bytes bigint NOT NULL,
        toast_bytes bigint,
        row_estimate bigint,
        size_source varchar(16) NOT NULL CHECK (size_source IN ('files', 'statistics')),
        collected_date date NOT NULL,
        collected_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, collected_date)
      ) PARTITION BY RANGE (collected_date)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_table_size_stats_key ON table_size_stats (instance_id, database_name, schema_name, table_name, collected_date)`,
    );
    // The reads: one database's tables of a day or a window (the API), and the partition key (maintenance).
    await queryRunner.query(`CREATE INDEX ix_table_size_stats_database_date ON table_size_stats (instance_id, database_name, collected_date)`);
    await queryRunner.query(`CREATE INDEX ix_table_size_stats_date ON table_size_stats (collected_date)`);
    await queryRunner.query(`CREATE TABLE table_size_stats_default PARTITION OF table_size_stats DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM archive_manifest WHERE table_name = 'table_size_stats'`);
    await queryRunner.query(`DROP TABLE IF EXISTS table_size_stats CASCADE`);
  }
}
