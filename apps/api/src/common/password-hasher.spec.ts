import bcrypt from 'bcrypt';
import bcryptjs from 'bcryptjs';
import { BCRYPT_ROUNDS, DUMMY_HASH, HASH_CONCURRENCY, hashingLoad, hashPassword, verifyPassword } from './password-hasher';

describe('password hasher', () => {
  it('verifies the $2a$ and $2b$ cost-10 hashes written by bcryptjs before the switch to native bcrypt', async () => {
    const stored2b = bcryptjs.hashSync('an-existing-password', 10);
    // bcryptjs 2 wrote $2a$: the same digest under the older prefix (they differ only past 255 bytes).
    const stored2a = bcryptjs.hashSync('an-existing-password', 10).replace(/^\$2b\$/, '$2a$');
    expect(stored2b.startsWith('$2b$10$')).toBe(true);
    expect(stored2a.startsWith('$2a$10$')).toBe(true);
    for (const stored of [stored2b, stored2a]) {
      expect(await verifyPassword('an-existing-password', stored)).toBe(true);
      expect(await verifyPassword('another-password', stored)).toBe(false);
    }
  });

  it('writes cost-10 $2b$ hashes that bcryptjs reads too', async () => {
    const hash = await hashPassword('a-new-password');
    expect(hash.startsWith(`$2b$${BCRYPT_ROUNDS}$`)).toBe(true);
    expect(bcryptjs.compareSync('a-new-password', hash)).toBe(true);
  });

  it('checks a missing user against a real hash of the same cost, and never lets it in', async () => {
    expect(bcrypt.getRounds(DUMMY_HASH)).toBe(BCRYPT_ROUNDS);
    expect(await verifyPassword('anything', null)).toBe(false);
  });

  it('keeps the event loop free while hashing', async () => {
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    await Promise.all(Array.from({ length: 4 }, (_, index) => hashPassword(`password-${index}`)));
    const elapsed = performance.now() - started;
    clearInterval(ticker);
    // Four hashes on the main thread would block it for the whole run in one go.
    expect(longestGap).toBeLessThan(elapsed / 2);
  });

  it(`runs at most ${HASH_CONCURRENCY} hash(es) at once and queues the rest`, async () => {
    const pending = Array.from({ length: HASH_CONCURRENCY + 3 }, () => verifyPassword('guess', DUMMY_HASH));
    await Promise.resolve();
    expect(hashingLoad()).toEqual({ active: HASH_CONCURRENCY, queued: 3 });
    await Promise.all(pending);
    expect(hashingLoad()).toEqual({ active: 0, queued: 0 });
  });
});
