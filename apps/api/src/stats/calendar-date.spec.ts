import { calendarDateIn } from './calendar-date';

describe('calendarDateIn', () => {
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
});
