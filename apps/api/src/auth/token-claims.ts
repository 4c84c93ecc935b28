/** What the guard needs from a verified JWT payload. */
export interface TokenClaims {
  /** The user's id. */
  sub: number;
  /** The user's token_version when the token was issued. */
  ver: number;
  /** The token's id, the key of its revocation. */
  jti: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export type ClaimsCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isId = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0 && (value as number) <= 2_147_483_647;
const isVersion = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 2_147_483_647;

/**
 * The claims of a payload whose signature is already verified. jsonwebtoken checks `exp` only when present, so a
 * token without one would never expire: it is refused here, as is one from before revocation (no `ver` or `jti`).
 */
export function readClaims(payload: unknown): ClaimsCheck {
  const { sub, ver, jti, exp } = (payload ?? {}) as Partial<Record<keyof TokenClaims, unknown>>;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return { ok: false, reason: 'the token has no expiry' };
  if (!isId(sub) || !isVersion(ver) || typeof jti !== 'string' || !UUID.test(jti)) return { ok: false, reason: 'the token is invalid or expired' };
  return { ok: true, claims: { sub, ver, jti, exp } };
}
