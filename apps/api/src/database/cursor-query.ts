import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

const CURSOR = 'capacity_export';

/** Rows per FETCH: a few round trips for 100,000 rows, yet one batch of wide rows stays a few MB. */
export const CURSOR_BATCH_SIZE = 5000;

/**
 * Runs a read through a server-side cursor and yields its rows one by one, fetching `batchSize` at a time: an export
 * of any size holds two batches in memory (the one being read and the next, fetched meanwhile), never the whole
 * result. The rows come from one read-only transaction (one snapshot). Stopping early (the client went away) rolls
 * back and gives the connection back. `text` must come from code, never from user input.
 */
export async function* cursorQuery<T = Record<string, unknown>>(dataSource: DataSource, text: string, values: unknown[], batchSize = CURSOR_BATCH_SIZE): AsyncGenerator<T> {
  for await (const rows of cursorBatches<T>(dataSource, text, values, batchSize)) yield* rows;
}

/**
 * cursorQuery's rows, each read as one JSON text (`row_to_json`) and parsed here. For big exports: the driver then
 * makes one string per row instead of a value per column, and those values (unlike the objects made here) outlive
 * the young generation's collections, so a 100,000-row export left ~3× more garbage in the old heap. The values are
 * JSON's: numbers for integer, bigint and numeric columns (exact up to 2^53), text for dates and timestamps (format
 * them in SQL), arrays, booleans, null. The order is the statement's (a plain projection keeps it).
 */
export async function* cursorJsonQuery<T = Record<string, unknown>>(dataSource: DataSource, text: string, values: unknown[], batchSize = CURSOR_BATCH_SIZE): AsyncGenerator<T> {
  const rows = cursorBatches<[string]>(dataSource, `SELECT row_to_json(q)::text FROM (${text}) q`, values, batchSize, 'array');
  for await (const batch of rows) for (const [json] of batch) yield JSON.parse(json) as T;
}

/** cursorQuery's batches as they come: the next FETCH is already on its way while the caller handles one. */
export async function* cursorBatches<T = Record<string, unknown>>(
  dataSource: DataSource,
  text: string,
  values: unknown[],
  batchSize = CURSOR_BATCH_SIZE,
  rowMode?: 'array',
): AsyncGenerator<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const client: PoolClient = await pool.connect();
  const fetchBatch = () => client.query<T & object>({ text: `FETCH ${batchSize} FROM ${CURSOR}`, rowMode }).then((result) => result.rows as T[]);
  let finished = false;
  let broken: Error | undefined;
  let pending: Promise<T[]> | undefined;
  try {
    await client.query('BEGIN READ ONLY');
    await client.query({ text: `DECLARE ${CURSOR} NO SCROLL CURSOR FOR ${text}`, values });
    pending = fetchBatch();
    for (;;) {
      const rows: T[] = await pending;
      pending = rows.length < batchSize ? undefined : fetchBatch();
      if (rows.length > 0) yield rows;
      if (pending === undefined) break;
    }
    await client.query('COMMIT');
    finished = true;
  } finally {
    // Stopped while a FETCH was on its way: the client runs its queries in order, the ROLLBACK follows it.
    pending?.catch(() => undefined);
    if (!finished) broken = await client.query('ROLLBACK').then(() => undefined, (error: Error) => error);
    // A connection whose rollback failed is in an unknown state: the pool drops it.
    client.release(broken);
  }
}
