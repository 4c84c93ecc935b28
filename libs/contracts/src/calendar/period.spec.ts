import { isoWeek, nextPeriodStart, periodEnd, periodLabel, periodStart, previousPeriodStart } from './period';

describe('calendar periods', () => {
  it('starts ISO weeks on Monday, across a year end', () => {
    for (const day of ['2026-12-28', '2026-12-31', '2027-01-01', '2027-01-03']) expect(periodStart('weekly', day)).toBe('2026-12-28');
    expect(periodStart('weekly', '2026-11-29')).toBe('2026-11-23');
    expect(periodEnd('weekly', '2026-12-28')).toBe('2027-01-03');
    expect(nextPeriodStart('weekly', '2026-12-28')).toBe('2027-01-04');
    expect(previousPeriodStart('weekly', '2027-01-04')).toBe('2026-12-28');
  });

  it('numbers ISO weeks by the week-year of their Thursday', () => {
    expect(isoWeek('2026-12-28')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-04')).toEqual({ year: 2027, week: 1 });
    expect(isoWeek('2025-12-29')).toEqual({ year: 2026, week: 1 });
    expect(periodLabel('weekly', '2025-12-29')).toBe('2026-W01');
  });

  it('cuts months and quarters on the calendar, leap years included', () => {
    expect(periodStart('monthly', '2028-02-29')).toBe('2028-02-01');
    expect(periodEnd('monthly', '2028-02-01')).toBe('2028-02-29');
    expect(periodStart('quarterly', '2026-06-30')).toBe('2026-04-01');
    expect(periodEnd('quarterly', '2026-07-01')).toBe('2026-09-30');
    expect(previousPeriodStart('quarterly', '2026-01-01')).toBe('2025-10-01');
    expect(nextPeriodStart('monthly', '2026-12-01')).toBe('2027-01-01');
  });

  it('steps a month from any day to the first of the next or previous month', () => {
    expect(nextPeriodStart('monthly', '2026-01-31')).toBe('2026-02-01');
    expect(previousPeriodStart('monthly', '2026-03-31')).toBe('2026-02-01');
  });

  it('labels each kind of period', () => {
    expect(periodLabel('daily', '2026-11-28')).toBe('2026-11-28');
    expect(periodLabel('monthly', '2026-11-01')).toBe('2026-11');
    expect(periodLabel('quarterly', '2026-07-01')).toBe('2026-Q3');
    expect(periodLabel('quarterly', '2027-01-01')).toBe('2027-Q1');
  });
});
