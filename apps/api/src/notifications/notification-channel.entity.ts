import type { NotificationChannelKind, NotificationChannelMode } from '@capacity/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('notification_channels')
export class NotificationChannel {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 128 }) name!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: NotificationChannelKind;
  @Column({ type: 'varchar', length: 16 }) mode!: NotificationChannelMode;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  /** The non-secret settings of the kind (host, port, recipients, …). */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) config!: Record<string, unknown>;
  /** AES-256-GCM ciphertext of the kind's secrets (JSON); never leaves the service layer. */
  @Column({ name: 'secret_encrypted', type: 'text', nullable: true, select: false }) secretEncrypted!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
