import { currentMonth, formatYearMonth, missingMonths, monthsAhead, monthsToRescue, parseYearMonth } from './partition-plan';

const month = (value: string) => parseYearMonth(value)!;

describe('partition plan', () => {
  it('parses and formats YYYY-MM months', () => {
    expect(parseYearMonth('2027-01')?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(parseYearMonth('2027-13')).toBeNull();
    expect(parseYearMonth('2027-1')).toBeNull();
    expect(formatYearMonth(new Date(Date.UTC(2026, 8, 1)))).toBe('2026-09');
  });

  it('takes the current month on the configured calendar, not UTC', () => {
    const lateOnDecember31Utc = new Date('2026-12-31T20:00:00Z');
    expect(formatYearMonth(currentMonth(lateOnDecember31Utc, 'UTC'))).toBe('2026-12');
    expect(formatYearMonth(currentMonth(lateOnDecember31Utc, 'Asia/Shanghai'))).toBe('2027-01');
    expect(formatYearMonth(currentMonth(new Date('2027-01-01T03:00:00Z'), 'America/New_York'))).toBe('2026-12');
  });

  it('plans the current month and the premake months after it, across a year end', () => {
    expect(monthsAhead(month('2026-11'), 3).map(formatYearMonth)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsAhead(month('2026-11'), 0).map(formatYearMonth)).toEqual(['2026-11']);
    expect(() => monthsAhead(month('2026-11'), -1)).toThrow(RangeError);
  });

  it('lists only the months that have no partition', () => {
    const wanted = monthsAhead(month('2026-11'), 3);
    expect(missingMonths(wanted, [month('2026-11'), month('2027-01')]).map(formatYearMonth)).toEqual(['2026-12', '2027-02']);
    expect(missingMonths(wanted, wanted)).toEqual([]);
  });

  it('rescues default rows up to the end of the premake window, past months included', () => {
    const inDefault = [month('2027-06'), month('2025-03'), month('2027-02'), month('2027-03')];
    expect(monthsToRescue(inDefault, month('2026-11'), 3).map(formatYearMonth)).toEqual(['2025-03', '2027-02']);
  });
});
