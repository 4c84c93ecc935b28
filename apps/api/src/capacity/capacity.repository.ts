import type { CapacitySort } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/roles.decorator';
import { cursorQuery } from '../database/cursor-query';
import { capacityCtes, capacityOrderSql, type CapacityFilter, type CapacityRow, SqlParams } from './capacity-sql';
import { recordLimitChange } from './limit-changes';

export interface DatabaseLimitRow {
  instance_id: number;
  database_name: string;
  limit_bytes: string;
  updated_at: Date;
}

export interface LimitChangeRow {
  id: string;
  instance_id: number;
  database_name: string | null;
  old_limit_bytes: string | null;
  new_limit_bytes: string | null;
  changed_by: number | null;
  changed_by_username: string;
  changed_at: Date;
}

const DATABASE_ORDER = 'size_bytes DESC NULLS LAST, database_name COLLATE "C"';

/** Limits (configured and engine-reported) and the forecast to them, computed set-based in SQL. */
@Injectable()
export class CapacityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every row of the filter, instances first then their databases, by instance id and database name. */
  all(filter: CapacityFilter, points: number): Promise<CapacityRow[]> {
    const params = new SqlParams();
    const text = `WITH ${capacityCtes(filter, points, params)} SELECT * FROM capacity ORDER BY instance_id, database_name COLLATE "C" NULLS FIRST`;
    return this.dataSource.query<CapacityRow[]>(text, params.values);
  }

  /** One page in the order asked for, with the number of rows of the filter. */
  async page(filter: CapacityFilter, points: number, sort: CapacitySort, page: { limit: number; offset: number }): Promise<{ rows: CapacityRow[]; total: number }> {
    const params = new SqlParams();
    const ctes = capacityCtes(filter, points, params);
    const text = `WITH ${ctes}, counted AS (SELECT c.*, count(*) OVER () AS total FROM capacity c)
      SELECT * FROM counted ORDER BY ${capacityOrderSql(sort)}
      LIMIT ${params.add(page.limit, '::int')} OFFSET ${params.add(page.offset, '::int')}`;
    const rows = await this.dataSource.query<(CapacityRow & { total: string })[]>(text, params.values);
    const total = rows.length > 0 ? Number(rows[0].total) : await this.count(filter, points);
    return { rows, total };
  }

  /** Every row in the order asked for, one at a time from a cursor (CSV). */
  stream(filter: CapacityFilter, points: number, sort: CapacitySort): AsyncGenerator<CapacityRow> {
    const params = new SqlParams();
    const text = `WITH ${capacityCtes(filter, points, params)} SELECT * FROM capacity ORDER BY ${capacityOrderSql(sort)}`;
    return cursorQuery<CapacityRow>(this.dataSource, text, params.values);
  }

  /** The databases of one instance, largest first: one page, or all (`page` undefined). */
  databases(instanceId: number, points: number, page?: { limit: number; offset: number }): Promise<CapacityRow[]> {
    const params = new SqlParams();
    const ctes = capacityCtes({ instanceId, level: 'database' }, points, params);
    const limit = page ? `LIMIT ${params.add(page.limit, '::int')} OFFSET ${params.add(page.offset, '::int')}` : '';
    return this.dataSource.query<CapacityRow[]>(`WITH ${ctes} SELECT * FROM capacity ORDER BY ${DATABASE_ORDER} ${limit}`, params.values);
  }

  /** Databases in the latest reading of an instance. */
  async databaseCount(instanceId: number): Promise<number> {
    const [row]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM database_size_stats d JOIN instance_latest_stats ls ON ls.instance_id = d.instance_id AND d.collected_date = ls.collected_date
       WHERE d.instance_id = $1`,
      [instanceId],
    );
    return row.total;
  }

  private async count(filter: CapacityFilter, points: number): Promise<number> {
    const params = new SqlParams();
    const [row]: { total: number }[] = await this.dataSource.query(`WITH ${capacityCtes(filter, points, params)} SELECT count(*)::int AS total FROM capacity`, params.values);
    return row.total;
  }

  async databaseLimit(instanceId: number, databaseName: string): Promise<DatabaseLimitRow | null> {
    const [row]: DatabaseLimitRow[] = await this.dataSource.query(
      `SELECT instance_id, database_name, limit_bytes, updated_at FROM database_capacity_limits WHERE instance_id = $1 AND database_name = $2`,
      [instanceId, databaseName],
    );
    return row ?? null;
  }

  /** Sets (or replaces) a database's limit and records the change, in one transaction; returns the row written. */
  setDatabaseLimit(instanceId: number, databaseName: string, limitBytes: number, user: AuthUser): Promise<DatabaseLimitRow> {
    return this.dataSource.transaction(async (manager) => {
      const [old]: { limit_bytes: string }[] = await manager.query(
        `SELECT limit_bytes FROM database_capacity_limits WHERE instance_id = $1 AND database_name = $2 FOR UPDATE`,
        [instanceId, databaseName],
      );
      const [row]: DatabaseLimitRow[] = await manager.query(
        `INSERT INTO database_capacity_limits (instance_id, database_name, limit_bytes) VALUES ($1, $2, $3)
         ON CONFLICT (instance_id, database_name) DO UPDATE SET limit_bytes = excluded.limit_bytes, updated_at = now()
         RETURNING instance_id, database_name, limit_bytes, updated_at`,
        [instanceId, databaseName, limitBytes],
      );
      await recordLimitChange(manager, { instanceId, databaseName, oldBytes: old ? Number(old.limit_bytes) : null, newBytes: limitBytes }, user);
      return row;
    });
  }

  /** Removes a database's limit and records it; false when there was none. */
  removeDatabaseLimit(instanceId: number, databaseName: string, user: AuthUser): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [rows]: [{ limit_bytes: string }[], number] = await manager.query(
        `DELETE FROM database_capacity_limits WHERE instance_id = $1 AND database_name = $2 RETURNING limit_bytes`,
        [instanceId, databaseName],
      );
      if (rows.length === 0) return false;
      await recordLimitChange(manager, { instanceId, databaseName, oldBytes: Number(rows[0].limit_bytes), newBytes: null }, user);
      return true;
    });
  }

  async limitChanges(instanceId: number, page: { limit: number; offset: number }): Promise<{ rows: LimitChangeRow[]; total: number }> {
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<LimitChangeRow[]>(
        `SELECT id, instance_id, database_name, old_limit_bytes, new_limit_bytes, changed_by, changed_by_username, changed_at
         FROM capacity_limit_changes WHERE instance_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3`,
        [instanceId, page.limit, page.offset],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM capacity_limit_changes WHERE instance_id = $1`, [instanceId]),
    ]);
    return { rows, total };
  }
}
