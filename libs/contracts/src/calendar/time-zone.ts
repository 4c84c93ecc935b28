import type { CalendarDate } from './calendar-date';
import { type YearMonth, yearMonthOf } from './year-month';

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one, and this
// runs for every reading saved. (@date-fns/tz TZDate is no faster and adds a dependency.)
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) that `instant` falls on in `timeZone` (APP_TIMEZONE). */
export function calendarDateIn(instant: Date, timeZone: string): CalendarDate {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Today's date in an IANA time zone (the day a reading belongs to, DESIGN.md §10). */
export function todayIn(timeZone: string, now: Date = new Date()): CalendarDate {
  return calendarDateIn(now, timeZone);
}

/** The month `now` falls in on the calendar of `timeZone`. */
export function currentMonthIn(timeZone: string, now: Date = new Date()): YearMonth {
  return yearMonthOf(calendarDateIn(now, timeZone));
}
