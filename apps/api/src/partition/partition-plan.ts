import { addMonths, type YearMonth } from '@capacity/contracts';

/** The current month and the `futureMonths` after it, in order: what must exist after a maintenance run. */
export function monthsAhead(current: YearMonth, futureMonths: number): YearMonth[] {
  if (!Number.isInteger(futureMonths) || futureMonths < 0) throw new RangeError(`futureMonths must be a non-negative integer, got ${futureMonths}`);
  return Array.from({ length: futureMonths + 1 }, (_, offset) => addMonths(current, offset));
}

/** Months of `wanted` that are not in `existing`. */
export function missingMonths(wanted: readonly YearMonth[], existing: readonly YearMonth[]): YearMonth[] {
  const have = new Set(existing);
  return wanted.filter((month) => !have.has(month));
}

/**
 * Months whose rows sit in the default partition and that a maintenance run moves into a new month
 * partition: any such month up to the end of the premake window. Rows dated further ahead stay in the
 * default (a wrong clock should not create far-future partitions); status reports them.
 */
export function monthsToRescue(defaultMonths: readonly YearMonth[], current: YearMonth, premakeMonths: number): YearMonth[] {
  // 'YYYY-MM' strings order as their months do.
  const last = addMonths(current, premakeMonths);
  return defaultMonths.filter((month) => month <= last).sort();
}
