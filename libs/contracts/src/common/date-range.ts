import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { MAX_DATE, MIN_DATE } from './constants';

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date in YYYY-MM-DD from MIN_DATE to MAX_DATE (2026-02-30 and 0000-01-01 are refused). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || value < MIN_DATE || value > MAX_DATE) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be a date as YYYY-MM-DD from ${MIN_DATE} to ${MAX_DATE}`, ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
}

/** On an end date: must not be before the named start field. */
export function IsNotBefore(startField: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotBefore',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [startField],
      options: { message: `${String(propertyName)} must not be before ${startField}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const start = (args.object as Record<string, unknown>)[startField];
          if (!isCalendarDate(value) || !isCalendarDate(start)) return true;
          return value >= start;
        },
      },
    });
}
