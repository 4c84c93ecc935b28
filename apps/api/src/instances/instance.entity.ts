import type { DbType } from '@capacity/contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('instances')
export class Instance {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 128 }) name!: string;
  @Column({ name: 'db_type', type: 'varchar', length: 16 }) dbType!: DbType;
  @Column({ type: 'varchar', length: 255 }) host!: string;
  @Column({ type: 'integer' }) port!: number;
  @Column({ type: 'varchar', length: 128 }) username!: string;
  /** AES-256-GCM ciphertext; never leaves the service layer. */
  @Column({ name: 'password_encrypted', type: 'text', nullable: true, select: false }) passwordEncrypted!: string | null;
  @Column({ name: 'database_name', type: 'varchar', length: 255, nullable: true }) databaseName!: string | null;
  @Column({ name: 'is_active', type: 'boolean', default: true }) isActive!: boolean;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) tags!: string[];
  @Column({ type: 'varchar', length: 63, default: 'default' }) zone!: string;
  @Column({ name: 'owner_id', type: 'integer', nullable: true }) ownerId!: number | null;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  /** bigint: arrives as text. */
  @Column({ name: 'capacity_limit_bytes', type: 'bigint', nullable: true }) capacityLimitBytes!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
