import { createTestApp, type TestApp } from '../test-support/test-app';

const SCRAPE_TOKEN = 'scrape-token-123';
const METRICS = '/api/v1/metrics';
const SIZE_GAUGE = '# TYPE capacity_database_size_bytes gauge';

describe('GET /metrics is private by default', () => {
  let t: TestApp;
  let viewer: { token: string };
  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.loginAs('viewer');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 401 without a token, 403 to a viewer and the metrics to an admin', async () => {
    expect((await t.http.get(METRICS).expect(401)).body).toMatchObject({ statusCode: 401 });
    await t.http.get(METRICS).set('Authorization', 'Bearer not-a-token').expect(401);
    expect((await t.http.get(METRICS).auth(viewer.token, { type: 'bearer' }).expect(403)).body).toMatchObject({ statusCode: 403 });
    const response = await t.http.get(METRICS).auth(t.adminToken, { type: 'bearer' }).expect(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.text).toContain(SIZE_GAUGE);
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let t: TestApp;
  let viewer: { token: string };
  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: SCRAPE_TOKEN });
    viewer = await t.loginAs('viewer');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves the scraper with the token and an admin with its own token, nobody else', async () => {
    await t.http.get(METRICS).expect(401);
    await t.http.get(METRICS).set('Authorization', 'Bearer wrong-token-000').expect(401);
    await t.http.get(METRICS).auth(viewer.token, { type: 'bearer' }).expect(403);
    expect((await t.http.get(METRICS).set('Authorization', `Bearer ${SCRAPE_TOKEN}`).expect(200)).text).toContain(SIZE_GAUGE);
    expect((await t.http.get(METRICS).auth(t.adminToken, { type: 'bearer' }).expect(200)).text).toContain(SIZE_GAUGE);
  });

  it('the scrape token opens the metrics only, no other route', async () => {
    await t.http.get('/api/v1/instances').set('Authorization', `Bearer ${SCRAPE_TOKEN}`).expect(401);
  });
});

describe('GET /metrics with METRICS_PUBLIC=true', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ METRICS_PUBLIC: 'true' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers anyone', async () => {
    expect((await t.http.get(METRICS).expect(200)).text).toContain(SIZE_GAUGE);
  });
});
