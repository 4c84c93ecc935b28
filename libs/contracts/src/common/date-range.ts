import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { isCalendarDate } from '../calendar/calendar-date';
import { MAX_DATE, MIN_DATE } from './constants';

export { ISO_DATE, isCalendarDate } from '../calendar/calendar-date';

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
