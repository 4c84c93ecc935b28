import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { IsCalendarDate, IsNotBefore, isCalendarDate } from './date-range';
import { MAX_DATE, MIN_DATE } from './constants';

class Range {
  @IsCalendarDate()
  start_date!: string;

  @IsCalendarDate() @IsNotBefore('start_date')
  end_date!: string;
}

describe('isCalendarDate', () => {
  it.each(['1900-01-01', '2024-02-29', '2026-12-31', '2999-12-31'])('accepts %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each(['0000-01-01', '1899-12-31', '3000-01-01', '9999-12-31', '2026-02-30', '2025-02-29', '2026-13-01', '2026-1-01', ' 2026-01-01', 20260101, null])(
    'refuses %j',
    (value) => {
      expect(isCalendarDate(value)).toBe(false);
    },
  );

  it('bounds the range at MIN_DATE and MAX_DATE', () => {
    expect([MIN_DATE, MAX_DATE]).toEqual(['1900-01-01', '2999-12-31']);
  });
});

describe('IsCalendarDate / IsNotBefore', () => {
  it('names the field and the accepted range', async () => {
    const [error] = await validate(plainToInstance(Range, { start_date: '0000-01-01', end_date: '2026-01-01' }));
    expect(error.property).toBe('start_date');
    expect(Object.values(error.constraints ?? {})).toEqual(['start_date must be a date as YYYY-MM-DD from 1900-01-01 to 2999-12-31']);
  });

  it('refuses an end before the start', async () => {
    const errors = await validate(plainToInstance(Range, { start_date: '2026-02-01', end_date: '2026-01-31' }));
    expect(errors.map((error) => Object.values(error.constraints ?? {}))).toEqual([['end_date must not be before start_date']]);
  });
});
