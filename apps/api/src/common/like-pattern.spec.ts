import { containsIgnoringCase, containsPattern } from './like-pattern';

describe('containsPattern', () => {
  it('wraps the text in % for a substring match', () => {
    expect(containsPattern('orders')).toBe('%orders%');
  });

  it('escapes the LIKE wildcards and the escape character so they match literally', () => {
    expect(containsPattern('50%_off\\x')).toBe('%50\\%\\_off\\\\x%');
  });
});

describe('containsIgnoringCase', () => {
  it.each([
    ['Orders_EU', 'orders', true],
    ['orders', 'DERS', true],
    ['orders', 'order_', false],
    ['50%_off', '%_', true],
    ['shop', 's%p', false],
  ] as const)('%j contains %j: %s', (name, text, expected) => {
    expect(containsIgnoringCase(name, text)).toBe(expected);
  });
});
