import { ApiProperty } from '@nestjs/swagger';
import { SIZE_SOURCES, type SizeSource } from '../collection/collection.types';

/** One of the largest tables of a database on one day (table_size_stats); a partitioned table is rolled up to its root. */
export class TableSizeItem {
  @ApiProperty({ description: 'Schema (PostgreSQL, SQL Server), the schema itself (MySQL/MariaDB), owner (Oracle)' })
  schema_name!: string;

  @ApiProperty()
  table_name!: string;

  @ApiProperty({ type: 'integer', description: 'Everything the table holds on disk: data + indexes + TOAST/LOB' })
  total_bytes!: number;

  @ApiProperty({ type: 'number', description: 'total_bytes in MB, 2 decimals' })
  total_mb!: number;

  @ApiProperty({ type: 'integer', description: 'The table itself (PostgreSQL heap, InnoDB clustered index, SQL Server heap/clustered in-row pages, Oracle table segments)' })
  data_bytes!: number;

  @ApiProperty({ type: 'integer', description: 'Its indexes' })
  index_bytes!: number;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Out-of-line values: PostgreSQL TOAST, SQL Server LOB and row-overflow pages, Oracle LOB segments; null where the engine reports none (MySQL/MariaDB)' })
  toast_bytes!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The engine\'s row estimate (statistics); null when it has none' })
  row_estimate!: number | null;

  @ApiProperty({ enum: SIZE_SOURCES, enumName: 'SizeSource', description: 'files: total from the files on disk; statistics: MySQL/MariaDB information_schema estimates (no PROCESS)' })
  size_source!: SizeSource;

  @ApiProperty({ type: 'string', format: 'date-time' })
  collected_at!: string;
}

/** The database an answer about its tables is of. */
abstract class DatabaseTablesAnswer {
  @ApiProperty({ type: 'integer' })
  instance_id!: number;

  @ApiProperty()
  database_name!: string;
}

/** GET /instances/:id/databases/:name/tables: the largest tables of the database on one day, largest first. */
export class TopTablesResponse extends DatabaseTablesAnswer {
  @ApiProperty({ type: 'string', format: 'date', nullable: true, description: 'The day of the readings; null when the database has none' })
  collected_date!: string | null;

  @ApiProperty({ type: () => [TableSizeItem] })
  data!: TableSizeItem[];
}

/** A table of the latest day's top tables with its size at the start of the window and now. */
export class TableGrowthItem {
  @ApiProperty()
  schema_name!: string;

  @ApiProperty()
  table_name!: string;

  @ApiProperty({ type: 'string', format: 'date', description: 'Day of the first reading inside the window (the window start when readings are daily)' })
  start_date!: string;

  @ApiProperty({ type: 'integer' })
  start_total_bytes!: number;

  @ApiProperty({ type: 'integer' })
  end_total_bytes!: number;

  @ApiProperty({ type: 'integer', description: 'end_total_bytes - start_total_bytes (negative when it shrank)' })
  change_bytes!: number;

  @ApiProperty({ type: 'number', description: 'change_bytes in MB, 2 decimals' })
  change_mb!: number;

  @ApiProperty({ type: 'number', nullable: true, description: 'change_bytes / start_total_bytes × 100, 2 decimals; null when the table started empty' })
  change_percent!: number | null;
}

/** GET /instances/:id/databases/:name/tables/growth: the fastest-growing tables over the window, fastest first. */
export class TableGrowthResponse extends DatabaseTablesAnswer {
  @ApiProperty({ type: 'integer' })
  window_days!: number;

  @ApiProperty({ type: 'string', format: 'date', nullable: true, description: 'end_date - window_days; null when the database has no readings' })
  start_date!: string | null;

  @ApiProperty({ type: 'string', format: 'date', nullable: true, description: 'The latest day with readings; null when there is none' })
  end_date!: string | null;

  @ApiProperty({ type: () => [TableGrowthItem], description: 'Tables of end_date with an earlier reading inside the window' })
  data!: TableGrowthItem[];
}
