import { ApiProperty } from '@nestjs/swagger';
import { CAPACITY_ROLES, type CapacityRole } from './collector.types';

/** A live collector process: one API replica (role all) or a collector-only process, with the zones it takes. */
export class CollectorResponse {
  @ApiProperty({ type: 'string', format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, description: 'Host name of the machine the process runs on' }) host!: string;
  @ApiProperty({ type: 'integer', description: 'Process id on that host' }) pid!: number;
  @ApiProperty({ enum: CAPACITY_ROLES, enumName: 'CapacityRole', description: 'CAPACITY_ROLE of the process' }) role!: CapacityRole;
  @ApiProperty({ type: [String], description: 'COLLECTOR_ZONES: the zones whose collection jobs it takes' }) zones!: string[];
  @ApiProperty({ type: 'integer', minimum: 1, description: 'COLLECT_CONCURRENCY: jobs it runs at once' }) concurrency!: number;
  @ApiProperty({ type: 'string', format: 'date-time' }) started_at!: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) last_heartbeat_at!: string;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Collection jobs it has finished since it started' }) jobs_done!: number;
}

/** GET /collectors. */
export class CollectorListResponse {
  @ApiProperty({ type: () => [CollectorResponse] }) data!: CollectorResponse[];
}
