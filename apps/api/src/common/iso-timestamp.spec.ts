import { describe, expect, it } from 'vitest';
import { isoOrNull } from './iso-timestamp';

describe('isoOrNull', () => {
  it('writes a date as an ISO 8601 UTC timestamp', () => {
    expect(isoOrNull(new Date(Date.UTC(2026, 4, 31, 22, 15, 0, 5)))).toBe('2026-05-31T22:15:00.005Z');
  });

  it('keeps an absent timestamp null', () => {
    expect(isoOrNull(null)).toBeNull();
  });
});
