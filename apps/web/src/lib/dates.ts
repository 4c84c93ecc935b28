import { daysEnding, localCalendarDate } from '@capacity/contracts';

export { addDays } from '@capacity/contracts';

/** Today as YYYY-MM-DD in the browser's local day. */
export function today(): string {
  return localCalendarDate(new Date());
}

/** The last `days` days ending today, both ends included. */
export function lastDays(days: number, end = today()): { start: string; end: string } {
  return daysEnding(end, days);
}
