import type { StatsTable, YearMonth } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import type { ColdRowFilter, ColdTierPort } from '../history/cold-tier.port';
import { ArchiveRepository } from './archive.repository';
import { ParquetStore } from './parquet-store.repository';

/**
 * The query bridge: which months of a table are cold, and their rows read from Parquet through DuckDB with the
 * same filters as the hot query. A missing or corrupt file fails the query with a 503 naming it.
 */
@Injectable()
export class ColdTierService implements ColdTierPort {
  constructor(
    private readonly repository: ArchiveRepository,
    private readonly parquet: ParquetStore,
  ) {}

  async archivedMonths(table: StatsTable, from: string, to: string): Promise<YearMonth[]> {
    return (await this.repository.coldMonths(table, from, to)).map((row) => row.month);
  }

  /** Rows with the partition key in [filter.from, filter.to] (both inclusive), ordered by key then instance. */
  async readRows(table: StatsTable, filter: ColdRowFilter): Promise<Record<string, unknown>[]> {
    const months = await this.repository.coldMonths(table, filter.from, filter.to);
    const files = months.flatMap((month) => month.files);
    if (files.length === 0) return [];
    return this.parquet.readRows(table, files, filter);
  }
}
