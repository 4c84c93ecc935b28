import { bearerMatches } from './metrics-token';

describe('bearerMatches', () => {
  it('accepts the exact token', () => {
    expect(bearerMatches('Bearer scrape-secret-1', 'scrape-secret-1')).toBe(true);
  });

  it('accepts any case of the scheme', () => {
    expect(bearerMatches('bearer scrape-secret-1', 'scrape-secret-1')).toBe(true);
  });

  it('refuses another token, a missing header and another scheme', () => {
    expect(bearerMatches('Bearer scrape-secret-2', 'scrape-secret-1')).toBe(false);
    expect(bearerMatches(undefined, 'scrape-secret-1')).toBe(false);
    expect(bearerMatches('Basic scrape-secret-1', 'scrape-secret-1')).toBe(false);
  });
});
