import { describe, expect, it } from 'vitest';
import { errorMessage } from './error-message';

describe('errorMessage', () => {
  it('reads the message of an Error', () => {
    expect(errorMessage(new TypeError('bad port'))).toBe('bad port');
  });

  it('turns anything else thrown into text', () => {
    expect(errorMessage('refused')).toBe('refused');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});
