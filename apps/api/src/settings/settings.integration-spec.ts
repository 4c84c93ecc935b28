import { createTestApp, type TestApp } from '../test-support/test-app';

describe('GET /api/v1/settings', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ APP_TIMEZONE: 'Asia/Shanghai' });
  });

  afterAll(() => t?.close());

  it('answers any logged-in user the time zone of APP_TIMEZONE and today on its calendar', async () => {
    const viewer = await t.loginAs('viewer');
    const before = new Date();
    const response = await t.http.get('/api/v1/settings').set({ Authorization: `Bearer ${viewer.token}` }).expect(200);
    const after = new Date();
    expect(response.body.time_zone).toBe('Asia/Shanghai');
    const shanghaiDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
    expect([shanghaiDay(before), shanghaiDay(after)]).toContain(response.body.today);
    const served = Date.parse(response.body.server_time);
    expect(served).toBeGreaterThanOrEqual(before.getTime() - 1);
    expect(served).toBeLessThanOrEqual(after.getTime() + 1);
  });

  it('answers 401 without a token', async () => {
    await t.http.get('/api/v1/settings').expect(401);
  });
});
