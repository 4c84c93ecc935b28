import { Transform } from 'class-transformer';
import { parseDecimalInteger } from './integer';

/** For query fields: plain decimal digits become a number, anything else stays as sent for `@IsInt()` to refuse. */
export function ToInteger(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => parseDecimalInteger(value));
}
