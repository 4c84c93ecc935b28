import { isoWeek, nextPeriodStart, periodEnd, periodLabel, periodRangeForDates, periodRangesFor, periodStart, previousPeriodStart } from './period';

describe('period boundaries', () => {
  it('puts 2026-12-28 … 2027-01-03 in one ISO week starting on Monday 2026-12-28', () => {
    for (const day of ['2026-12-28', '2026-12-31', '2027-01-01', '2027-01-03']) {
      expect(periodStart('weekly', day)).toBe('2026-12-28');
    }
    expect(periodEnd('weekly', '2026-12-28')).toBe('2027-01-03');
    expect(periodStart('weekly', '2027-01-04')).toBe('2027-01-04');
    expect(periodLabel('weekly', '2026-12-28')).toBe('2026-W53');
  });

  it('starts a week on Monday when the date is a Sunday', () => {
    expect(periodStart('weekly', '2026-11-29')).toBe('2026-11-23');
  });

  it('numbers ISO weeks by the week-year of their Thursday', () => {
    expect(isoWeek('2027-01-04')).toEqual({ year: 2027, week: 1 });
    expect(isoWeek('2025-12-29')).toEqual({ year: 2026, week: 1 });
    expect(isoWeek('2026-11-28')).toEqual({ year: 2026, week: 48 });
  });

  it('ends February 2028 on the leap day', () => {
    expect(periodStart('monthly', '2028-02-29')).toBe('2028-02-01');
    expect(periodEnd('monthly', '2028-02-01')).toBe('2028-02-29');
    expect(periodEnd('monthly', '2027-02-01')).toBe('2027-02-28');
    expect(nextPeriodStart('daily', '2028-02-28')).toBe('2028-02-29');
  });

  it('cuts quarters at January, April, July and October', () => {
    expect(periodStart('quarterly', '2026-03-31')).toBe('2026-01-01');
    expect(periodStart('quarterly', '2026-04-01')).toBe('2026-04-01');
    expect(periodEnd('quarterly', '2026-01-01')).toBe('2026-03-31');
    expect(periodEnd('quarterly', '2026-10-01')).toBe('2026-12-31');
    expect(nextPeriodStart('quarterly', '2026-10-01')).toBe('2027-01-01');
    expect(previousPeriodStart('quarterly', '2027-01-01')).toBe('2026-10-01');
    expect(periodLabel('quarterly', '2026-10-01')).toBe('2026-Q4');
  });

  it('steps months across a year end', () => {
    expect(previousPeriodStart('monthly', '2027-01-01')).toBe('2026-12-01');
    expect(nextPeriodStart('monthly', '2026-12-01')).toBe('2027-01-01');
    expect(periodLabel('monthly', '2026-12-01')).toBe('2026-12');
  });

  it('recomputes each touched period and the one after it, merged into runs', () => {
    expect(periodRangesFor('daily', ['2026-11-27', '2026-11-28', '2026-06-01'])).toEqual([
      { firstStart: '2026-06-01', lastStart: '2026-06-02' },
      { firstStart: '2026-11-27', lastStart: '2026-11-29' },
    ]);
    expect(periodRangesFor('monthly', ['2026-11-28', '2026-11-03'])).toEqual([{ firstStart: '2026-11-01', lastStart: '2026-12-01' }]);
    expect(periodRangesFor('weekly', [])).toEqual([]);
  });

  it('covers a date range with the periods touching it and the next one', () => {
    expect(periodRangeForDates('weekly', '2026-12-30', '2027-01-05')).toEqual({ firstStart: '2026-12-28', lastStart: '2027-01-11' });
  });
});
