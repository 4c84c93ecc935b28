import { ApiProperty } from '@nestjs/swagger';
import {
  RECORD_STATUSES,
  SESSION_CATEGORIES,
  SESSION_STATUSES,
  SESSION_TYPES,
  type RecordStatus,
  type SessionCategory,
  type SessionStatus,
  type SessionType,
} from '../common/constants';

const FREE_FORM = { type: 'object', additionalProperties: true, nullable: true } as const;

/** One instance's part of a run. */
export class SessionRecordResponse {
  @ApiProperty({ type: 'integer' }) id!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null once the instance has been deleted' }) instance_id!: number | null;
  @ApiProperty({ type: String, description: 'The instance name at the time of the run' }) instance_name!: string;
  @ApiProperty({ enum: RECORD_STATUSES, enumName: 'RecordStatus' }) status!: RecordStatus;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) started_at!: string | null;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) completed_at!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null until the record has completed' }) duration_ms!: number | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Databases (or items) read from the instance' }) items_synced!: number;
  @ApiProperty({ type: String, nullable: true }) error_message!: string | null;
  @ApiProperty({ ...FREE_FORM, description: 'What the collector noted, e.g. `warnings`' }) details!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true, description: 'The network zone of a collection record (only its zone\'s collectors take it); null for other runs' })
  zone!: string | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Times a worker started this record: above 1 when a worker died or failed to write and another one retried it' })
  attempts!: number;
  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The collector process (GET /collectors) that ran the latest attempt' })
  collector_id!: string | null;
}

/** A run: a collection (capacity), aggregation, partition or archive job, scheduled or manual. */
export class SessionResponse {
  @ApiProperty({ type: 'string', format: 'uuid' }) session_id!: string;
  @ApiProperty({ enum: SESSION_TYPES, enumName: 'SessionType' }) sync_type!: SessionType;
  @ApiProperty({ enum: SESSION_CATEGORIES, enumName: 'SessionCategory' }) sync_category!: SessionCategory;
  @ApiProperty({ enum: SESSION_STATUSES, enumName: 'SessionStatus' }) status!: SessionStatus;
  @ApiProperty({ type: 'string', format: 'date-time' }) started_at!: string;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) completed_at!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null while the run is going' }) duration_ms!: number | null;
  @ApiProperty({ type: 'integer', minimum: 0 }) total_instances!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) successful_instances!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) failed_instances!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The user who started a manual run; null for a scheduled one' }) created_by!: number | null;
  @ApiProperty({ ...FREE_FORM, description: 'The job\'s result (e.g. a partition run\'s created/dropped lists); null for a viewer' })
  summary!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true }) error_message!: string | null;
}

/** GET /sessions/:id: the run with its per-instance records. */
export class SessionDetailResponse extends SessionResponse {
  @ApiProperty({ type: () => [SessionRecordResponse] }) records!: SessionRecordResponse[];
}

/** 202 of a manual run: it goes on in the background; follow it at GET /sessions/:id. */
export class RunAcceptedResponse {
  @ApiProperty({ type: 'string', format: 'uuid' }) session_id!: string;
  @ApiProperty({ enum: ['running'] }) status!: 'running';
}
