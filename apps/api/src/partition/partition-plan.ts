import { currentMonthIn, isYearMonth, monthStartInstant, yearMonthOfInstant } from '@capacity/contracts';
import { addMonths } from './partition-naming';

/** `2026-11` → 2026-11-01T00:00Z; null when not a YYYY-MM month. */
export function parseYearMonth(value: string): Date | null {
  return isYearMonth(value) ? monthStartInstant(value) : null;
}

/** 2026-11-01 → `2026-11`. */
export function formatYearMonth(month: Date): string {
  return yearMonthOfInstant(month);
}

/** The month `now` falls in on the calendar of `timeZone` (the day a reading belongs to, DESIGN.md §10). */
export function currentMonth(now: Date, timeZone: string): Date {
  return monthStartInstant(currentMonthIn(timeZone, now));
}

/** The current month and the `futureMonths` after it, in order: what must exist after a maintenance run. */
export function monthsAhead(current: Date, futureMonths: number): Date[] {
  if (!Number.isInteger(futureMonths) || futureMonths < 0) throw new RangeError(`futureMonths must be a non-negative integer, got ${futureMonths}`);
  return Array.from({ length: futureMonths + 1 }, (_, offset) => addMonths(current, offset));
}

/** Months of `wanted` that are not in `existing` (compared by month start). */
export function missingMonths(wanted: readonly Date[], existing: readonly Date[]): Date[] {
  const have = new Set(existing.map((month) => month.getTime()));
  return wanted.filter((month) => !have.has(month.getTime()));
}

/**
 * Months whose rows sit in the default partition and that a maintenance run moves into a new month
 * partition: any such month up to the end of the premake window. Rows dated further ahead stay in the
 * default (a wrong clock should not create far-future partitions); status reports them.
 */
export function monthsToRescue(defaultMonths: readonly Date[], current: Date, premakeMonths: number): Date[] {
  const last = addMonths(current, premakeMonths).getTime();
  return [...defaultMonths].filter((month) => month.getTime() <= last).sort((a, b) => a.getTime() - b.getTime());
}
