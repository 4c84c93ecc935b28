const DECIMAL_INTEGER = /^-?\d+$/;

/**
 * A query or path string as an integer when it is plain decimal digits (an optional leading minus), else the value
 * unchanged so that `@IsInt()` refuses it: `Number()` would read "0x10", "1e3" and " 1 " as integers.
 */
export function parseDecimalInteger(value: unknown): unknown {
  return typeof value === 'string' && DECIMAL_INTEGER.test(value) ? Number(value) : value;
}
