import type { ArchiveState, StatsTable } from '@capacity/contracts';

/**
 * Optional observer called after each state the archive step records (none in production). The crash specs use it
 * to stop a child process right after a given state, to prove the next run finishes the job.
 */
export const ARCHIVE_STATE_HOOK = Symbol('ARCHIVE_STATE_HOOK');
export type ArchiveStateHook = (table: StatsTable, month: Date, state: ArchiveState | 'drop-called') => Promise<void>;
