import { readClaims } from './token-claims';

const valid = { sub: 7, ver: 2, jti: '6f1c7d0e-3b1a-4c55-9d2e-0a5b8c7e9f10', exp: 1_900_000_000, role: 'viewer' };

describe('readClaims', () => {
  it('reads the claims of a token issued by login', () => {
    expect(readClaims(valid)).toEqual({ ok: true, claims: { sub: 7, ver: 2, jti: valid.jti, exp: 1_900_000_000 } });
  });

  it('refuses a token without exp', () => {
    const { exp: _exp, ...withoutExpiry } = valid;
    expect(readClaims(withoutExpiry)).toEqual({ ok: false, reason: 'the token has no expiry' });
  });

  it.each([
    ['no jti (issued before revocation existed)', { ...valid, jti: undefined }],
    ['no ver', { ...valid, ver: undefined }],
    ['a jti that is not a UUID', { ...valid, jti: "x' OR 1=1" }],
    ['a sub that is not a user id', { ...valid, sub: '7' }],
    ['a sub past the integer column', { ...valid, sub: 2 ** 31 }],
    ['a negative ver', { ...valid, ver: -1 }],
  ])('refuses a token with %s', (_case, payload) => {
    expect(readClaims(payload)).toEqual({ ok: false, reason: 'the token is invalid or expired' });
  });

  it('refuses a payload that is not an object', () => {
    expect(readClaims('a string payload').ok).toBe(false);
    expect(readClaims(null).ok).toBe(false);
  });
});
