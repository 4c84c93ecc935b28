import { addMonths, firstDayOf, isYearMonth, monthsBetween, monthStartInstant, yearMonthOf, yearMonthOfInstant } from './year-month';

describe('year-months', () => {
  it('crosses year ends both ways', () => {
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-05', 0)).toBe('2026-05');
    expect(addMonths('2026-11', -23)).toBe('2024-12');
  });

  it('converts between a month, its first day and a day in it', () => {
    expect(firstDayOf('2026-11')).toBe('2026-11-01');
    expect(yearMonthOf('2026-11-28')).toBe('2026-11');
  });

  it('converts to and from the instant the month starts at (UTC)', () => {
    expect(monthStartInstant('2027-01').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(yearMonthOfInstant(new Date('2026-11-28T23:59:00Z'))).toBe('2026-11');
    expect(yearMonthOfInstant(new Date('2026-12-01T00:00:00Z'))).toBe('2026-12');
  });

  it('counts whole months between two months', () => {
    expect(monthsBetween('2026-11', '2027-02')).toBe(3);
    expect(monthsBetween('2026-11', '2026-11')).toBe(0);
    expect(monthsBetween('2027-02', '2026-11')).toBe(-3);
  });

  it('accepts only YYYY-MM months from 1970 to 2999', () => {
    expect(isYearMonth('2026-11')).toBe(true);
    expect(isYearMonth('2026-13')).toBe(false);
    expect(isYearMonth('2026-1')).toBe(false);
    expect(isYearMonth('1969-12')).toBe(false);
    expect(isYearMonth(202611)).toBe(false);
  });
});
