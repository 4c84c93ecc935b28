import type { DbType, InstanceResponse } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Instance } from './instance.entity';

/** An instance row with its latest size reading and latest capacity collection. */
export interface InstanceRow
  extends Omit<InstanceResponse, 'created_at' | 'updated_at' | 'latest_total_size_bytes' | 'latest_total_size_mb' | 'last_collected_at'> {
  created_at: Date;
  updated_at: Date;
  latest_total_size_bytes: string | null;
  last_collected_at: Date | null;
}

export interface InstanceFilter {
  /** Only instances of this owner (a viewer); undefined = all. */
  ownerId?: number;
  dbType?: DbType;
  search?: string;
  isActive?: boolean;
}

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
];

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (match) => `\\${match}`);

/** Set-based: the newest size reading and the newest capacity record are joined laterally (no N+1). */
const SELECT_WITH_LATEST = `
  SELECT i.id, i.name, i.db_type, i.host, i.port, i.username, i.database_name, i.is_active, i.tags, i.owner_id,
         i.description, (i.password_encrypted IS NOT NULL) AS has_password, i.created_at, i.updated_at,
         s.total_size_bytes AS latest_total_size_bytes, s.database_count,
         r.at AS last_collected_at, r.status AS last_collection_status
  FROM instances i
  LEFT JOIN LATERAL (
    SELECT st.total_size_bytes, st.database_count
    FROM instance_size_stats st
    WHERE st.instance_id = i.id
    ORDER BY st.collected_date DESC
    LIMIT 1
  ) s ON true
  LEFT JOIN LATERAL (
    SELECT rec.status, coalesce(rec.completed_at, rec.started_at, rec.created_at) AS at
    FROM sync_instance_records rec
    JOIN sync_sessions ses ON ses.session_id = rec.session_id
    WHERE rec.instance_id = i.id AND ses.sync_category = 'capacity'
    ORDER BY rec.id DESC
    LIMIT 1
  ) r ON true`;

@Injectable()
export class InstancesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: InstanceFilter, page: { limit: number; offset: number }): Promise<{ rows: InstanceRow[]; total: number }> {
    const { where, params } = this.buildWhere(filter);
    const [{ total }]: { total: string }[] = await this.dataSource.query(`SELECT count(*) AS total FROM instances i ${where}`, params);
    const rows: InstanceRow[] = await this.dataSource.query(
      `${SELECT_WITH_LATEST} ${where} ORDER BY i.name, i.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    );
    return { rows, total: Number(total) };
  }

  async findRow(id: number): Promise<InstanceRow | null> {
    const rows: InstanceRow[] = await this.dataSource.query(`${SELECT_WITH_LATEST} WHERE i.id = $1`, [id]);
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

  /** TypeORM's postgres driver answers UPDATE/DELETE … RETURNING with [rows, count]. */
  private affected(result: unknown[]): number {
    if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[1];
    return result.length;
  }

  private buildWhere(filter: InstanceFilter): { where: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      clauses.push(sql(`$${params.length}`));
    };
    if (filter.ownerId !== undefined) add((p) => `i.owner_id = ${p}`, filter.ownerId);
    if (filter.dbType) add((p) => `i.db_type = ${p}`, filter.dbType);
    if (filter.search) add((p) => `i.name ILIKE '%' || ${p} || '%'`, escapeLike(filter.search));
    if (filter.isActive !== undefined) add((p) => `i.is_active = ${p}`, filter.isActive);
    return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }
}
