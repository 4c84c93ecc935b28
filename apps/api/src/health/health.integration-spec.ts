import { createTestApp, type TestApp } from '../test-support/test-app';

describe('GET /health', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers the bare status publicly: no repository address, no check details', async () => {
    const response = await t.http.get('/api/v1/health').expect(200);
    expect(response.body).toEqual({ status: 'ok' });
    expect(response.headers['cache-control']).toBe('no-cache, no-store, must-revalidate');
  });

  it('adds the checks and the repository kind for an admin token', async () => {
    const response = await t.http.get('/api/v1/health').auth(t.adminToken, { type: 'bearer' }).expect(200);
    expect(response.body).toEqual({
      status: 'ok',
      details: {
        repository_kind: 'embedded',
        checks: {
          status: 'ok',
          info: { repository: { status: 'up', responseTime: expect.any(Number) } },
          error: {},
          details: { repository: { status: 'up', responseTime: expect.any(Number) } },
        },
      },
    });
  });

  it('keeps the details from a viewer, a forged token and a logged-out admin token', async () => {
    const viewer = await t.loginAs('viewer');
    expect((await t.http.get('/api/v1/health').auth(viewer.token, { type: 'bearer' }).expect(200)).body).toEqual({ status: 'ok' });

    const [header, payload] = t.adminToken.split('.');
    expect((await t.http.get('/api/v1/health').auth(`${header}.${payload}.forged`, { type: 'bearer' }).expect(200)).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/api/v1/health').set('Authorization', 'Basic YWRtaW46eA==').expect(200)).body).toEqual({ status: 'ok' });

    const admin = await t.loginAs('admin', 'health-admin');
    await t.http.post('/api/v1/auth/logout').auth(admin.token, { type: 'bearer' }).expect(204);
    expect((await t.http.get('/api/v1/health').auth(admin.token, { type: 'bearer' }).expect(200)).body).toEqual({ status: 'ok' });
  });
});
