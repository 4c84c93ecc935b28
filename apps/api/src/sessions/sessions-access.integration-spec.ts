import type { Paginated, SessionDetailResponse, SessionResponse } from '@capacity/contracts';
import { required } from '../common/required';
import { createInstance } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { SessionsService } from './sessions.service';

describe('GET /sessions by role', () => {
  let t: TestApp;
  let alice: { id: number; token: string };
  let bob: { id: number; token: string };
  const ids: Record<'fleet' | 'bobOnly' | 'unowned' | 'aggregation' | 'partition' | 'archive', string> = {} as never;
  let instances: Record<'alice' | 'bob' | 'nobody', { id: number; name: string }>;

  const list = async (token: string, query = ''): Promise<Paginated<SessionResponse>> =>
    (await t.http.get(`/api/v1/sessions${query}`).auth(token, { type: 'bearer' }).expect(200)).body as Paginated<SessionResponse>;
  const detail = (token: string, sessionId: string) => t.http.get(`/api/v1/sessions/${sessionId}`).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    t = await createTestApp();
    alice = await t.loginAs('viewer', 'alice');
    bob = await t.loginAs('viewer', 'bob');
    instances = {
      alice: await createInstance(t.dataSource, { name: 'alice-pg', owner_id: alice.id }),
      bob: await createInstance(t.dataSource, { name: 'bob-pg', owner_id: bob.id, host: 'bob-db.internal' }),
      nobody: await createInstance(t.dataSource, { name: 'nobody-pg', host: 'secret-db.internal' }),
    };
    const sessions = t.app.get(SessionsService);
    /** One finished run; `outcomes` per instance: true succeeded, a string failed with that error. */
    const run = async (category: 'capacity' | 'aggregation' | 'partition' | 'archive', outcomes: [{ id: number; name: string } | null, true | string][], summary: Record<string, unknown> | null = null): Promise<string> => {
      const job = ({ capacity: 'collect', aggregation: 'aggregation', partition: 'partition', archive: 'cleanup' } as const)[category];
      const targets = outcomes.map(([instance], index) => ({ instanceId: instance?.id ?? null, name: instance?.name ?? `target-${index}` }));
      const { sessionId, recordIds } = await sessions.start({ category, job, type: 'scheduled', targets });
      for (const [index, [, outcome]] of outcomes.entries()) {
        await sessions.finishRecord(required(recordIds.get(targets[index].name), targets[index].name), outcome === true ? { ok: true, itemsSynced: 2 } : { ok: false, error: outcome });
      }
      await sessions.finish(sessionId, { summary });
      return sessionId;
    };
    ids.fleet = await run(
      'capacity',
      [
        [instances.alice, true],
        [instances.bob, 'connection refused by bob-db.internal:5432'],
        [instances.nobody, 'connection refused by secret-db.internal:5432'],
      ],
      { databases: 40, failures: { refused: 2 } },
    );
    ids.bobOnly = await run('capacity', [[instances.bob, true]]);
    ids.unowned = await run('capacity', [[instances.nobody, 'timeout: secret-db.internal']]);
    ids.aggregation = await run('aggregation', [[null, true]]);
    ids.partition = await run('partition', [[null, true]]);
    ids.archive = await run('archive', [[null, true]]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an admin reads every run with every record', async () => {
    const page = await list(t.adminToken);
    expect(page.pagination.total).toBe(6);
    expect(new Set(page.data.map((s) => s.session_id))).toEqual(new Set(Object.values(ids)));
    const fleet = (await detail(t.adminToken, ids.fleet).expect(200)).body as SessionDetailResponse;
    expect(fleet).toMatchObject({ status: 'partial', total_instances: 3, successful_instances: 1, failed_instances: 2, summary: { databases: 40 } });
    expect(fleet.records.map((r) => r.instance_name)).toEqual(['alice-pg', 'bob-pg', 'nobody-pg']);
    for (const id of [ids.aggregation, ids.partition, ids.archive]) await detail(t.adminToken, id).expect(200);
  });

  it('a viewer lists only the capacity runs that touched its instances, counted over its own records', async () => {
    const page = await list(alice.token);
    expect(page.data.map((s) => s.session_id)).toEqual([ids.fleet]);
    expect(page.pagination).toMatchObject({ total: 1, pages: 1 });
    // Alice's instance succeeded: for her the run completed, 1 of 1, and the fleet-wide summary is not hers.
    expect(page.data[0]).toMatchObject({ sync_category: 'capacity', status: 'completed', total_instances: 1, successful_instances: 1, failed_instances: 0, summary: null });

    const bobs = await list(bob.token);
    expect(bobs.data.map((s) => s.session_id)).toEqual([ids.bobOnly, ids.fleet]);
    expect(bobs.data[1]).toMatchObject({ status: 'failed', total_instances: 1, successful_instances: 0, failed_instances: 1 });
    expect(bobs.pagination.total).toBe(2);
  });

  it('a viewer reads only its own records of a run, and no other instance\'s host or error', async () => {
    const response = await detail(alice.token, ids.fleet).expect(200);
    const session = response.body as SessionDetailResponse;
    expect(session.records.map((r) => [r.instance_id, r.status])).toEqual([[instances.alice.id, 'completed']]);
    expect(response.text).not.toContain('bob');
    expect(response.text).not.toContain('secret-db');

    const bobs = (await detail(bob.token, ids.fleet).expect(200)).body as SessionDetailResponse;
    expect(bobs.records.map((r) => [r.instance_name, r.error_message])).toEqual([['bob-pg', 'connection refused by bob-db.internal:5432']]);
  });

  it('a run that touched none of its instances, and every partition, archive and aggregation run, is a 404 for a viewer', async () => {
    for (const id of [ids.unowned, ids.bobOnly, ids.aggregation, ids.partition, ids.archive]) {
      const response = await detail(alice.token, id).expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, message: `session ${id} not found` });
    }
    // The same answer as an id that does not exist.
    await detail(alice.token, '00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('filters and paginates over what the viewer may see', async () => {
    for (const category of ['partition', 'archive', 'aggregation']) {
      expect(await list(alice.token, `?category=${category}`)).toEqual({ data: [], pagination: expect.objectContaining({ total: 0 }) });
    }
    expect((await list(bob.token, '?category=capacity')).pagination.total).toBe(2);
    // Status as the viewer sees it: the fleet run is "failed" for bob (his only record failed), "partial" for the admin.
    expect((await list(bob.token, '?status=failed')).data.map((s) => s.session_id)).toEqual([ids.fleet]);
    expect((await list(bob.token, '?status=partial')).data).toEqual([]);
    expect((await list(t.adminToken, '?status=partial')).data.map((s) => s.session_id)).toEqual([ids.fleet]);

    const first = await list(bob.token, '?per_page=1&page=1');
    const second = await list(bob.token, '?per_page=1&page=2');
    expect(first.pagination).toMatchObject({ total: 2, pages: 2, has_next: true });
    expect(second.pagination).toMatchObject({ total: 2, pages: 2, has_next: false, has_prev: true });
    expect([...first.data, ...second.data].map((s) => s.session_id)).toEqual([ids.bobOnly, ids.fleet]);
    expect((await list(bob.token, '?per_page=1&page=3')).data).toEqual([]);
  });

  it('a viewer without instances sees no run', async () => {
    const carol = await t.loginAs('viewer', 'carol');
    expect(await list(carol.token)).toEqual({ data: [], pagination: expect.objectContaining({ total: 0 }) });
    await detail(carol.token, ids.fleet).expect(404);
  });
});
