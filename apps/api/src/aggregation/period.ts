import { nextPeriodStart, periodStart, type PeriodType } from '@capacity/contracts';

// The calendar periods live in the shared calendar (libs/contracts/src/calendar/period.ts).
export { isoWeek, nextPeriodStart, periodEnd, periodLabel, periodStart, previousPeriodStart } from '@capacity/contracts';

export interface PeriodRange {
  /** period_start of the first period to compute */
  firstStart: string;
  /** period_start of the last period to compute */
  lastStart: string;
}

/**
 * The periods to recompute for readings on `dates`: each date's period and the one right after it
 * (whose change figures depend on it), merged into runs of consecutive periods.
 */
export function periodRangesFor(type: PeriodType, dates: readonly string[]): PeriodRange[] {
  const starts = new Set<string>();
  for (const date of dates) {
    const start = periodStart(type, date);
    starts.add(start);
    starts.add(nextPeriodStart(type, start));
  }
  const sorted = [...starts].sort();
  const ranges: PeriodRange[] = [];
  for (const start of sorted) {
    const last = ranges.at(-1);
    if (last && nextPeriodStart(type, last.lastStart) === start) last.lastStart = start;
    else ranges.push({ firstStart: start, lastStart: start });
  }
  return ranges;
}

/** Every period touching [from, to], plus the one after `to`'s period. */
export function periodRangeForDates(type: PeriodType, from: string, to: string): PeriodRange {
  return { firstStart: periodStart(type, from), lastStart: nextPeriodStart(type, periodStart(type, to)) };
}
