import type { CollectorListResponse, InstanceResponse, SessionDetailResponse } from '@capacity/contracts';
import { CollectionService } from '../collection/collection.service';
import { CollectorsService } from '../collectors/collectors.service';
import { createTestApp, type TestApp } from '../test-support/test-app';

/** Zones on instances (API, list filter), the zone and attempts on collection records, GET /collectors. */
describe('instance zones and collectors', () => {
  let t: TestApp;
  let viewer: { id: number; token: string };
  const bearer = { type: 'bearer' as const };

  beforeAll(async () => {
    t = await createTestApp({ COLLECTOR_ZONES: 'default,dc-east' });
    viewer = await t.loginAs('viewer');
  });
  afterAll(async () => t?.close());

  const create = (body: Record<string, unknown>) =>
    t.http.post('/api/v1/instances').auth(t.adminToken, bearer).send({ db_type: 'postgresql', host: '127.0.0.1', port: 1, username: 'postgres', ...body });

  it('stores the zone given, defaults it, changes it, and refuses a zone that is not a zone name', async () => {
    const plain = (await create({ name: 'zone-plain' }).expect(201)).body as InstanceResponse;
    expect(plain.zone).toBe('default');
    const east = (await create({ name: 'zone-east', zone: 'dc-east' }).expect(201)).body as InstanceResponse;
    expect(east.zone).toBe('dc-east');
    const moved = await t.http.patch(`/api/v1/instances/${plain.id}`).auth(t.adminToken, bearer).send({ zone: 'dc_west-2' }).expect(200);
    expect(moved.body.zone).toBe('dc_west-2');
    for (const zone of ['DC East', '-east', 'a'.repeat(64), '', null]) {
      const refused = await create({ name: `zone-bad-${String(zone).length}`, zone }).expect(400);
      expect(refused.body.fields).toEqual(['zone']);
    }
  });

  it('filters the list by zone over more than one page', async () => {
    await t.dataSource.query(
      `INSERT INTO instances (name, db_type, host, port, username, zone)
       SELECT 'north-' || g, 'postgresql', '127.0.0.1', 1, 'postgres', 'dc-north' FROM generate_series(1, 120) g`,
    );
    const first = await t.http.get('/api/v1/instances').query({ zone: 'dc-north', per_page: 50 }).auth(t.adminToken, bearer).expect(200);
    expect(first.body.pagination).toMatchObject({ total: 120 });
    expect((first.body.data as InstanceResponse[]).every((i) => i.zone === 'dc-north')).toBe(true);
    const last = await t.http.get('/api/v1/instances').query({ zone: 'dc-north', per_page: 50, page: 3 }).auth(t.adminToken, bearer).expect(200);
    expect(last.body.data).toHaveLength(20);
    const csv = await t.http.get('/api/v1/instances').query({ zone: 'dc-north', format: 'csv' }).auth(t.adminToken, bearer).expect(200);
    expect(csv.text.trim().split('\n')).toHaveLength(121);
    await t.http.get('/api/v1/instances').query({ zone: 'Not A Zone' }).auth(t.adminToken, bearer).expect(400);
  });

  it('records the zone, the attempts and the collector of each record of a run', async () => {
    const east = (await create({ name: 'zone-run-east', zone: 'dc-east', is_active: false }).expect(201)).body as InstanceResponse;
    const summary = await t.app.get(CollectionService).runNow('manual', east.id);
    const session = (await t.http.get(`/api/v1/sessions/${summary.sessionId}`).auth(t.adminToken, bearer).expect(200)).body as SessionDetailResponse;
    expect(session.status).toBe('failed'); // port 1: refused
    expect(session.records).toEqual([
      expect.objectContaining({ instance_id: east.id, zone: 'dc-east', attempts: 1, collector_id: t.app.get(CollectorsService).id, status: 'failed' }),
    ]);
    expect(session.summary).toMatchObject({ collectors: 1, retried: 0, failures: { refused: 1 } });
  });

  it('lists the live collectors to an admin only', async () => {
    await t.app.get(CollectorsService).heartbeat();
    const list = (await t.http.get('/api/v1/collectors').auth(t.adminToken, bearer).expect(200)).body as CollectorListResponse;
    expect(list.data).toEqual([
      expect.objectContaining({ id: t.app.get(CollectorsService).id, pid: process.pid, role: 'all', zones: ['default', 'dc-east'], concurrency: 8 }),
    ]);
    await t.http.get('/api/v1/collectors').auth(viewer.token, bearer).expect(403);
    await t.http.get('/api/v1/collectors').expect(401);
  });
});
