import type { RecordStatus } from '@capacity/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('sync_instance_records')
export class SyncInstanceRecord {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'session_id', type: 'uuid' }) sessionId!: string;
  @Column({ name: 'instance_id', type: 'integer', nullable: true }) instanceId!: number | null;
  @Column({ name: 'instance_name', type: 'varchar', length: 255 }) instanceName!: string;
  @Column({ type: 'varchar', length: 16 }) status!: RecordStatus;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  @Column({ name: 'items_synced', type: 'integer', default: 0 }) itemsSynced!: number;
  @Column({ name: 'error_message', type: 'text', nullable: true }) errorMessage!: string | null;
  @Column({ type: 'jsonb', nullable: true }) details!: Record<string, unknown> | null;
}
