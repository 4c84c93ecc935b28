import { createTestApp, type TestApp } from '../test-support/test-app';

const ROUNDS = 12;
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
};

describe('login timing: no user enumeration', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Many failures on purpose: throttling would answer them early.
    t = await createTestApp({ LOGIN_THROTTLE_USER_LIMIT: '1000', LOGIN_THROTTLE_IP_LIMIT: '1000' });
    await t.loginAs('viewer', 'existing.user');
  });
  afterAll(async () => {
    await t?.close();
  });

  const timedLogin = async (username: string, password: string): Promise<number> => {
    const started = performance.now();
    await t.http.post('/api/v1/auth/login').send({ username, password }).expect(401);
    return performance.now() - started;
  };

  it('takes as long for an unknown username as for a wrong password', async () => {
    await timedLogin('warm.up', 'wrong-password');
    const unknown: number[] = [];
    const wrong: number[] = [];
    // Interleaved, so that a burst of load elsewhere on the machine falls on both.
    for (let round = 0; round < ROUNDS; round++) {
      unknown.push(await timedLogin(`nobody.${round}`, `guess-${round}`));
      wrong.push(await timedLogin('existing.user', `guess-${round}`));
    }
    const ratio = median(unknown) / median(wrong);
    expect(ratio, `median unknown ${median(unknown).toFixed(1)} ms / wrong password ${median(wrong).toFixed(1)} ms`).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
