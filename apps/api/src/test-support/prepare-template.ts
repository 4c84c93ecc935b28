import { currentMonthIn } from '@capacity/contracts';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { runMigrations } from '../database/run-migrations';
import { monthsAhead } from '../partition/partition-plan';
import { createMissingMonthPartitions } from '../partition/partition-startup.service';
import { PartitionRepository } from '../partition/partition.repository';
import { TEMPLATE_DATABASE, withDatabase } from './test-database';

/** (Re)creates the template database, migrates it and gives it the month partitions an app creates at start, once per test run. */
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
  const templateUrl = withDatabase(serverUrl, TEMPLATE_DATABASE);
  await runMigrations(templateUrl);
  // The months of the default configuration: a test app then finds its start-up partitions already there.
  const defaults = loadAppConfig({});
  const dataSource = await new DataSource(dataSourceOptions(templateUrl, 1)).initialize();
  try {
    const months = monthsAhead(currentMonthIn(defaults.timeZone), defaults.partitionPremakeMonths);
    await createMissingMonthPartitions(new PartitionRepository(dataSource), months);
  } finally {
    await dataSource.destroy();
  }
}
