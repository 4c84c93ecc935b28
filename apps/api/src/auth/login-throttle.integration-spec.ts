import type { INestApplication } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { configureApp } from '../configure-app';
import { appTestingModule } from '../test-support/app-testing-module';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../test-support/test-app';
import { LoginThrottle } from './login-throttle';

const login = (t: TestApp, username: string, password: string) => t.http.post('/api/v1/auth/login').send({ username, password });

/** POST /auth/login from a chosen loopback address (every 127.x.x.x reaches the server on Linux). */
function loginFrom(port: number, localAddress: string, username: string, password: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ username, password });
    const call = httpRequest(
      { host: '127.0.0.1', port, localAddress, method: 'POST', path: '/api/v1/auth/login', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}

describe('login throttling per username (LOGIN_THROTTLE_USER_LIMIT=5 failures in 60 s, the default)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 with Retry-After once 5 logins failed, the right password included, in any letter case', async () => {
    await t.loginAs('viewer', 'locked.user');
    for (let attempt = 1; attempt <= 5; attempt++) await login(t, 'locked.user', `wrong-${attempt}`).expect(401);

    const refused = await login(t, 'locked.user', 'wrong-6').expect(429);
    expect(refused.body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/^too many failed logins; try again in \d+ s$/), fields: [] });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    await login(t, 'locked.user', 'locked.user-password').expect(429);
    await login(t, 'LOCKED.User', 'locked.user-password').expect(429);
    // Another user from the same address is not locked out.
    await login(t, 'admin', TEST_ADMIN_PASSWORD).expect(200);
  });

  it('forgets the counters whose window is over and keeps the others', async () => {
    await t.dataSource.query(`INSERT INTO login_attempts (key, points, expire) VALUES ('user:long.gone', 3, $1), ('user:still.counted', 3, $2)`, [
      Date.now() - 1000,
      Date.now() + 60_000,
    ]);
    await t.app.get(LoginThrottle).forgetExpired();
    const rows: { key: string }[] = await t.dataSource.query(`SELECT key FROM login_attempts WHERE key IN ('user:long.gone', 'user:still.counted')`);
    expect(rows.map((row) => row.key)).toEqual(['user:still.counted']);
  });

  it('counts an unknown username like a known one (a lockout tells nothing about who exists)', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) await login(t, 'nobody.here', `guess-${attempt}`).expect(401);
    await login(t, 'nobody.here', 'guess-6').expect(429);
  });

  it('forgets the failures of a username once its password is given right', async () => {
    await t.loginAs('viewer', 'forgetful');
    for (let attempt = 1; attempt <= 4; attempt++) await login(t, 'forgetful', `wrong-${attempt}`).expect(401);
    await login(t, 'forgetful', 'forgetful-password').expect(200);
    for (let attempt = 1; attempt <= 5; attempt++) await login(t, 'forgetful', `wrong-again-${attempt}`).expect(401);
    await login(t, 'forgetful', 'forgetful-password').expect(429);
  });
});

describe('login throttling under concurrent guesses', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_THROTTLE_IP_LIMIT: '1000' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets exactly 5 of 12 concurrent wrong logins through to the password check', async () => {
    await t.loginAs('viewer', 'stormed');
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, index) => login(t, 'stormed', `wrong-${index}`).then((response) => response.status)));
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(7);
  });
});

describe('login throttling per client address (failures only)', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_THROTTLE_IP_LIMIT: '4' });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('does not count successful logins', async () => {
    for (let attempt = 0; attempt < 8; attempt++) expect(await loginFrom(port, '127.0.0.1', 'admin', TEST_ADMIN_PASSWORD)).toBe(200);
  });

  it('locks an address out after 4 failures over any usernames; other addresses keep logging in', async () => {
    for (const username of ['alice', 'bob', 'carol', 'dave']) expect(await loginFrom(port, '127.0.0.2', username, 'guess-1')).toBe(401);
    expect(await loginFrom(port, '127.0.0.2', 'erin', 'guess-1')).toBe(429);
    expect(await loginFrom(port, '127.0.0.2', 'admin', TEST_ADMIN_PASSWORD)).toBe(429);
    expect(await loginFrom(port, '127.0.0.3', 'admin', TEST_ADMIN_PASSWORD)).toBe(200);
  });
});

describe('login throttling window', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_THROTTLE_USER_LIMIT: '2', LOGIN_THROTTLE_WINDOW_S: '3' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets the username in again once the window is over', async () => {
    await login(t, 'admin', 'wrong-1').expect(401);
    await login(t, 'admin', 'wrong-2').expect(401);
    const refused = await login(t, 'admin', TEST_ADMIN_PASSWORD).expect(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
    await login(t, 'admin', TEST_ADMIN_PASSWORD).expect(200);
  });
});

describe('login throttling across replicas', () => {
  let t: TestApp;
  let replica: INestApplication;

  beforeAll(async () => {
    t = await createTestApp();
    // A second API process on the same repository.
    const moduleRef = await appTestingModule(t.config, t.database.url).compile();
    replica = moduleRef.createNestApplication({ logger: ['error'] });
    configureApp(replica, t.config.dataDir);
    await replica.init();
  });
  afterAll(async () => {
    await replica?.close();
    await t?.close();
  });

  it('counts the failures of a username on every replica together (counters live in the repository)', async () => {
    const other = request(replica.getHttpServer());
    for (let attempt = 1; attempt <= 3; attempt++) await login(t, 'admin', `wrong-${attempt}`).expect(401);
    for (let attempt = 4; attempt <= 5; attempt++) await other.post('/api/v1/auth/login').send({ username: 'admin', password: `wrong-${attempt}` }).expect(401);
    await login(t, 'admin', TEST_ADMIN_PASSWORD).expect(429);
    await other.post('/api/v1/auth/login').send({ username: 'admin', password: TEST_ADMIN_PASSWORD }).expect(429);
  });
});
