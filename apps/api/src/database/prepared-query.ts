import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
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

/** A `work_mem` value as SET takes it: a whole number of MB, from code. */
const WORK_MEM = /^[1-9][0-9]{0,4}MB$/;

/**
 * preparedQuery in a read-only transaction that raises `work_mem` for this statement alone (`SET LOCAL`): for the reads
 * whose hash aggregate or hash join outgrows the server's default (4 MB) and spills to disk in batches. The setting
 * ends with the transaction; the pooled connection keeps the server's default for every other read.
 */
export async function preparedQueryWithWorkMem<T = Record<string, unknown>>(dataSource: DataSource, text: string, values: unknown[], workMem: string): Promise<T[]> {
  if (!WORK_MEM.test(workMem)) throw new Error(`work_mem must be a number of MB, not ${JSON.stringify(workMem)}`);
  return onReadReplica(dataSource, async (pool: Pool) => {
    const client: PoolClient = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(`BEGIN READ ONLY; SET LOCAL work_mem = '${workMem}'`);
      const result = await client.query({ name: statementName(text), text, values });
      await client.query('COMMIT');
      return result.rows as T[];
    } catch (error) {
      // A connection whose rollback failed is in an unknown state: the pool drops it.
      broken = await client.query('ROLLBACK').then(() => undefined, (rollbackError: Error) => rollbackError);
      throw error;
    } finally {
      client.release(broken);
    }
  });
}
