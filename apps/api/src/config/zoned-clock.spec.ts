import { describe, expect, it } from 'vitest';
import { ZonedClock } from './zoned-clock';

describe('ZonedClock', () => {
  // 2026-03-31T23:30Z is already 1 April in Berlin (UTC+2 in summer time) but still 31 March in New York.
  const instant = new Date('2026-03-31T23:30:00Z');

  it('gives the day an instant falls on in the configured zone', () => {
    expect(new ZonedClock({ timeZone: 'Europe/Berlin' }).today(instant)).toBe('2026-04-01');
    expect(new ZonedClock({ timeZone: 'America/New_York' }).today(instant)).toBe('2026-03-31');
  });

  it('gives the month an instant falls in on the calendar of the configured zone', () => {
    expect(new ZonedClock({ timeZone: 'Europe/Berlin' }).currentMonth(instant)).toBe('2026-04');
    expect(new ZonedClock({ timeZone: 'America/New_York' }).currentMonth(instant)).toBe('2026-03');
  });
});
