import { ApiProperty } from '@nestjs/swagger';
import { DB_TYPES, PERIOD_TYPES, type DbType, type PeriodType } from '../common/constants';
import { withDataLogSizeFigures } from '../common/data-log-size-figures';
import type { Paginated } from '../common/responses';

/** The instance an aggregation item belongs to. */
export class AggregationInstanceRef {
  @ApiProperty({ type: 'integer', minimum: 1 }) id!: number;
  @ApiProperty({ type: 'string' }) name!: string;
  @ApiProperty({ enum: DB_TYPES, enumName: 'DbType' }) db_type!: DbType;
}

/** The size figures AggregationStatistics starts with. */
abstract class AggregationSizeFigures {
  @ApiProperty({ type: 'number' }) avg_size_mb!: number;
  @ApiProperty({ type: 'number' }) max_size_mb!: number;
  @ApiProperty({ type: 'number' }) min_size_mb!: number;
}

/** Figures of one period; `*_mb` = bytes / 1024 / 1024 rounded to 2 decimals. */
export class AggregationStatistics extends withDataLogSizeFigures(AggregationSizeFigures) {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Readings in the period' }) data_count!: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'vs the previous period of the same type and key (avg vs avg); null when there is none' })
  size_change_mb!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'Percent; null when there is no previous period or its average is 0' })
  size_change_percent!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'Growth inside the period: (last reading − first reading) / first × 100; null when first is 0' })
  growth_rate!: number | null;
}

/** An aggregation item, everywhere (DESIGN.md §8, seed 001 §6.2). */
export class AggregationItem {
  @ApiProperty({ type: () => AggregationInstanceRef }) instance!: AggregationInstanceRef;
  @ApiProperty({ type: 'string' }) database_name!: string;
  @ApiProperty({ enum: PERIOD_TYPES, enumName: 'PeriodType' }) period_type!: PeriodType;
  @ApiProperty({ type: 'string', format: 'date' }) period_start!: string;
  @ApiProperty({ type: 'string', format: 'date', description: 'Inclusive' }) period_end!: string;
  @ApiProperty({ type: () => AggregationStatistics }) statistics!: AggregationStatistics;
  @ApiProperty({ type: 'string', format: 'date-time' }) calculated_at!: string;
}

export type AggregationsResponse = Paginated<AggregationItem>;

/** The figures of GET /aggregations/summary, over the instances the user may read. */
export class AggregationSummary {
  @ApiProperty({ type: 'integer', minimum: 0 }) total_instances!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) total_databases!: number;
  @ApiProperty({ type: 'number', description: 'Sum over instances of the latest instance reading (MB), of the instances whose total is known' })
  total_size_mb!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Instances whose latest total is unknown (a database\'s size could not be read): not in total_size_mb' })
  unsized_instances!: number;
  @ApiProperty({ type: 'string', format: 'date', nullable: true, description: 'Date of the newest reading counted; null when there is none' })
  latest_date!: string | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'Total size now minus 30 days before (MB); null without a reading 30 days back' })
  growth_30d_mb!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'Percent growth over the last 30 days; null without a base or when it is 0' })
  growth_30d_percent!: number | null;
}

/** GET /aggregations/summary */
export class AggregationSummaryResponse {
  @ApiProperty({ type: () => AggregationSummary }) data!: AggregationSummary;
}

