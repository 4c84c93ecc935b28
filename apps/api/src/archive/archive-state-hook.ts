import type { ArchiveState, StatsTable, YearMonth } from '@capacity/contracts';

/**
 * Observer called after each state the archive step records: a no-op in production. The crash specs give one
 * that stops a child process right after a given state, to prove the next run finishes the job.
 */
export const ARCHIVE_STATE_HOOK = Symbol('ARCHIVE_STATE_HOOK');
export type ArchiveStateHook = (table: StatsTable, month: YearMonth, state: ArchiveState | 'drop-called') => Promise<void>;

export const noArchiveStateHook: ArchiveStateHook = async () => undefined;
