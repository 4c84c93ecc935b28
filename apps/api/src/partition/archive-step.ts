import type { StatsTable, YearMonth } from '@capacity/contracts';

/** The cold-tier step cleanup runs on each partition past retention: a port of this module, bound by PartitionModule to ArchiveStepService. */
export const ARCHIVE_STEP = Symbol('ARCHIVE_STEP');

export interface ArchiveStepResult {
  archived: boolean;
  files: string[];
  rows: number;
  detail: string;
}

export interface ArchiveStep {
  /** Export → verify → record the partition in the cold tier, then call `drop()` and mark it dropped. Resumable. */
  archiveThenDrop(table: StatsTable, month: YearMonth, drop: () => Promise<void>): Promise<ArchiveStepResult>;
}
