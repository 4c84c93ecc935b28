import { addMonths, type YearMonth } from '@capacity/contracts';

/**
 * First month kept under a retention of `retentionMonths` judged on the `current` month.
 * A month partition is dropped only when it lies ENTIRELY before `today − retentionMonths`: its upper bound
 * (the next month's first day) is on or before that day, i.e. its month is before `current − retentionMonths`.
 */
export function retentionKeepFrom(current: YearMonth, retentionMonths: number): YearMonth {
  if (!Number.isInteger(retentionMonths) || retentionMonths < 1) throw new RangeError(`retentionMonths must be a positive integer, got ${retentionMonths}`);
  return addMonths(current, -retentionMonths);
}

/** The partitions past retention, oldest first; never the current month nor a future one ('YYYY-MM' strings order as months). */
export function pastRetention<T extends { month: YearMonth }>(partitions: readonly T[], current: YearMonth, retentionMonths: number): T[] {
  const keepFrom = retentionKeepFrom(current, retentionMonths);
  return partitions
    .filter((partition) => partition.month < keepFrom && partition.month < current)
    .sort((a, b) => a.month.localeCompare(b.month));
}
