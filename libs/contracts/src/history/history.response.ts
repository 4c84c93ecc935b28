import { ApiProperty } from '@nestjs/swagger';
import { SIZE_SOURCE_DESCRIPTION, SIZE_SOURCES, type SizeSource } from '../collection/collection.types';
import { PERIOD_TYPES, type PeriodType } from '../common/constants';
import { withDataLogSizeFigures } from '../common/data-log-size-figures';
import type { Paginated } from '../common/responses';

/** One daily reading of a database (GET /instances/:id/database-sizes). */
export class DatabaseSizeStatPoint {
  @ApiProperty({ type: 'string', format: 'date' }) collected_date!: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) collected_at!: string;
  @ApiProperty({ type: 'number', nullable: true, description: 'null: the size could not be read that day (see the collection record\'s warnings)' })
  size_mb!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) size_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) data_size_mb!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) log_size_mb!: number | null;
  @ApiProperty({ type: 'string', enum: SIZE_SOURCES, nullable: true, description: SIZE_SOURCE_DESCRIPTION })
  size_source!: SizeSource | null;
}

export class DatabaseSizeSeries {
  @ApiProperty({ type: 'string' }) database_name!: string;
  @ApiProperty({ type: () => [DatabaseSizeStatPoint], description: 'Oldest first' }) stats!: DatabaseSizeStatPoint[];
}

export class DatabaseSizesResponse {
  @ApiProperty({ type: () => [DatabaseSizeSeries], description: 'One series per database, by name' }) data!: DatabaseSizeSeries[];
}

export class TrendDatabase {
  @ApiProperty({ type: 'string' }) database_name!: string;
  @ApiProperty({ type: 'number' }) avg_size_mb!: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'Growth inside the period, percent; null when its first reading is 0' }) growth_rate!: number | null;
}

export class TrendPeriod {
  @ApiProperty({ type: 'string', description: 'Label of the period: daily YYYY-MM-DD, weekly YYYY-Www (ISO), monthly YYYY-MM, quarterly YYYY-Qn', example: '2026-11' })
  period!: string;
  @ApiProperty({ type: 'string', format: 'date' }) period_start!: string;
  @ApiProperty({ type: 'string', format: 'date', description: 'Inclusive' }) period_end!: string;
  @ApiProperty({ type: 'number', description: 'Sum of the databases\' average sizes in the period' }) total_size_mb!: number;
  @ApiProperty({ type: () => [TrendDatabase] }) databases!: TrendDatabase[];
}

export class TrendsSummary {
  @ApiProperty({ type: 'number', nullable: true, description: 'First period\'s total vs the last one\'s, percent; null with fewer than 2 periods or a 0 base' })
  total_growth_rate!: number | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'Largest database by average size in the last period' }) largest_database!: string | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'Database with the highest growth from its first to its last period' }) fastest_growing!: string | null;
}

export class TrendsData {
  @ApiProperty({ type: () => [TrendPeriod], description: 'Oldest period first' }) trends!: TrendPeriod[];
  @ApiProperty({ type: () => TrendsSummary }) summary!: TrendsSummary;
}

export class TrendsResponse {
  @ApiProperty({ type: () => TrendsData }) data!: TrendsData;
}

export class ForecastProjection {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Days after the last reading' }) days!: number;
  @ApiProperty({ type: 'string', format: 'date' }) date!: string;
  @ApiProperty({ type: 'number', minimum: 0 }) size_mb!: number;
}

export class ForecastResponse {
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'null: the instance total (its databases plus its instance-level log, as InstanceSizeStatPoint.total_size_bytes)',
  })
  database_name!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Daily points the fit used (the last 90 at most)' }) points_used!: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'Slope of the fitted line; null without enough history' }) slope_mb_per_day!: number | null;
  @ApiProperty({ type: () => [ForecastProjection], description: 'Empty without enough history' }) projections!: ForecastProjection[];
  @ApiProperty({ type: 'boolean' }) enough_history!: boolean;
  @ApiProperty({ type: 'string', description: 'What was fitted, or why nothing was' }) message!: string;
}

/**
 * One daily reading of an instance (GET /instances/:id/instance-sizes, and `instance` of …/database-sizes/latest).
 * total = data + log: the databases plus the instance-level log where the engine keeps one (PostgreSQL WAL,
 * MySQL/MariaDB binary logs, Oracle redo) and it was readable; SQL Server keeps a log per database: there,
 * data and log are the sums of the databases' parts.
 */
export class InstanceSizeStatPoint {
  @ApiProperty({ type: 'string', format: 'date' }) collected_date!: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) collected_at!: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'data + log; null when a database\'s size was unknown that day: a total of the readable part would pass for the whole',
  })
  total_size_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) total_size_mb!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The databases' }) data_size_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) data_size_mb!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The log; null when the user may not read it (the collection record says why)' })
  log_size_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) log_size_mb!: number | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) database_count!: number;
}

export class InstanceSizesResponse {
  @ApiProperty({ type: () => [InstanceSizeStatPoint], description: 'Oldest first' }) data!: InstanceSizeStatPoint[];
}

/** The total size figures InstanceAggregationStatistics starts with. */
abstract class InstanceTotalSizeFigures {
  @ApiProperty({ type: 'number', nullable: true, description: 'null when no reading of the period has a known total' }) avg_total_size_mb!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) max_total_size_mb!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) min_total_size_mb!: number | null;
}

/** Figures of one period of an instance's readings; `*_mb` = bytes / 1024 / 1024 rounded to 2 decimals. */
export class InstanceAggregationStatistics extends withDataLogSizeFigures(InstanceTotalSizeFigures) {
  @ApiProperty({ type: 'number', nullable: true, description: 'Average number of databases, 2 decimals' }) avg_database_count!: number | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Readings in the period' }) data_count!: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'Average total vs the previous period\'s; null when there is none' })
  total_size_change_mb!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'Percent; null when there is no previous period or its average is 0' })
  total_size_change_percent!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: '(last total − first total) / first × 100 inside the period; null when first is 0' })
  growth_rate!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Average database count vs the previous period\'s, rounded; null when there is none' })
  database_count_change!: number | null;
}

/** GET /instances/:id/instance-sizes/aggregations, newest period first. */
export class InstanceAggregationItem {
  @ApiProperty({ enum: PERIOD_TYPES, enumName: 'PeriodType' }) period_type!: PeriodType;
  @ApiProperty({ type: 'string', format: 'date' }) period_start!: string;
  @ApiProperty({ type: 'string', format: 'date', description: 'Inclusive' }) period_end!: string;
  @ApiProperty({ type: () => InstanceAggregationStatistics }) statistics!: InstanceAggregationStatistics;
  @ApiProperty({ type: 'string', format: 'date-time' }) calculated_at!: string;
}

export type InstanceAggregationsResponse = Paginated<InstanceAggregationItem>;
