import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import type { RunningApi } from './api-server';

/** Runs `work` in one transaction on the running API's embedded PostgreSQL (to seed what a browser test needs). */
export async function inRepository(api: RunningApi, work: (client: Client) => Promise<void>): Promise<void> {
  const password = (await readFile(join(api.dataDir, 'pg.password'), 'utf8')).trim();
  const client = new Client({ host: '127.0.0.1', port: api.pgPort, user: 'capacity', password, database: 'capacity' });
  await client.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}
