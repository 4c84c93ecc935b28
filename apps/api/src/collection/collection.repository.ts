import type { DbType } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface CollectionTarget {
  id: number;
  name: string;
  dbType: DbType;
  zone: string;
}

/** Which instances a run visits. */
@Injectable()
export class CollectionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async activeInstances(): Promise<CollectionTarget[]> {
    const rows: { id: number; name: string; db_type: DbType; zone: string }[] = await this.dataSource.query(
      `SELECT id, name, db_type, zone FROM instances WHERE is_active ORDER BY id`,
    );
    return rows.map((row) => ({ id: row.id, name: row.name, dbType: row.db_type, zone: row.zone }));
  }

  /** One instance whether active or not; null when unknown. */
  async instance(id: number): Promise<CollectionTarget | null> {
    const [row]: { id: number; name: string; db_type: DbType; zone: string }[] = await this.dataSource.query(
      `SELECT id, name, db_type, zone FROM instances WHERE id = $1`,
      [id],
    );
    return row ? { id: row.id, name: row.name, dbType: row.db_type, zone: row.zone } : null;
  }
}
