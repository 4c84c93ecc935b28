import { differenceInCalendarMonths } from 'date-fns';
import { addDays, addMonthsToDate, type CalendarDate, toUtcDate } from './calendar-date';

/** A calendar month as 'YYYY-MM': the one form a month takes on the wire, in the SPA and in the calendar. */
export type YearMonth = string;

export const YEAR_MONTH = /^(19[7-9]\d|2\d{3})-(0[1-9]|1[0-2])$/;

export function isYearMonth(value: unknown): value is YearMonth {
  return typeof value === 'string' && YEAR_MONTH.test(value);
}

/** 2026-11-28 → `2026-11`. */
export function yearMonthOf(date: CalendarDate): YearMonth {
  return date.slice(0, 7);
}

/** `2026-11` → 2026-11-01. */
export function firstDayOf(month: YearMonth): CalendarDate {
  return `${month}-01`;
}

/** `2028-02` → 2028-02-29. */
export function lastDayOf(month: YearMonth): CalendarDate {
  return addDays(firstDayOf(addMonths(month, 1)), -1);
}

/** The days of `month` as the half-open range [from, to) a month partition is bounded by: `2026-12` → 2026-12-01, 2027-01-01. */
export function monthRange(month: YearMonth): { from: CalendarDate; to: CalendarDate } {
  return { from: firstDayOf(month), to: firstDayOf(addMonths(month, 1)) };
}

/** `2026-11` plus `months` (negative to go back), across year ends. */
export function addMonths(month: YearMonth, months: number): YearMonth {
  return yearMonthOf(addMonthsToDate(firstDayOf(month), months));
}

/** Whole months from `from` to `to` (`2026-11` → `2027-02` is 3). */
export function monthsBetween(from: YearMonth, to: YearMonth): number {
  return differenceInCalendarMonths(toUtcDate(firstDayOf(to)), toUtcDate(firstDayOf(from)));
}
