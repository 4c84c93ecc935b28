import { Client } from 'pg';
import { runMigrations } from '../database/run-migrations';
import { TEMPLATE_DATABASE, withDatabase } from './test-database';

/** (Re)creates the template database and migrates it once per test run. */
export async function prepareTemplate(serverUrl: string): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const stale = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'capacity\\_test\\_%'`);
    for (const row of stale.rows as { datname: string }[]) {
      await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const { Logger } = await import('@nestjs/common');
  Logger.overrideLogger(['error', 'warn']);
  await runMigrations(withDatabase(serverUrl, TEMPLATE_DATABASE));
}
