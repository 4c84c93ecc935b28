import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { onReadReplica } from './read-replicas';

const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `capacity_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * Runs a read (on a read replica when DATABASE_READ_URLS gives one: read-replicas.ts) as a named prepared statement, so each pooled connection plans it once and then reuses the
 * plan (PostgreSQL switches to a generic plan with run-time partition pruning). For reads over every monthly
 * partition, planning costs more than executing. `text` must come from code, never from user input.
 */
export async function preparedQuery<T = Record<string, unknown>>(dataSource: DataSource, text: string, values: unknown[]): Promise<T[]> {
  const result = await onReadReplica(dataSource, (pool: Pool) => pool.query({ name: statementName(text), text, values }));
  return result.rows as T[];
}
