import { isoWeek, nextPeriodStart, periodEnd, periodLabel, periodStart, previousPeriodStart } from './period';

describe('calendar periods', () => {
  it('starts ISO weeks on Monday, across a year end', () => {
    for (const day of ['2026-12-28', '2026-12-31', '2027-01-01', '2027-01-03']) expect(periodStart('weekly', day)).toBe('2026-12-28');
    expect(periodStart('weekly', '2026-11-29')).toBe('2026-11-23');
    expect(periodEnd('weekly', '2026-12-28')).toBe('2027-01-03');
    expect(nextPeriodStart('weekly', '2026-12-28')).toBe('2027-01-04');
    expect(previousPeriodStart('weekly', '2027-01-04')).toBe('2026-12-28');
    expect(periodStart('weekly', '2027-01-04')).toBe('2027-01-04');
    expect(periodLabel('weekly', '2026-12-28')).toBe('2026-W53');
  });

  it('numbers ISO weeks by the week-year of their Thursday', () => {
    expect(isoWeek('2026-12-28')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2027-01-04')).toEqual({ year: 2027, week: 1 });
    expect(isoWeek('2025-12-29')).toEqual({ year: 2026, week: 1 });
    expect(isoWeek('2026-11-28')).toEqual({ year: 2026, week: 48 });
    expect(periodLabel('weekly', '2025-12-29')).toBe('2026-W01');
  });

  // [function, period type, date, expected]
  it.each([
    [periodStart, 'monthly', '2028-02-29', '2028-02-01'],
    [periodEnd, 'monthly', '2028-02-01', '2028-02-29'],
    [periodEnd, 'monthly', '2027-02-01', '2027-02-28'],
    [nextPeriodStart, 'daily', '2028-02-28', '2028-02-29'],
    [nextPeriodStart, 'monthly', '2026-12-01', '2027-01-01'],
    [previousPeriodStart, 'monthly', '2027-01-01', '2026-12-01'],
    [periodStart, 'quarterly', '2026-03-31', '2026-01-01'],
    [periodStart, 'quarterly', '2026-04-01', '2026-04-01'],
    [periodStart, 'quarterly', '2026-06-30', '2026-04-01'],
    [periodEnd, 'quarterly', '2026-01-01', '2026-03-31'],
    [periodEnd, 'quarterly', '2026-07-01', '2026-09-30'],
    [periodEnd, 'quarterly', '2026-10-01', '2026-12-31'],
    [nextPeriodStart, 'quarterly', '2026-10-01', '2027-01-01'],
    [previousPeriodStart, 'quarterly', '2027-01-01', '2026-10-01'],
    [previousPeriodStart, 'quarterly', '2026-01-01', '2025-10-01'],
  ] as const)('cuts months and quarters on the calendar, leap years included: %o %s %s → %s', (boundary, type, date, expected) => {
    expect(boundary(type, date)).toBe(expected);
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
    expect(periodLabel('quarterly', '2026-10-01')).toBe('2026-Q4');
    expect(periodLabel('monthly', '2026-12-01')).toBe('2026-12');
  });
});
