import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DB_TYPES, RECORD_STATUSES, type DbType, type RecordStatus } from '../common/constants';
import { CONNECTION_FAILURE_KINDS, type ConnectionFailureKind } from './instance.types';
import { INSTANCE_LIMITS } from './instance-limits';

/** A monitored instance with its latest reading; never its password. */
export class InstanceResponse {
  @ApiProperty({ type: 'integer', minimum: 1 }) id!: number;
  @ApiProperty({ type: 'string', maxLength: INSTANCE_LIMITS.name.maxLength }) name!: string;
  @ApiProperty({ enum: DB_TYPES, enumName: 'DbType' }) db_type!: DbType;
  @ApiProperty({ type: 'string' }) host!: string;
  @ApiProperty({ type: 'integer', minimum: INSTANCE_LIMITS.port.minimum, maximum: INSTANCE_LIMITS.port.maximum }) port!: number;
  @ApiProperty({ type: 'string' }) username!: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'Database (PostgreSQL), service name (Oracle)' }) database_name!: string | null;
  @ApiProperty({ type: 'boolean' }) is_active!: boolean;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: String, description: 'The network zone whose collectors take the instance (COLLECTOR_ZONES)' }) zone!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'User id of the owner (a viewer sees only what it owns); null: no owner' }) owner_id!: number | null;
  @ApiProperty({ type: 'string', nullable: true }) description!: string | null;
  @ApiProperty({ type: 'boolean', description: 'Whether a password is stored (the password itself is never returned)' }) has_password!: boolean;
  @ApiProperty({ type: 'string', format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) updated_at!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'From the latest collection; null before the first one (or when a database size was unknown)' })
  latest_total_size_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'latest_total_size_bytes / 1024 / 1024, 2 decimals' }) latest_total_size_mb!: number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'latest_total_size_bytes minus the total of the newest known reading 7 or more days before the latest one; null without both',
  })
  growth_7d_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'growth_7d_bytes as a percentage of the earlier total, 2 decimals; null without it or when that total is 0' })
  growth_7d_percent!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'As growth_7d_bytes, over 30 days' }) growth_30d_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'As growth_7d_percent, over 30 days' }) growth_30d_percent!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Databases in the latest collection; null before the first one' }) database_count!: number | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) last_collected_at!: string | null;
  // Inline, not `enumName`: @nestjs/swagger drops `type` beside a reference, and OpenAPI 3.0 wants it beside `nullable`.
  @ApiProperty({ type: 'string', enum: RECORD_STATUSES, nullable: true, description: 'Outcome of the latest collection of the instance; null before the first one' })
  last_collection_status!: RecordStatus | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The configured capacity limit in bytes (disk or quota); null: none configured' })
  capacity_limit_bytes!: number | null;
}

/** POST /instances/:id/test-connection: whether the stored credentials connect, and why not. */
export class TestConnectionResponse {
  @ApiProperty({ type: 'boolean' }) ok!: boolean;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Time to connect (or to fail), in milliseconds' }) latency_ms!: number;
  @ApiPropertyOptional({ type: 'string', description: 'The server\'s version string, when ok' }) server_version?: string;
  @ApiPropertyOptional({ enum: CONNECTION_FAILURE_KINDS, enumName: 'ConnectionFailureKind', description: 'Why the connection failed; only when ok is false' })
  failure?: ConnectionFailureKind;
  @ApiPropertyOptional({ type: 'string', description: 'What failed, for a person, when not ok' }) message?: string;
}
