export const ARCHIVE_STATES = ['exporting', 'exported', 'verified', 'dropped', 'restored', 'failed'] as const;
export type ArchiveState = (typeof ARCHIVE_STATES)[number];

/** A month as `YYYY-MM` in archive requests. */
export const ARCHIVE_MONTH = /^(19\d{2}|2\d{3})-(0[1-9]|1[0-2])$/;
