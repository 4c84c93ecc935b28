import { describe, expect, it } from 'vitest';
import { required, RequiredValueMissingError } from './required';

describe('required', () => {
  it('returns a present value unchanged, falsy ones included', () => {
    expect(required(0, 'count')).toBe(0);
    expect(required('', 'name')).toBe('');
    expect(required(false, 'flag')).toBe(false);
  });

  it('throws an error naming what is missing for null and undefined', () => {
    expect(() => required(null, 'the session row')).toThrow(new RequiredValueMissingError('the session row'));
    expect(() => required(undefined, 'instance 7')).toThrow('instance 7 is missing');
  });
});
