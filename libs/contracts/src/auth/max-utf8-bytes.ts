import { registerDecorator, type ValidationOptions } from 'class-validator';
import { utf8Length } from './auth-limits';

/**
 * A string of at most `max` bytes in UTF-8 ("<field> must be at most <max> bytes"). class-validator's IsByteLength
 * goes through encodeURI, which throws on a lone surrogate; TextEncoder does not.
 */
export function MaxUtf8Bytes(max: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'maxUtf8Bytes',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [max],
      options: { message: `${String(propertyName)} must be at most ${max} bytes`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && utf8Length(value) <= max },
    });
}
