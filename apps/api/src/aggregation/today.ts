import { calendarDateIn } from '../stats/calendar-date';

/** Today's date as 'YYYY-MM-DD' in an IANA time zone (the day a reading belongs to). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return calendarDateIn(now, timeZone);
}
