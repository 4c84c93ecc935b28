/**
 * Child process of archive-crash.integration-spec.ts: runs the archive step of one partition against a test
 * database and, right after the named state is recorded, says so on stdout and waits to be SIGKILLed.
 * Usage: node apps/api/bench/run.cjs apps/api/src/archive/testing/archive-crash-child.ts <db-url> <archive-dir> <table> <YYYY-MM> <pause-after>
 */
import type { StatsTable } from '@capacity/contracts';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../../config/app-config';
import { dataSourceOptions } from '../../database/data-source-options';
import { PartitionRepository } from '../../partition/partition.repository';
import { ArchiveStepService } from '../archive-step.service';
import { ArchiveRepository } from '../archive.repository';
import { DuckDbService } from '../duckdb.service';
import { ParquetStore } from '../parquet-store.repository';

async function main(): Promise<void> {
  const [url, archiveDir, table, month, pauseAfter] = process.argv.slice(2);
  Logger.overrideLogger(['error']);
  const config = loadAppConfig({ DATABASE_URL: url, ARCHIVE_DIR: archiveDir, DATA_DIR: archiveDir });
  const dataSource = await new DataSource(dataSourceOptions(url, 2)).initialize();
  const parquet = new ParquetStore(config, new DuckDbService(config));
  const step = new ArchiveStepService(new ArchiveRepository(dataSource), parquet, async (_table, _month, state) => {
    if (state !== pauseAfter) return;
    process.stdout.write(`PAUSED ${state}\n`);
    await new Promise(() => undefined); // wait for the SIGKILL
  });
  const partitions = new PartitionRepository(dataSource);
  const result = await step.archiveThenDrop(table as StatsTable, month, async () => {
    await partitions.dropMonthPartition(table as StatsTable, month);
  });
  process.stdout.write(`DONE ${JSON.stringify(result)}\n`);
  await dataSource.destroy();
  process.exit(0);
}

main().catch((error: Error) => {
  process.stderr.write(`child failed: ${error.stack}\n`);
  process.exit(1);
});
