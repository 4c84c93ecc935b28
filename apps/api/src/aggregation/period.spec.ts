import { periodRangeForDates, periodRangesFor } from './period';

// The period boundaries themselves are specified with the calendar (libs/contracts/src/calendar/period.spec.ts).
describe('periods to recompute', () => {
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
