import { ApiProperty } from '@nestjs/swagger';
import { DB_TYPES, PERIOD_TYPES, type DbType, type PeriodType } from '../common/constants';
import type { Paginated } from '../common/responses';
import {
  FLEET_CHANGE_KINDS,
  FLEET_GROUP_BYS,
  FLEET_MEASURES,
  FLEET_RANK_BYS,
  type FleetChangeKind,
  type FleetGroupBy,
  type FleetMeasure,
  type FleetRankBy,
} from './fleet.types';

const DATE = { type: 'string', format: 'date' } as const;

/** The instance a fleet row belongs to. */
export class FleetInstanceRef {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ type: 'string' }) name!: string;
  @ApiProperty({ enum: DB_TYPES, enumName: 'DbType' }) db_type!: DbType;
}

/** One calendar period of a series; ends are inclusive. */
export class FleetPeriod {
  @ApiProperty(DATE) period_start!: string;
  @ApiProperty(DATE) period_end!: string;
}

/** A series' size in one period: the sum over its readings of their period average (as the aggregation items). */
export class FleetSeriesPoint {
  @ApiProperty(DATE) period_start!: string;
  @ApiProperty({ type: 'integer' }) size_bytes!: number;
  @ApiProperty({ type: 'number', description: 'size_bytes / 1024 / 1024, 2 decimals' }) size_mb!: number;
}

/** One of the top groups, with a point for every period of the answer (0 where it has no reading). */
export class FleetGroupSeries {
  @ApiProperty({ type: 'integer', minimum: 1, description: '1 = first by rank_by' }) rank!: number;
  @ApiProperty({ type: 'string', description: 'Stable, unique id of the group: `instance:12`, `database:12/orders`, `db_type:mysql`, `tag:prod` or `untagged`' })
  key!: string;
  @ApiProperty({ type: 'string', description: 'For people: instance name, `instance / database`, engine, tag or "(untagged)"' }) label!: string;
  @ApiProperty({ type: () => FleetInstanceRef, nullable: true, description: 'group_by instance or database' }) instance!: FleetInstanceRef | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'group_by database' }) database_name!: string | null;
  @ApiProperty({ enum: DB_TYPES, enumName: 'DbType', nullable: true, description: 'group_by db_type' }) db_type!: DbType | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'group_by tag; null for the instances without a tag' }) tag!: string | null;
  @ApiProperty({ type: 'integer', description: 'The figure ranked: size in the last period, or last period minus first (growth)' }) score_bytes!: number;
  @ApiProperty({ type: () => [FleetSeriesPoint] }) points!: FleetSeriesPoint[];
}

export class FleetSeries {
  @ApiProperty({ enum: PERIOD_TYPES, enumName: 'PeriodType' }) period_type!: PeriodType;
  @ApiProperty({ ...DATE, description: 'First day of the first period asked for' }) start_date!: string;
  @ApiProperty({ ...DATE, description: 'Last day of the last period asked for' }) end_date!: string;
  @ApiProperty({ enum: FLEET_GROUP_BYS, enumName: 'FleetGroupBy' }) group_by!: FleetGroupBy;
  @ApiProperty({ enum: FLEET_RANK_BYS, enumName: 'FleetRankBy' }) rank_by!: FleetRankBy;
  @ApiProperty({ type: 'integer' }) top!: number;
  @ApiProperty({
    enum: FLEET_MEASURES,
    enumName: 'FleetMeasure',
    description:
      'What is summed: instance_total = the instance rollups (databases plus the instance log: WAL, binlog), database_size = the database rollups ' +
      '(group_by database, or a database_name filter)',
  })
  measure!: FleetMeasure;
  @ApiProperty({ type: () => [FleetPeriod], description: 'The periods with at least one reading, oldest first; every series has one point per period' })
  periods!: FleetPeriod[];
  @ApiProperty({
    type: () => [FleetGroupSeries],
    description: 'The top groups in rank order, among those with a reading in the first or the last period (a group read only in between ranks with the others)',
  })
  series!: FleetGroupSeries[];
  @ApiProperty({
    type: () => [FleetSeriesPoint],
    description: 'The readings outside the top groups: total − top groups; for group_by tag, the readings of the instances carrying none of the top tags',
  })
  others!: FleetSeriesPoint[];
  @ApiProperty({ type: () => [FleetSeriesPoint], description: 'Every reading of the period summed (never truncated); for group_by tag the groups may add up to more, an instance counting under each of its tags' })
  total!: FleetSeriesPoint[];
}

/** GET /fleet/series */
export class FleetSeriesResponse {
  @ApiProperty({ type: () => FleetSeries }) data!: FleetSeries;
}

/** A database (level=database) or an instance (level=instance) ranked by its change over the window. */
export class FleetRankingItem {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Position in the whole ranking (not the page)' }) rank!: number;
  @ApiProperty({ type: () => FleetInstanceRef }) instance!: FleetInstanceRef;
  @ApiProperty({ type: 'string', nullable: true, description: 'null at level=instance' }) database_name!: string | null;
  @ApiProperty({ ...DATE, description: 'as_of minus window_days' }) date_then!: string;
  @ApiProperty({ ...DATE, description: 'The "as of" day' }) date_now!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null without a reading on date_then (metric size only)' }) size_then_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) size_then_mb!: number | null;
  @ApiProperty({ type: 'integer' }) size_now_bytes!: number;
  @ApiProperty({ type: 'number' }) size_now_mb!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'size_now − size_then' }) change_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) change_mb!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'change / size_then × 100, 2 decimals; null when size_then is unknown or 0' })
  change_percent!: number | null;
}

export type FleetRankingsResponse = Paginated<FleetRankingItem>;

/** A database that appeared, disappeared or changed by more than the threshold from one day to the next. */
export class FleetChangeItem {
  @ApiProperty({ enum: FLEET_CHANGE_KINDS, enumName: 'FleetChangeKind' }) change!: FleetChangeKind;
  @ApiProperty({ type: () => FleetInstanceRef }) instance!: FleetInstanceRef;
  @ApiProperty({ type: 'string' }) database_name!: string;
  @ApiProperty({ ...DATE, description: 'The day the change is reported for' }) date!: string;
  @ApiProperty({ ...DATE, description: 'The day before' }) previous_date!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null when it appeared, or its size was unknown' }) size_before_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) size_before_mb!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null when it disappeared, or its size was unknown' }) size_after_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) size_after_mb!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) change_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) change_mb!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'null unless both sizes are known and the one before is not 0' }) change_percent!: number | null;
}

export type FleetChangesResponse = Paginated<FleetChangeItem>;
