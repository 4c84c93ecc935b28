import { ApiProperty } from '@nestjs/swagger';
import { Pagination } from '../common/responses';
import { FleetInstanceRef } from '../fleet/fleet.response';
import { CAPACITY_STATUSES, LIMIT_SOURCES, type CapacityStatus, type LimitSource } from './capacity.types';

const DATE = { type: 'string', format: 'date' } as const;

/** The size, limit and forecast to the limit of one database, or of an instance (database_name null). */
export class CapacityItemResponse {
  @ApiProperty({ type: () => FleetInstanceRef }) instance!: FleetInstanceRef;
  @ApiProperty({ type: 'string', nullable: true, description: 'null: the instance total' }) database_name!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The latest daily size; null before the first reading' }) size_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'size_bytes / 1024 / 1024, 2 decimals' }) size_mb!: number | null;
  @ApiProperty({ ...DATE, nullable: true, description: 'The day of the latest reading' }) last_date!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The effective limit: the configured one if set, else the engine-reported one' })
  limit_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'limit_bytes / 1024 / 1024, 2 decimals' }) limit_mb!: number | null;
  // Inline, not `enumName`: OpenAPI 3.0 wants `type` beside `nullable`.
  @ApiProperty({ type: 'string', enum: LIMIT_SOURCES, nullable: true, description: 'configured (set by an admin), engine (reported by the server), null: no limit known' })
  limit_source!: LimitSource | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The limit an admin set, whether or not it is the effective one' }) configured_limit_bytes!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The limit the engine reported with the latest collection (SQL Server, Oracle)' }) engine_limit_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'size_bytes / limit_bytes × 100, 2 decimals' }) used_percent!: number | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Daily points the fit used (the last FORECAST_POINTS at most)' }) points!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Least-squares growth per day over the points; null below 14 points' })
  growth_bytes_per_day!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'growth_bytes_per_day / 1024 / 1024, 2 decimals' }) growth_mb_per_day!: number | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    description: 'Days from last_date until the fitted line reaches the limit (1 decimal); 0 when full; null unless status is ok or full',
  })
  days_to_full!: number | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    description: 'Early end of the 95 % band: the day the upper bound of the prediction interval of the fit reaches the limit',
  })
  days_to_full_early!: number | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    description: 'Late end of the 95 % band: the day its lower bound reaches the limit; null when it never does (growth not significant)',
  })
  days_to_full_late!: number | null;
  @ApiProperty({ ...DATE, nullable: true, description: 'last_date + days_to_full rounded up' }) full_date!: string | null;
  @ApiProperty({ enum: CAPACITY_STATUSES, enumName: 'CapacityStatus' }) status!: CapacityStatus;
}

/** GET /instances/:id/capacity: the instance, and one page of its databases (largest first). */
export class InstanceCapacityResponse {
  @ApiProperty({ type: () => CapacityItemResponse }) instance!: CapacityItemResponse;
  @ApiProperty({ type: () => [CapacityItemResponse] }) databases!: CapacityItemResponse[];
  @ApiProperty({ type: () => Pagination }) pagination!: Pagination;
}

/** A configured per-database limit. */
export class DatabaseLimitResponse {
  @ApiProperty({ type: 'integer' }) instance_id!: number;
  @ApiProperty({ type: 'string' }) database_name!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) limit_bytes!: number;
  @ApiProperty({ type: 'string', format: 'date-time' }) updated_at!: string;
}

/** One change of a configured limit (instance or database), in the audit record. */
export class LimitChangeResponse {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ type: 'integer' }) instance_id!: number;
  @ApiProperty({ type: 'string', nullable: true, description: 'null: the instance limit' }) database_name!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: there was none' }) old_limit_bytes!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: removed' }) new_limit_bytes!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The user who changed it (null once that user is deleted)' }) changed_by!: number | null;
  @ApiProperty({ type: 'string', description: 'Their user name at the time' }) changed_by_username!: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) changed_at!: string;
}
