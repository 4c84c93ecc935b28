import { registerDecorator, type ValidationOptions } from 'class-validator';

/** bcrypt reads at most this many bytes of a password and silently ignores the rest. */
export const BCRYPT_MAX_BYTES = 72;

const encoder = new TextEncoder();

export const utf8Length = (value: string): number => encoder.encode(value).length;

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
