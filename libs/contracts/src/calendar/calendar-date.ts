import { UTCDate } from '@date-fns/utc';
import { addDays as addDaysTo, addMonths as addMonthsTo, differenceInCalendarDays, isValid, lightFormat } from 'date-fns';
import { MAX_DATE, MIN_DATE } from '../common/constants';

/** A day of the calendar as 'YYYY-MM-DD': no time of day, no time zone. */
export type CalendarDate = string;

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The day at 00:00 as a UTCDate, so date-fns computes on it without the host's time zone
 * (a DST change in the host zone cannot move a day).
 */
export function toUtcDate(date: CalendarDate): UTCDate {
  return new UTCDate(`${date}T00:00:00Z`);
}

/** The UTC day an instant falls on (a `date` column read back as a Date at 00:00Z gives its own day). */
export function utcCalendarDate(instant: Date): CalendarDate {
  return lightFormat(instant instanceof UTCDate ? instant : new UTCDate(instant.getTime()), 'yyyy-MM-dd');
}

/** The day an instant falls on in the host's time zone (in the browser: the user's local day). */
export function localCalendarDate(instant: Date): CalendarDate {
  return lightFormat(instant, 'yyyy-MM-dd');
}

/** A real calendar date in YYYY-MM-DD from MIN_DATE to MAX_DATE (2026-02-30 and 0000-01-01 are refused). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || value < MIN_DATE || value > MAX_DATE) return false;
  const date = toUtcDate(value);
  return isValid(date) && utcCalendarDate(date) === value;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return utcCalendarDate(addDaysTo(toUtcDate(date), days));
}

/** `date` plus whole months, clamped to the end of a shorter month (2026-03-31 − 1 month = 2026-02-28). */
export function addMonthsToDate(date: CalendarDate, months: number): CalendarDate {
  return utcCalendarDate(addMonthsTo(toUtcDate(date), months));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return differenceInCalendarDays(toUtcDate(to), toUtcDate(from));
}

/** The `days` days ending on `end`, both ends included. */
export function daysEnding(end: CalendarDate, days: number): { start: CalendarDate; end: CalendarDate } {
  return { start: addDays(end, -(days - 1)), end };
}
