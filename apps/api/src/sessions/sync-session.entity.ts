import type { SessionCategory, SessionStatus, SessionType } from '@capacity/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JobName } from '../jobs/job-names';

@Entity('sync_sessions')
export class SyncSession {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' }) sessionId!: string;
  @Column({ name: 'sync_type', type: 'varchar', length: 16 }) syncType!: SessionType;
  @Column({ name: 'sync_category', type: 'varchar', length: 16 }) syncCategory!: SessionCategory;
  /** The job lock the run holds; null only on rows written by a replica of an earlier version. */
  @Column({ type: 'varchar', length: 16, nullable: true }) job!: JobName | null;
  @Column({ type: 'varchar', length: 16 }) status!: SessionStatus;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  @Column({ name: 'total_instances', type: 'integer', default: 0 }) totalInstances!: number;
  @Column({ name: 'successful_instances', type: 'integer', default: 0 }) successfulInstances!: number;
  @Column({ name: 'failed_instances', type: 'integer', default: 0 }) failedInstances!: number;
  @Column({ name: 'created_by', type: 'integer', nullable: true }) createdBy!: number | null;
  @Column({ type: 'jsonb', nullable: true }) summary!: Record<string, unknown> | null;
  @Column({ name: 'error_message', type: 'text', nullable: true }) errorMessage!: string | null;
}
