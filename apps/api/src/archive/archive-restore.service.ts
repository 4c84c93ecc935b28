import type { ArchiveRestoreResponse, StatsTable, YearMonth } from '@capacity/contracts';
import { Injectable, Logger } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../common/domain-errors';
import { partitionName } from '../partition/partition-naming';
import { PartitionRepository } from '../partition/partition.repository';
import { JobRunner } from '../jobs/job-runner.service';
import { ArchiveRepository } from './archive.repository';
import { ParquetStore, type TextRow } from './parquet-store.repository';

/** Rows per INSERT while loading a month back. */
const INSERT_ROWS = 10_000;

/**
 * POST /archive/restore: re-creates the month partition, loads the Parquet rows back into it and checks them
 * against the manifest, all before the entry turns `restored` (in the load's transaction). The files stay.
 */
@Injectable()
export class ArchiveRestoreService {
  private readonly logger = new Logger(ArchiveRestoreService.name);

  constructor(
    private readonly repository: ArchiveRepository,
    private readonly partitions: PartitionRepository,
    private readonly parquet: ParquetStore,
    private readonly runner: JobRunner,
  ) {}

  async restore(table: StatsTable, month: YearMonth): Promise<ArchiveRestoreResponse> {
    const name = partitionName(table, month);
    // The cleanup lock: no archive run may drop or re-export this month while it is loaded back.
    return this.runner.withLock('cleanup', async () => {
      const entry = await this.repository.findManifest(table, month);
      const present = await this.repository.partitionExists(table, month);
      const cold = entry !== null && (entry.state === 'dropped' || (entry.state === 'verified' && !present));
      if (!cold) {
        throw new NotFoundError(`month ${month} of ${table} is not archived${entry ? ` (archive state: ${entry.state})` : ''}`);
      }
      if (entry.rowCount === null || entry.sums === null) throw new ConflictError(`archive of ${name} has no recorded figures`);
      await this.partitions.createMonthPartition(table, month);
      const stats = await this.repository.loadPartition(
        table,
        month,
        async (insert) => {
          let buffer: TextRow[] = [];
          await this.parquet.streamText(table, entry.files, async (rows) => {
            buffer.push(...rows);
            if (buffer.length >= INSERT_ROWS) {
              await insert(buffer);
              buffer = [];
            }
          });
          if (buffer.length > 0) await insert(buffer);
        },
        { rows: entry.rowCount, sums: entry.sums },
      ).catch((error: Error) => {
        if (/already holds/.test(error.message)) throw new ConflictError(error.message);
        throw error;
      });
      this.logger.log(`restored ${stats.rows} rows of ${name} from ${entry.files.length} Parquet file(s)`);
      const restored = await this.repository.findManifest(table, month);
      return {
        table,
        month,
        state: 'restored',
        rows: stats.rows,
        restored_at: (restored?.restoredAt ?? new Date()).toISOString(),
      };
    });
  }
}
