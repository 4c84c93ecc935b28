import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { runMigrations } from '../src/database/run-migrations';

export const withDatabase = (url: string, database: string): string =>
  Object.assign(new URL(url), { pathname: `/${database}` }).toString();

/** Milliseconds one call takes. */
export async function time(run: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** A fresh, migrated bench database on the server (dropped first if a previous run left it). */
export async function createBenchDatabase(serverUrl: string, database: string): Promise<{ url: string; version: string }> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  let version: string;
  try {
    ({ rows: [{ version }] } = await admin.query(`SELECT current_setting('server_version') AS version`));
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, database);
  await runMigrations(url, new Logger('bench'));
  return { url, version };
}

/** Drops the bench database from the server. */
export async function dropBenchDatabase(serverUrl: string, database: string): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Runs a bench's main; a failure prints and ends the process with 1. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
