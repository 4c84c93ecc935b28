import { addMonths } from './partition-naming';

/**
 * First month kept under a retention of `retentionMonths` judged on `current` (a month start).
 * A month partition is dropped only when it lies ENTIRELY before `today − retentionMonths`: its upper bound
 * (the next month's first day) is on or before that day, i.e. its month is before `current − retentionMonths`.
 */
export function retentionKeepFrom(current: Date, retentionMonths: number): Date {
  if (!Number.isInteger(retentionMonths) || retentionMonths < 1) throw new RangeError(`retentionMonths must be a positive integer, got ${retentionMonths}`);
  return addMonths(current, -retentionMonths);
}

/** The partitions past retention, oldest first; never the current month nor a future one. */
export function pastRetention<T extends { month: Date }>(partitions: readonly T[], current: Date, retentionMonths: number): T[] {
  const keepFrom = retentionKeepFrom(current, retentionMonths).getTime();
  return partitions
    .filter((partition) => partition.month.getTime() < keepFrom && partition.month.getTime() < current.getTime())
    .sort((a, b) => a.month.getTime() - b.month.getTime());
}
