import { bytesToMb, toNumberOrNull } from './units';

describe('bytesToMb', () => {
  it('rounds to two decimals', () => {
    expect(bytesToMb(1024 * 1024)).toBe(1);
    expect(bytesToMb(1_500_000)).toBe(1.43);
    expect(bytesToMb('8192')).toBe(0.01);
  });
  it('keeps null as null', () => {
    expect(bytesToMb(null)).toBeNull();
    expect(toNumberOrNull(undefined)).toBeNull();
  });
});
