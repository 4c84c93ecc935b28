import type { ArchiveState } from '@capacity/contracts';

/** What the archive step does next for a table-month, given its manifest state and whether the partition exists. */
export type ArchiveAction =
  | 'export' // (re)write the Parquet files from the partition, from scratch
  | 'verify' // read the files back and compare with the partition's figures
  | 'drop' // figures agree: drop the partition, then record it dropped
  | 'mark-dropped' // the partition is already gone after verification: record it
  | 'recheck-dropped' // archived before, yet the partition exists again
  | 'done' // archived and dropped
  | 'nothing' // no partition and no archive: nothing to do
  | 'lost'; // the partition is gone but the files were never verified: needs an operator

export function nextArchiveAction(state: ArchiveState | null, partitionPresent: boolean): ArchiveAction {
  if (partitionPresent) {
    switch (state) {
      case null:
      case 'exporting':
      case 'failed':
      case 'restored':
        return 'export';
      case 'exported':
        return 'verify';
      case 'verified':
        return 'drop';
      case 'dropped':
        return 'recheck-dropped';
    }
  }
  switch (state) {
    case null:
      return 'nothing';
    case 'exported':
      return 'verify';
    case 'verified':
      return 'mark-dropped';
    case 'dropped':
      return 'done';
    case 'exporting':
    case 'failed':
    case 'restored':
      return 'lost';
  }
}
