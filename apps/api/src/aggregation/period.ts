import type { PeriodType } from '@capacity/contracts';

/**
 * Calendar periods of the aggregation, on 'YYYY-MM-DD' strings (UTC arithmetic, no time zone):
 * daily; weekly = ISO week Monday–Sunday; monthly; quarterly (Jan/Apr/Jul/Oct). Ends are inclusive.
 */
const DAY_MS = 86_400_000;

const toUtc = (date: string): Date => new Date(`${date}T00:00:00Z`);
const toIso = (date: Date): string => date.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return toIso(new Date(toUtc(date).getTime() + days * DAY_MS));
}

function addMonthsToFirst(firstOfMonth: string, months: number): string {
  const d = toUtc(firstOfMonth);
  return toIso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)));
}

export function periodStart(type: PeriodType, date: string): string {
  const d = toUtc(date);
  switch (type) {
    case 'daily':
      return date;
    case 'weekly':
      // getUTCDay: 0 = Sunday … 6 = Saturday; ISO weeks start on Monday.
      return addDays(date, -((d.getUTCDay() + 6) % 7));
    case 'monthly':
      return toIso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)));
    case 'quarterly':
      return toIso(new Date(Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1)));
  }
}

/** The first day of the period after the one starting at `start`. */
export function nextPeriodStart(type: PeriodType, start: string): string {
  switch (type) {
    case 'daily':
      return addDays(start, 1);
    case 'weekly':
      return addDays(start, 7);
    case 'monthly':
      return addMonthsToFirst(start, 1);
    case 'quarterly':
      return addMonthsToFirst(start, 3);
  }
}

export function previousPeriodStart(type: PeriodType, start: string): string {
  switch (type) {
    case 'daily':
      return addDays(start, -1);
    case 'weekly':
      return addDays(start, -7);
    case 'monthly':
      return addMonthsToFirst(start, -1);
    case 'quarterly':
      return addMonthsToFirst(start, -3);
  }
}

/** Inclusive last day of the period starting at `start`. */
export function periodEnd(type: PeriodType, start: string): string {
  return addDays(nextPeriodStart(type, start), -1);
}

/** ISO-8601 week-numbering year and week of a date. */
export function isoWeek(date: string): { year: number; week: number } {
  const d = toUtc(date);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return { year, week };
}

/** Label of a period for charts: 2026-11-28, 2026-W48, 2026-11, 2026-Q4. */
export function periodLabel(type: PeriodType, start: string): string {
  switch (type) {
    case 'daily':
      return start;
    case 'weekly': {
      const { year, week } = isoWeek(start);
      return `${year}-W${String(week).padStart(2, '0')}`;
    }
    case 'monthly':
      return start.slice(0, 7);
    case 'quarterly':
      return `${start.slice(0, 4)}-Q${Math.floor(Number(start.slice(5, 7)) / 3) + 1}`;
  }
}

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
