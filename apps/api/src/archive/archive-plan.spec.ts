import { ARCHIVE_STATES, type ArchiveState } from '@capacity/contracts';
import { nextArchiveAction } from './archive-plan';

describe('nextArchiveAction', () => {
  it('exports a present partition that has no archive, an interrupted export, a failed one or a restored month', () => {
    for (const state of [null, 'exporting', 'failed', 'restored'] as const) expect(nextArchiveAction(state, true)).toBe('export');
  });

  it('verifies exported files whether or not the partition is still there', () => {
    expect(nextArchiveAction('exported', true)).toBe('verify');
    expect(nextArchiveAction('exported', false)).toBe('verify');
  });

  it('drops a verified partition, and only records the drop when the partition is already gone', () => {
    expect(nextArchiveAction('verified', true)).toBe('drop');
    expect(nextArchiveAction('verified', false)).toBe('mark-dropped');
  });

  it('is done with a dropped month and re-checks a partition re-created after the drop', () => {
    expect(nextArchiveAction('dropped', false)).toBe('done');
    expect(nextArchiveAction('dropped', true)).toBe('recheck-dropped');
  });

  it('does nothing without partition or archive, and flags a vanished partition whose files were never verified', () => {
    expect(nextArchiveAction(null, false)).toBe('nothing');
    for (const state of ['exporting', 'failed', 'restored'] as const) expect(nextArchiveAction(state, false)).toBe('lost');
  });

  it('never drops before the files were verified', () => {
    const unverified: ArchiveState[] = ARCHIVE_STATES.filter((state) => !['verified', 'dropped'].includes(state));
    for (const state of unverified) expect(nextArchiveAction(state, true)).not.toBe('drop');
  });
});
