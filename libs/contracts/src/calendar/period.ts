import { addMonths, addWeeks, getISOWeek, getISOWeekYear, getQuarter, startOfISOWeek, startOfMonth, startOfQuarter } from 'date-fns';
import type { PeriodType } from '../common/constants';
import { addDays, type CalendarDate, toUtcDate, utcCalendarDate } from './calendar-date';
import { yearMonthOf } from './year-month';

/**
 * Calendar periods on 'YYYY-MM-DD' days: daily; weekly = ISO week Monday–Sunday; monthly;
 * quarterly (Jan/Apr/Jul/Oct). A period is named by its first day; ends are inclusive.
 */
export function periodStart(type: PeriodType, date: CalendarDate): CalendarDate {
  switch (type) {
    case 'daily':
      return date;
    case 'weekly':
      return utcCalendarDate(startOfISOWeek(toUtcDate(date)));
    case 'monthly':
      return utcCalendarDate(startOfMonth(toUtcDate(date)));
    case 'quarterly':
      return utcCalendarDate(startOfQuarter(toUtcDate(date)));
  }
}

/** The first day of the period `steps` periods after (negative: before) the one starting at `start`. */
function shiftPeriod(type: PeriodType, start: CalendarDate, steps: number): CalendarDate {
  switch (type) {
    case 'daily':
      return addDays(start, steps);
    case 'weekly':
      return utcCalendarDate(addWeeks(toUtcDate(start), steps));
    case 'monthly':
      return utcCalendarDate(startOfMonth(addMonths(toUtcDate(start), steps)));
    case 'quarterly':
      return utcCalendarDate(startOfMonth(addMonths(toUtcDate(start), 3 * steps)));
  }
}

/** The first day of the period after the one starting at `start`. */
export function nextPeriodStart(type: PeriodType, start: CalendarDate): CalendarDate {
  return shiftPeriod(type, start, 1);
}

export function previousPeriodStart(type: PeriodType, start: CalendarDate): CalendarDate {
  return shiftPeriod(type, start, -1);
}

/** Inclusive last day of the period starting at `start`. */
export function periodEnd(type: PeriodType, start: CalendarDate): CalendarDate {
  return addDays(nextPeriodStart(type, start), -1);
}

/** ISO-8601 week-numbering year and week of a date. */
export function isoWeek(date: CalendarDate): { year: number; week: number } {
  const day = toUtcDate(date);
  return { year: getISOWeekYear(day), week: getISOWeek(day) };
}

/** Label of a period for charts: 2026-11-28, 2026-W48, 2026-11, 2026-Q4. */
export function periodLabel(type: PeriodType, start: CalendarDate): string {
  switch (type) {
    case 'daily':
      return start;
    case 'weekly': {
      const { year, week } = isoWeek(start);
      return `${year}-W${String(week).padStart(2, '0')}`;
    }
    case 'monthly':
      return yearMonthOf(start);
    case 'quarterly':
      return `${start.slice(0, 4)}-Q${getQuarter(toUtcDate(start))}`;
  }
}
