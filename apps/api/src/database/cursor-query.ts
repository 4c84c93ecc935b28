import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

const CURSOR = 'capacity_export';

/**
 * Runs a read through a server-side cursor and yields its rows one by one, fetching `batchSize` at a time: an export
 * of any size holds one batch in memory, never the whole result. The rows come from one read-only transaction (one
 * snapshot). Stopping early (the client went away) rolls back and gives the connection back. `text` must come from
 * code, never from user input.
 */
export async function* cursorQuery<T = Record<string, unknown>>(dataSource: DataSource, text: string, values: unknown[], batchSize = 1000): AsyncGenerator<T> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const client: PoolClient = await pool.connect();
  let finished = false;
  let broken: Error | undefined;
  try {
    await client.query('BEGIN READ ONLY');
    await client.query({ text: `DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${text}`, values });
    for (;;) {
      const { rows } = await client.query<T & object>(`FETCH ${batchSize} FROM ${CURSOR}`);
      for (const row of rows) yield row;
      if (rows.length < batchSize) break;
    }
    await client.query('COMMIT');
    finished = true;
  } finally {
    if (!finished) broken = await client.query('ROLLBACK').then(() => undefined, (error: Error) => error);
    // A connection whose rollback failed is in an unknown state: the pool drops it.
    client.release(broken);
  }
}
