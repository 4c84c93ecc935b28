import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole schema of DESIGN.md §3; statistics tables partitioned by month with a default partition. Frozen: literal
 * SQL only, no import of live code. The month partitions are not created here: the partition module creates the
 * current month and the premade ones at every start (PartitionStartupService).
 */
export class InitialSchema1764300000000 implements MigrationInterface {
  name = 'InitialSchema1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id serial PRIMARY KEY,
        username varchar(64) NOT NULL,
        password_hash varchar(255) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('admin', 'viewer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_users_username ON users (lower(username))`);

    await queryRunner.query(`
      CREATE TABLE instances (
        id serial PRIMARY KEY,
        name varchar(128) NOT NULL,
        db_type varchar(16) NOT NULL CHECK (db_type IN ('postgresql', 'mysql', 'sqlserver', 'oracle')),
        host varchar(255) NOT NULL,
        port integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
        username varchar(128) NOT NULL,
        password_encrypted text,
        database_name varchar(255),
        is_active boolean NOT NULL DEFAULT true,
        tags text[] NOT NULL DEFAULT '{}',
        owner_id integer REFERENCES users (id) ON DELETE SET NULL,
        description text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_instances_name ON instances (name)`);
    await queryRunner.query(`CREATE INDEX ix_instances_owner ON instances (owner_id)`);

    await queryRunner.query(`
      CREATE TABLE sync_sessions (
        session_id uuid PRIMARY KEY,
        sync_type varchar(16) NOT NULL CHECK (sync_type IN ('scheduled', 'manual')),
        sync_category varchar(16) NOT NULL CHECK (sync_category IN ('capacity', 'aggregation', 'partition', 'archive')),
        status varchar(16) NOT NULL CHECK (status IN ('running', 'completed', 'partial', 'failed')),
        started_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        total_instances integer NOT NULL DEFAULT 0,
        successful_instances integer NOT NULL DEFAULT 0,
        failed_instances integer NOT NULL DEFAULT 0,
        created_by integer REFERENCES users (id) ON DELETE SET NULL,
        summary jsonb,
        error_message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ix_sync_sessions_category_started ON sync_sessions (sync_category, started_at DESC)`);
    await queryRunner.query(`CREATE INDEX ix_sync_sessions_status ON sync_sessions (status)`);

    await queryRunner.query(`
      CREATE TABLE sync_instance_records (
        id serial PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sync_sessions (session_id) ON DELETE CASCADE,
        instance_id integer REFERENCES instances (id) ON DELETE SET NULL,
        instance_name varchar(255) NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed')),
        started_at timestamptz,
        completed_at timestamptz,
        items_synced integer NOT NULL DEFAULT 0,
        error_message text,
        details jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX ix_sync_instance_records_session ON sync_instance_records (session_id)`);
    await queryRunner.query(`CREATE INDEX ix_sync_instance_records_instance ON sync_instance_records (instance_id, completed_at DESC)`);

    await queryRunner.query(`
      CREATE TABLE database_size_stats (
        id bigint GENERATED ALWAYS AS IDENTITY,
        instance_id integer NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
        database_name varchar(255) NOT NULL,
        size_bytes bigint NOT NULL,
        data_size_bytes bigint,
        log_size_bytes bigint,
        collected_date date NOT NULL,
        collected_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, collected_date)
      ) PARTITION BY RANGE (collected_date)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_database_size_stats_key ON database_size_stats (instance_id, database_name, collected_date)`,
    );
    await queryRunner.query(`CREATE INDEX ix_database_size_stats_date ON database_size_stats (collected_date)`);
    await queryRunner.query(`CREATE INDEX ix_database_size_stats_updated ON database_size_stats (updated_at)`);

    await queryRunner.query(`
      CREATE TABLE instance_size_stats (
        id bigint GENERATED ALWAYS AS IDENTITY,
        instance_id integer NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
        total_size_bytes bigint NOT NULL,
        data_size_bytes bigint,
        log_size_bytes bigint,
        database_count integer NOT NULL,
        collected_date date NOT NULL,
        collected_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, collected_date)
      ) PARTITION BY RANGE (collected_date)`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_instance_size_stats_key ON instance_size_stats (instance_id, collected_date)`);
    await queryRunner.query(`CREATE INDEX ix_instance_size_stats_date ON instance_size_stats (collected_date)`);
    await queryRunner.query(`CREATE INDEX ix_instance_size_stats_updated ON instance_size_stats (updated_at)`);

    await queryRunner.query(`
      CREATE TABLE database_size_aggregations (
        id bigint GENERATED ALWAYS AS IDENTITY,
        instance_id integer NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
        database_name varchar(255) NOT NULL,
        period_type varchar(16) NOT NULL CHECK (period_type IN ('daily', 'weekly', 'monthly', 'quarterly')),
        period_start date NOT NULL,
        period_end date NOT NULL,
        avg_size_bytes bigint,
        max_size_bytes bigint,
        min_size_bytes bigint,
        avg_data_size_bytes bigint,
        max_data_size_bytes bigint,
        min_data_size_bytes bigint,
        avg_log_size_bytes bigint,
        max_log_size_bytes bigint,
        min_log_size_bytes bigint,
        data_count integer NOT NULL,
        size_change_bytes bigint,
        size_change_percent numeric(14, 2),
        growth_rate numeric(14, 2),
        calculated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, period_start)
      ) PARTITION BY RANGE (period_start)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_database_size_aggregations_key ON database_size_aggregations (instance_id, database_name, period_type, period_start)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_database_size_aggregations_period ON database_size_aggregations (period_type, period_start)`,
    );

    await queryRunner.query(`
      CREATE TABLE instance_size_aggregations (
        id bigint GENERATED ALWAYS AS IDENTITY,
        instance_id integer NOT NULL REFERENCES instances (id) ON DELETE CASCADE,
        period_type varchar(16) NOT NULL CHECK (period_type IN ('daily', 'weekly', 'monthly', 'quarterly')),
        period_start date NOT NULL,
        period_end date NOT NULL,
        avg_total_size_bytes bigint,
        max_total_size_bytes bigint,
        min_total_size_bytes bigint,
        avg_data_size_bytes bigint,
        max_data_size_bytes bigint,
        min_data_size_bytes bigint,
        avg_log_size_bytes bigint,
        max_log_size_bytes bigint,
        min_log_size_bytes bigint,
        avg_database_count numeric(14, 2),
        data_count integer NOT NULL,
        total_size_change_bytes bigint,
        total_size_change_percent numeric(14, 2),
        growth_rate numeric(14, 2),
        database_count_change integer,
        calculated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (id, period_start)
      ) PARTITION BY RANGE (period_start)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_instance_size_aggregations_key ON instance_size_aggregations (instance_id, period_type, period_start)`,
    );
    await queryRunner.query(
      `CREATE INDEX ix_instance_size_aggregations_period ON instance_size_aggregations (period_type, period_start)`,
    );

    await queryRunner.query(`CREATE TABLE database_size_stats_default PARTITION OF database_size_stats DEFAULT`);
    await queryRunner.query(`CREATE TABLE instance_size_stats_default PARTITION OF instance_size_stats DEFAULT`);
    await queryRunner.query(`CREATE TABLE database_size_aggregations_default PARTITION OF database_size_aggregations DEFAULT`);
    await queryRunner.query(`CREATE TABLE instance_size_aggregations_default PARTITION OF instance_size_aggregations DEFAULT`);

    // Incremental jobs remember how far they got (e.g. the aggregation's last seen stats updated_at).
    await queryRunner.query(`
      CREATE TABLE job_watermarks (
        name varchar(64) PRIMARY KEY,
        value timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE archive_manifest (
        id serial PRIMARY KEY,
        table_name varchar(64) NOT NULL,
        month date NOT NULL,
        state varchar(16) NOT NULL CHECK (state IN ('exporting', 'exported', 'verified', 'dropped', 'restored', 'failed')),
        files jsonb NOT NULL DEFAULT '[]',
        row_count bigint,
        sums jsonb,
        pg_bytes_before bigint,
        parquet_bytes bigint,
        error_message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        exported_at timestamptz,
        verified_at timestamptz,
        dropped_at timestamptz,
        restored_at timestamptz,
        CONSTRAINT uq_archive_manifest_table_month UNIQUE (table_name, month)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'archive_manifest',
      'job_watermarks',
      'instance_size_aggregations',
      'database_size_aggregations',
      'instance_size_stats',
      'database_size_stats',
      'sync_instance_records',
      'sync_sessions',
      'instances',
      'users',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS "${table}" CASCADE`);
    }
  }
}
