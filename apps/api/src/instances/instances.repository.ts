import type { DbType } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/roles.decorator';
import { type LimitChange, recordLimitChange } from '../capacity/limit-changes';
import { INSTANCE_ROW_BY_ID, type InstanceRow } from './instance-list.repository';
import { Instance } from './instance.entity';

/** Column values of a write; keys are the table's column names (a fixed whitelist). */
export interface InstanceColumns {
  name?: string;
  db_type?: DbType;
  host?: string;
  port?: number;
  username?: string;
  password_encrypted?: string | null;
  database_name?: string | null;
  is_active?: boolean;
  tags?: string[];
  owner_id?: number | null;
  description?: string | null;
  capacity_limit_bytes?: number | null;
  zone?: string;
}

const WRITABLE_COLUMNS: readonly (keyof InstanceColumns)[] = [
  'name',
  'db_type',
  'host',
  'port',
  'username',
  'password_encrypted',
  'database_name',
  'is_active',
  'tags',
  'owner_id',
  'description',
  'capacity_limit_bytes',
  'zone',
];

@Injectable()
export class InstancesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findRow(id: number): Promise<InstanceRow | null> {
    const rows: InstanceRow[] = await this.dataSource.query(INSTANCE_ROW_BY_ID, [id]);
    return rows[0] ?? null;
  }

  /** The entity without its ciphertext. */
  findEntity(id: number): Promise<Instance | null> {
    return this.dataSource.getRepository(Instance).findOneBy({ id });
  }

  /** The entity with its ciphertext (for the collector only). */
  findEntityWithSecret(id: number): Promise<Instance | null> {
    return this.dataSource
      .getRepository(Instance)
      .createQueryBuilder('i')
      .addSelect('i.passwordEncrypted')
      .where('i.id = :id', { id })
      .getOne();
  }

  /** Owner of an instance (undefined when there is none such), for the read check of every instance route. */
  async ownerOf(id: number): Promise<{ ownerId: number | null } | undefined> {
    const rows: { owner_id: number | null }[] = await this.dataSource.query(`SELECT owner_id FROM instances WHERE id = $1`, [id]);
    return rows[0] && { ownerId: rows[0].owner_id };
  }

  async idsOwnedBy(ownerId: number): Promise<number[]> {
    const rows: { id: number }[] = await this.dataSource.query(`SELECT id FROM instances WHERE owner_id = $1 ORDER BY id`, [ownerId]);
    return rows.map((row) => row.id);
  }

  async nameTaken(name: string, exceptId?: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM instances WHERE name = $1 AND id IS DISTINCT FROM $2`, [name, exceptId ?? null]);
    return rows.length > 0;
  }

  async userExists(userId: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM users WHERE id = $1`, [userId]);
    return rows.length > 0;
  }

  async insert(values: InstanceColumns): Promise<number> {
    const columns = WRITABLE_COLUMNS.filter((column) => values[column] !== undefined);
    const [row]: { id: number }[] = await this.dataSource.query(
      `INSERT INTO instances (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')}) RETURNING id`,
      columns.map((column) => values[column]),
    );
    return row.id;
  }

  /** Returns false when no such instance. */
  async update(id: number, values: InstanceColumns): Promise<boolean> {
    const columns = WRITABLE_COLUMNS.filter((column) => values[column] !== undefined);
    const sets = [...columns.map((column, index) => `${column} = $${index + 2}`), 'updated_at = now()'];
    const rows: unknown[] = await this.dataSource.query(`UPDATE instances SET ${sets.join(', ')} WHERE id = $1 RETURNING id`, [
      id,
      ...columns.map((column) => values[column]),
    ]);
    return this.affected(rows) > 0;
  }

  /** Returns false when no such instance; its statistics go with it (ON DELETE CASCADE). */
  async delete(id: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`DELETE FROM instances WHERE id = $1 RETURNING id`, [id]);
    return this.affected(rows) > 0;
  }

  /** The audit record of a configured limit's change (none when it did not change). */
  recordLimitChange(change: LimitChange, user: AuthUser): Promise<void> {
    return recordLimitChange(this.dataSource, change, user);
  }

  /** TypeORM's postgres driver answers UPDATE/DELETE … RETURNING with [rows, count]. */
  private affected(result: unknown[]): number {
    if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[1];
    return result.length;
  }
}
