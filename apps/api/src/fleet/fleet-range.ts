import { FLEET_MAX_PERIODS, nextPeriodStart, periodEnd, periodStart, previousPeriodStart, type CalendarDate, type PeriodType } from '@capacity/contracts';
import { InvalidInputError } from '../common/domain-errors';

/** Periods a series covers when start_date is left out: a month of days, a quarter of weeks, a year of months, two years of quarters. */
export const DEFAULT_SPAN: Record<PeriodType, number> = { daily: 30, weekly: 12, monthly: 12, quarterly: 8 };

export interface SeriesRange {
  /** First day of the first period. */
  firstStart: CalendarDate;
  /** Start of the last period. */
  lastStart: CalendarDate;
  /** Last day of the last period. */
  lastEnd: CalendarDate;
}

/**
 * The whole periods holding [start, end] (end defaults to today, start to DEFAULT_SPAN periods ending with end's);
 * 400 naming start_date past FLEET_MAX_PERIODS.
 */
export function seriesRange(type: PeriodType, today: CalendarDate, start?: CalendarDate, end?: CalendarDate): SeriesRange {
  const lastStart = periodStart(type, end ?? today);
  let firstStart = lastStart;
  if (start === undefined) {
    for (let i = 1; i < DEFAULT_SPAN[type]; i++) firstStart = previousPeriodStart(type, firstStart);
  } else {
    if (start > (end ?? today)) throw new InvalidInputError(`start_date must not be after end_date (${end ?? today})`, 'start_date');
    firstStart = periodStart(type, start);
    let count = 1;
    for (let at = firstStart; at < lastStart; at = nextPeriodStart(type, at)) {
      if (++count > FLEET_MAX_PERIODS) throw new InvalidInputError(`start_date: the range holds more than ${FLEET_MAX_PERIODS} ${type} periods`, 'start_date');
    }
  }
  return { firstStart, lastStart, lastEnd: periodEnd(type, lastStart) };
}

