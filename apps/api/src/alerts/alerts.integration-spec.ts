import type { AlertDetailResponse, AlertResponse, AlertSummaryResponse } from '@capacity/contracts';
import { parse } from 'csv-parse/sync';
import { createInstance, insertDatabaseStats, insertInstanceStats } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { alerts, createRule, createWebhookChannel, evaluate, GIB } from '../test-support/alert-fixtures';

const INSTANCES = 120;
const VIEWER_OWNS = 5;
const PROD = 20;
const RECOVERED = 10;

describe('alerts API (fleet scale, viewer scoping)', () => {
  let t: TestApp;
  let viewer: { id: number; token: string };
  let ids: number[];
  const get = (path: string, token = t.adminToken) => t.http.get(`/api/v1/alerts${path}`).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.loginAs('viewer');
    ids = [];
    for (let n = 0; n < INSTANCES; n++) {
      ids.push((await createInstance(t.dataSource, { name: `fleet-${String(n).padStart(3, '0')}`, owner_id: n < VIEWER_OWNS ? viewer.id : null })).id);
    }
    await t.dataSource.query(`UPDATE instances SET tags = '{prod}' WHERE id = ANY ($1::int[])`, [ids.slice(0, PROD)]);
    await insertDatabaseStats(t.dataSource, ids.map((instanceId) => ({ instanceId, databaseName: 'app', date: '2026-11-30', sizeBytes: 8 * GIB })));
    await insertInstanceStats(t.dataSource, ids.map((instanceId) => ({ instanceId, date: '2026-11-30', totalSizeBytes: 8 * GIB, databaseCount: 1 })));
    // A disabled channel: what is sent is the evaluation spec's business.
    const channel = await createWebhookChannel(t, 'fleet-hook', 'http://127.0.0.1:9/fleet', false);
    await createRule(t, { name: 'above 5 GiB', type: 'size_above', params: { bytes: 5 * GIB }, channel_ids: [channel] });
    await createRule(t, { name: 'prod above 6 GiB', type: 'size_above', params: { bytes: 6 * GIB }, scope: { type: 'tag', tag: 'prod' }, severity: 'critical', channel_ids: [channel] });
    await evaluate(t);
    // The last ten instances shrink below both thresholds the next day: their events resolve.
    const recovered = ids.slice(-RECOVERED);
    await insertDatabaseStats(t.dataSource, recovered.map((instanceId) => ({ instanceId, databaseName: 'app', date: '2026-12-01', sizeBytes: GIB })));
    await insertInstanceStats(t.dataSource, recovered.map((instanceId) => ({ instanceId, date: '2026-12-01', totalSizeBytes: GIB, databaseCount: 1 })));
    await evaluate(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('pages through more events than a page, firing first, each once', async () => {
    const seen: AlertResponse[] = [];
    let page = 1;
    for (;;) {
      const body = await alerts(t, `?per_page=50&page=${page}`);
      expect(body.pagination).toMatchObject({ per_page: 50, total: INSTANCES + PROD, pages: 3 });
      seen.push(...body.data);
      if (!body.pagination.has_next) break;
      page += 1;
    }
    expect(page).toBe(3);
    expect(new Set(seen.map((alert) => alert.id)).size).toBe(INSTANCES + PROD);
    const states = seen.map((alert) => alert.state);
    expect(states.indexOf('resolved')).toBe(INSTANCES + PROD - RECOVERED);
    expect(states.slice(INSTANCES + PROD - RECOVERED).every((state) => state === 'resolved')).toBe(true);
  });

  it('filters by state, severity, instance and rule', async () => {
    expect((await alerts(t, '?state=resolved&per_page=500')).pagination.total).toBe(RECOVERED);
    expect((await alerts(t, '?state=firing&per_page=1')).pagination).toMatchObject({ total: INSTANCES + PROD - RECOVERED, pages: INSTANCES + PROD - RECOVERED });
    const critical = await alerts(t, '?severity=critical&per_page=500');
    expect(critical.pagination.total).toBe(PROD);
    expect(critical.data.every((alert) => alert.rule.name === 'prod above 6 GiB' && alert.severity === 'critical')).toBe(true);
    const one = await alerts(t, `?instance_id=${ids[0]}`);
    expect(one.data.map((alert) => alert.rule.name).sort()).toEqual(['above 5 GiB', 'prod above 6 GiB']);
    const ruleId = critical.data[0].rule.id;
    expect((await alerts(t, `?rule_id=${ruleId}&state=firing&per_page=500`)).pagination.total).toBe(PROD);
  });

  it('counts the firing events by severity for the header', async () => {
    const summary = (await get('/summary').expect(200)).body as AlertSummaryResponse;
    expect(summary).toEqual({ firing: INSTANCES - RECOVERED + PROD, critical: PROD, warning: INSTANCES - RECOVERED, unacknowledged: INSTANCES - RECOVERED + PROD });
  });

  it('shows a viewer only the events of its own instances: list, summary, detail (404 otherwise)', async () => {
    const own = await alerts(t, '?per_page=500', viewer.token);
    expect(own.pagination.total).toBe(VIEWER_OWNS * 2);
    expect(new Set(own.data.map((alert) => alert.instance.id))).toEqual(new Set(ids.slice(0, VIEWER_OWNS)));
    expect((await alerts(t, `?instance_id=${ids[VIEWER_OWNS]}`, viewer.token)).data).toEqual([]);
    expect((await get('/summary', viewer.token).expect(200)).body).toEqual({ firing: VIEWER_OWNS * 2, critical: VIEWER_OWNS, warning: VIEWER_OWNS, unacknowledged: VIEWER_OWNS * 2 });

    const mine = (await get(`/${own.data[0].id}`, viewer.token).expect(200)).body as AlertDetailResponse;
    expect(mine.history.map((entry) => entry.transition)).toEqual(['fired']);
    const [theirs] = (await alerts(t, `?instance_id=${ids[VIEWER_OWNS]}`)).data;
    await get(`/${theirs.id}`, viewer.token).expect(404);
    await t.http.post(`/api/v1/alerts/${mine.id}/acknowledge`).auth(viewer.token, { type: 'bearer' }).expect(403);
    await t.http.post('/api/v1/alerts/evaluate').auth(viewer.token, { type: 'bearer' }).expect(403);
  });

  it('acknowledges a firing event once (idempotent), refuses a resolved one (409)', async () => {
    const [firing] = (await alerts(t, '?state=firing&per_page=1')).data;
    const acknowledge = (id: number) => t.http.post(`/api/v1/alerts/${id}/acknowledge`).auth(t.adminToken, { type: 'bearer' });
    const first = (await acknowledge(firing.id).expect(200)).body as AlertDetailResponse;
    expect(first).toMatchObject({ acknowledged_by: { username: 'admin' } });
    const again = (await acknowledge(firing.id).expect(200)).body as AlertDetailResponse;
    expect(again.acknowledged_at).toBe(first.acknowledged_at);
    expect(again.history.map((entry) => entry.transition)).toEqual(['fired', 'acknowledged']);
    expect(((await get('/summary').expect(200)).body as AlertSummaryResponse).unacknowledged).toBe(INSTANCES - RECOVERED + PROD - 1);

    const [resolved] = (await alerts(t, '?state=resolved&per_page=1')).data;
    expect(resolved.resolved_at).not.toBeNull();
    await acknowledge(resolved.id).expect(409);
    await acknowledge(999_999).expect(404);
  });

  it('exports every event of the filters as CSV (not one page), in the list order; a viewer only its own', async () => {
    const response = await get('?format=csv&per_page=10').expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="alerts\.csv"/);
    const lines: Record<string, string>[] = parse(response.text, { bom: true, columns: true });
    const listed = (await alerts(t, '?per_page=500')).data;
    expect(lines.map((line) => Number(line.id))).toEqual(listed.map((alert) => alert.id));
    expect(lines[0]).toMatchObject({ rule_name: listed[0].rule.name, instance_name: listed[0].instance.name, state: 'firing', size_bytes: String(8 * GIB) });

    const own = await t.http.get('/api/v1/alerts?state=firing').set('Accept', 'text/csv').auth(viewer.token, { type: 'bearer' }).expect(200);
    const ownLines: Record<string, string>[] = parse(own.text, { bom: true, columns: true });
    expect(new Set(ownLines.map((line) => Number(line.instance_id)))).toEqual(new Set(ids.slice(0, VIEWER_OWNS)));
  });

  it.each([
    ['?format=xml', 'format'],
    ['?state=burning', 'state'],
    ['?severity=fatal', 'severity'],
    ['?instance_id=abc', 'instance_id'],
    ['?rule_id=0', 'rule_id'],
    ['?per_page=501', 'per_page'],
    ['?page=0', 'page'],
    ['?sort=id', 'sort'],
  ])('answers %s with a 400 naming %s', async (query, field) => {
    expect((await get(query).expect(400)).body.fields).toEqual([field]);
  });

  it('answers a bad id with 400, an unknown one with 404, no token with 401', async () => {
    expect((await get('/abc').expect(400)).body.fields).toEqual(['id']);
    await get('/999999').expect(404);
    await t.http.get('/api/v1/alerts').expect(401);
    await t.http.get('/api/v1/alerts/summary').expect(401);
  });
});
