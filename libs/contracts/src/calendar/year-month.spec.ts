import { addMonths, firstDayOf, isYearMonth, lastDayOf, monthRange, monthsBetween, yearMonthOf } from './year-month';

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
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
    expect(lastDayOf('2026-12')).toBe('2026-12-31');
  });

  it('bounds a month as the half-open range of its days, across a year end', () => {
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(monthRange('2027-02')).toEqual({ from: '2027-02-01', to: '2027-03-01' });
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
