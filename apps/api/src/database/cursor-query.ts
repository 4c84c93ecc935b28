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
 * cursorQuery's rows, each read as one JSON array text of the columns named (`json_build_array`) and made an object
 * here. For big exports: the driver makes one string per row instead of a value per column, and what the driver
 * makes outlives the young generation's collections (the objects made here do not): 100,000-row exports left ~2.5×
 * more garbage in the old heap, which only a full collection frees. The values are JSON's: numbers for integer,
 * bigint and numeric columns (exact up to 2^53), text for dates and timestamps (format them in SQL), arrays,
 * booleans, null. `columns` are the statement's output column names (from code); the order is the statement's.
 */
export async function* cursorJsonQuery<T = Record<string, unknown>>(
  dataSource: DataSource,
  text: string,
  values: unknown[],
  columns: readonly string[],
  batchSize = CURSOR_BATCH_SIZE,
): AsyncGenerator<T> {
  const array = `json_build_array(${columns.map((column) => `q."${column.replace(/"/g, '""')}"`).join(', ')})::text`;
  for await (const batch of cursorBatches<[string]>(dataSource, `SELECT ${array} FROM (${text}) q`, values, batchSize, 'array')) {
    for (const [json] of batch) {
      const cells = JSON.parse(json) as unknown[];
      const row: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) row[columns[i]] = cells[i];
      yield row as T;
    }
  }
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
  const fetchText = `FETCH ${batchSize} FROM ${CURSOR}`;
  const fetchBatch = async (): Promise<T[]> => {
    const result = rowMode === 'array' ? await client.query({ text: fetchText, rowMode: 'array' }) : await client.query(fetchText);
    return result.rows as T[];
  };
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
