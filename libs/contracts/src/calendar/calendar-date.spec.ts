import { addDays, addMonthsToDate, daysBetween, daysEnding, isCalendarDate, localCalendarDate, utcCalendarDate } from './calendar-date';

/** Runs `body` with the process in another time zone (Node re-reads TZ when it is assigned). */
function inHostZone(timeZone: string, body: () => void): void {
  const previous = process.env.TZ;
  process.env.TZ = timeZone;
  try {
    body();
  } finally {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  }
}

describe('calendar dates', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-11-28', 4)).toBe('2026-12-02');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-11-28', 0)).toBe('2026-11-28');
  });

  it('does not let a DST change of the host zone move a day', () => {
    // Santiago springs forward at midnight (2026-09-06 00:00 does not exist there); Samoa skipped 2011-12-30.
    for (const zone of ['America/Santiago', 'Pacific/Apia', 'Europe/Berlin']) {
      inHostZone(zone, () => {
        expect(addDays('2026-09-05', 1)).toBe('2026-09-06');
        expect(addDays('2011-12-29', 1)).toBe('2011-12-30');
        expect(addDays('2026-03-29', -1)).toBe('2026-03-28');
        expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
      });
    }
  });

  it('adds months clamped to the end of a shorter month', () => {
    expect(addMonthsToDate('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonthsToDate('2028-03-31', -1)).toBe('2028-02-29');
    expect(addMonthsToDate('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonthsToDate('2026-01-31', -12)).toBe('2025-01-31');
  });

  it('counts whole days between two dates, negative backwards', () => {
    expect(daysBetween('2026-11-28', '2026-12-05')).toBe(7);
    expect(daysBetween('2026-12-05', '2026-11-28')).toBe(-7);
    expect(daysBetween('2027-01-01', '2027-01-01')).toBe(0);
  });

  it('gives the days ending on a date, both ends included', () => {
    expect(daysEnding('2026-11-28', 7)).toEqual({ start: '2026-11-22', end: '2026-11-28' });
    expect(daysEnding('2026-03-01', 1)).toEqual({ start: '2026-03-01', end: '2026-03-01' });
  });

  it('reads the UTC day of an instant, whatever the host zone', () => {
    inHostZone('Asia/Shanghai', () => {
      expect(utcCalendarDate(new Date('2026-11-28T23:30:00Z'))).toBe('2026-11-28');
      expect(utcCalendarDate(new Date('2026-11-28T00:00:00Z'))).toBe('2026-11-28');
    });
  });

  it('reads the local day of an instant in the host zone', () => {
    inHostZone('Asia/Shanghai', () => expect(localCalendarDate(new Date('2026-11-28T16:30:00Z'))).toBe('2026-11-29'));
    inHostZone('America/New_York', () => expect(localCalendarDate(new Date('2026-11-28T03:00:00Z'))).toBe('2026-11-27'));
  });

  it('accepts only real dates inside the supported range', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('0000-01-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate(20261128)).toBe(false);
  });
});
