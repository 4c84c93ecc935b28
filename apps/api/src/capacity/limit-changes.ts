import type { AuthUser } from '../auth/roles.decorator';

/** Anything that runs SQL: a DataSource, an EntityManager or a QueryRunner. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export interface LimitChange {
  instanceId: number;
  /** null: the instance limit. */
  databaseName: string | null;
  oldBytes: number | null;
  newBytes: number | null;
}

/** Appends one change of a configured limit to the audit record (capacity_limit_changes); no row when nothing changed. */
export async function recordLimitChange(db: Queryable, change: LimitChange, user: AuthUser): Promise<void> {
  if (change.oldBytes === change.newBytes) return;
  await db.query(
    `INSERT INTO capacity_limit_changes (instance_id, database_name, old_limit_bytes, new_limit_bytes, changed_by, changed_by_username)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [change.instanceId, change.databaseName, change.oldBytes, change.newBytes, user.id, user.username],
  );
}
