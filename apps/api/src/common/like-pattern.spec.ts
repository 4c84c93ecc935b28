import { containsPattern } from './like-pattern';

describe('containsPattern', () => {
  it('wraps the text in % for a substring match', () => {
    expect(containsPattern('orders')).toBe('%orders%');
  });

  it('escapes the LIKE wildcards and the escape character so they match literally', () => {
    expect(containsPattern('50%_off\\x')).toBe('%50\\%\\_off\\\\x%');
  });
});
