import { calendarDateIn, currentMonthIn, todayIn } from './time-zone';

describe('days and months in a time zone', () => {
  it('gives the UTC day for UTC', () => {
    expect(calendarDateIn(new Date('2026-11-28T23:30:00Z'), 'UTC')).toBe('2026-11-28');
  });

  it('moves to the next day east of UTC once local midnight has passed', () => {
    // 16:30 UTC is 00:30 the next day in Shanghai (UTC+8).
    expect(calendarDateIn(new Date('2026-11-28T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11-29');
  });

  it('stays on the previous day west of UTC', () => {
    // 03:00 UTC is 22:00 the day before in New York (UTC-5 in November).
    expect(calendarDateIn(new Date('2026-11-28T03:00:00Z'), 'America/New_York')).toBe('2026-11-27');
  });

  it('takes today and the current month on the configured calendar, not UTC', () => {
    const lateOnDecember31Utc = new Date('2026-12-31T20:00:00Z');
    expect(todayIn('Asia/Shanghai', lateOnDecember31Utc)).toBe('2027-01-01');
    expect(currentMonthIn('UTC', lateOnDecember31Utc)).toBe('2026-12');
    expect(currentMonthIn('Asia/Shanghai', lateOnDecember31Utc)).toBe('2027-01');
    expect(currentMonthIn('America/New_York', new Date('2027-01-01T03:00:00Z'))).toBe('2026-12');
  });

  it('answers for several zones in turn from its cached formatters', () => {
    const instant = new Date('2026-06-30T22:00:00Z');
    expect(['UTC', 'Asia/Tokyo', 'UTC', 'Asia/Tokyo'].map((zone) => todayIn(zone, instant))).toEqual(['2026-06-30', '2026-07-01', '2026-06-30', '2026-07-01']);
  });
});
