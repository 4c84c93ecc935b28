import { daysEnding, todayIn } from '@capacity/contracts';

export { addDays } from '@capacity/contracts';

// The calendar the API files readings on (APP_TIMEZONE): set by the AppSettingsProvider before any page renders,
// so the default ranges of the pages (computed in their first render) end on the API's today.
let calendarZone: string | undefined;

/** The browser's own zone: the calendar only until the API's settings have arrived (or outside the logged-in app). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Sets (or, with undefined, forgets) the API's time zone. */
export function setCalendarTimeZone(zone: string | undefined): void {
  calendarZone = zone;
}

/** The zone dates and date-times are shown in: APP_TIMEZONE as the API serves it. */
export function calendarTimeZone(): string {
  return calendarZone ?? browserTimeZone();
}

/** Today as YYYY-MM-DD on the API's calendar (not the browser's). */
export function today(now: Date = new Date()): string {
  return todayIn(calendarTimeZone(), now);
}

/** The last `days` days ending today, both ends included. */
export function lastDays(days: number, end = today()): { start: string; end: string } {
  return daysEnding(end, days);
}
