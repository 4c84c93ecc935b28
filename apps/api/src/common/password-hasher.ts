import bcrypt from 'bcrypt';
import { availableParallelism } from 'node:os';
import pLimit from 'p-limit';

export const BCRYPT_ROUNDS = 10;

/**
 * Native bcrypt hashes on libuv's thread pool, off the event loop. At most half the cores hash at once: a login flood
 * queues here instead of taking every core from the requests of the other users (and from PostgreSQL).
 */
export const HASH_CONCURRENCY = Math.max(1, Math.floor(availableParallelism() / 2));
const limit = pLimit(HASH_CONCURRENCY);

/** Hashes running and waiting. */
export const hashingLoad = (): { active: number; queued: number } => ({ active: limit.activeCount, queued: limit.pendingCount });

/**
 * A bcrypt hash of the same cost as every stored one, of a password nobody knows: an unknown username is checked
 * against it so that it costs as long as a wrong password (no user enumeration by timing).
 */
export const DUMMY_HASH = '$2b$10$dtEEUhLCxNh.nglAj9GSM.SrXaBm8Kd1lSxLdYauaj4PI4Y6sK9ca';

export const hashPassword = (password: string): Promise<string> => limit(() => bcrypt.hash(password, BCRYPT_ROUNDS));

/** Verifies $2a$/$2b$ hashes of any cost; `null` (no such user) is checked against DUMMY_HASH and is always false. */
export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  const matches = await limit(() => bcrypt.compare(password, hash ?? DUMMY_HASH));
  return hash !== null && matches;
}
