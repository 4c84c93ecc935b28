import type { AlertRuleResponse } from '@capacity/contracts';
import { createInstance } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { createRule, createWebhookChannel, GIB } from '../test-support/alert-fixtures';

describe('alert rules (API)', () => {
  let t: TestApp;
  let viewer: { id: number; token: string };
  let channel: number;
  let instanceId: number;
  const send = (method: 'post' | 'patch' | 'delete' | 'get', path: string, body?: object, token = t.adminToken) => {
    const request = t.http[method](`/api/v1/alert-rules${path}`).auth(token, { type: 'bearer' });
    return body ? request.send(body) : request;
  };

  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.loginAs('viewer');
    // Nothing listens there: these specs never evaluate.
    channel = await createWebhookChannel(t, 'rules-hook', 'http://127.0.0.1:9/hook', false);
    instanceId = (await createInstance(t.dataSource, { name: 'orders-primary' })).id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('has the original system\'s growth rule from the first start, disabled and without a channel', async () => {
    const rules = (await send('get', '').expect(200)).body as AlertRuleResponse[];
    const original = rules.filter((rule) => rule.is_default);
    expect(original).toHaveLength(1);
    expect(original[0]).toMatchObject({
      name: 'Capacity growth (original rule)',
      enabled: false,
      type: 'growth',
      level: 'database',
      params: { percent: 30, bytes: 20 * GIB, days: 3, match: 'all', direction: null, runs: null },
      scope: { type: 'all', tag: null, db_type: null, instance_id: null, database_name: null },
      severity: 'warning',
      repeat_interval_minutes: 1440,
      channel_ids: [],
      firing_count: 0,
    });
  });

  it('refuses to enable a rule without a channel (400 naming channel_ids), and enables it with one', async () => {
    const [original] = ((await send('get', '').expect(200)).body as AlertRuleResponse[]).filter((rule) => rule.is_default);
    const refused = await send('patch', `/${original.id}`, { enabled: true }).expect(400);
    expect(refused.body.fields).toEqual(['channel_ids']);
    const enabled = (await send('patch', `/${original.id}`, { enabled: true, channel_ids: [channel] }).expect(200)).body as AlertRuleResponse;
    expect(enabled).toMatchObject({ enabled: true, channel_ids: [channel], params: { percent: 30, bytes: 20 * GIB, days: 3 } });
    const emptied = await send('patch', `/${original.id}`, { channel_ids: [] }).expect(400);
    expect(emptied.body.fields).toEqual(['channel_ids']);
    await send('patch', `/${original.id}`, { enabled: false, channel_ids: [] }).expect(200);
  });

  it('creates, reads, changes and removes a rule', async () => {
    const created = await createRule(t, {
      name: 'orders 90 % of the disk',
      type: 'size_above',
      level: 'instance',
      params: { percent: 90 },
      scope: { type: 'instance', instance_id: instanceId },
      severity: 'critical',
      repeat_interval_minutes: 60,
      channel_ids: [channel],
    });
    expect(created).toMatchObject({
      enabled: true,
      type: 'size_above',
      level: 'instance',
      params: { percent: 90, bytes: null, days: null },
      scope: { type: 'instance', instance_id: instanceId },
      severity: 'critical',
      repeat_interval_minutes: 60,
      is_default: false,
    });
    expect((await send('get', `/${created.id}`).expect(200)).body).toEqual(created);

    const changed = (await send('patch', `/${created.id}`, { type: 'sudden_change', level: 'database', params: { percent: 50, direction: 'down' }, repeat_interval_minutes: null })
      .expect(200)).body as AlertRuleResponse;
    expect(changed).toMatchObject({ type: 'sudden_change', level: 'database', params: { percent: 50, direction: 'down', bytes: null }, repeat_interval_minutes: null });

    await send('delete', `/${created.id}`).expect(204);
    await send('get', `/${created.id}`).expect(404);
    await send('delete', `/${created.id}`).expect(404);
  });

  it('fills the defaults of a type: match all (growth), direction both (sudden_change), 7 days (database_disappeared), its fixed level', async () => {
    const growth = await createRule(t, { name: 'growth defaults', type: 'growth', enabled: false, params: { bytes: GIB, days: 7 } });
    expect(growth).toMatchObject({ params: { bytes: GIB, days: 7, match: 'all', percent: null }, level: 'database', severity: 'warning', repeat_interval_minutes: 1440 });
    const sudden = await createRule(t, { name: 'sudden defaults', type: 'sudden_change', enabled: false, params: { percent: 40 } });
    expect(sudden.params.direction).toBe('both');
    const gone = await createRule(t, { name: 'gone defaults', type: 'database_disappeared', enabled: false, params: {} });
    expect(gone).toMatchObject({ level: 'database', params: { days: 7 } });
    const failing = await createRule(t, { name: 'failing defaults', type: 'collection_failing', enabled: false, params: { runs: 3 } });
    expect(failing).toMatchObject({ level: 'instance', params: { runs: 3 } });
  });

  it.each([
    ['a growth rule with neither percent nor bytes', { type: 'growth', params: { days: 3 } }, ['params.percent']],
    ['a growth rule without its window', { type: 'growth', params: { percent: 30 } }, ['params.days']],
    ['a growth window past 90 days', { type: 'growth', params: { percent: 30, days: 91 } }, ['params.days']],
    ['match any with one threshold', { type: 'growth', params: { percent: 30, days: 3, match: 'any' } }, ['params.match']],
    ['a size_above rule with both thresholds', { type: 'size_above', params: { bytes: 10, percent: 90 } }, ['params.bytes']],
    ['a size_above rule with none', { type: 'size_above', params: {} }, ['params.bytes']],
    ['a parameter of another type', { type: 'days_to_full_below', params: { days: 30, runs: 3 } }, ['params.runs']],
    ['an unknown parameter', { type: 'days_to_full_below', params: { days: 30, weeks: 2 } }, ['params.weeks']],
    ['a percentage that is not a number', { type: 'sudden_change', params: { percent: '50' } }, ['params.percent']],
    ['a negative percentage', { type: 'sudden_change', params: { percent: -5 } }, ['params.percent']],
    ['bytes that are not an integer', { type: 'size_above', params: { bytes: 1.5 } }, ['params.bytes']],
    ['zero runs', { type: 'collection_failing', params: { runs: 0 } }, ['params.runs']],
    ['no params', { type: 'collection_failing' }, ['params']],
    ['an unknown type', { type: 'size_below', params: {} }, ['type']],
    ['a tag scope without its tag', { type: 'collection_failing', params: { runs: 2 }, scope: { type: 'tag' } }, ['scope.tag']],
    ['a field of another scope', { type: 'collection_failing', params: { runs: 2 }, scope: { type: 'all', tag: 'prod' } }, ['scope.tag']],
    ['a database scope without its database', { type: 'size_above', params: { bytes: 1 }, scope: { type: 'database', instance_id: 1 } }, ['scope.database_name']],
    ['an unknown engine', { type: 'size_above', params: { bytes: 1 }, scope: { type: 'db_type', db_type: 'db2' } }, ['scope.db_type']],
    ['the instance level for collection_failing', { type: 'collection_failing', level: 'database', params: { runs: 2 } }, ['level']],
    ['an unknown severity', { type: 'size_above', params: { bytes: 1 }, severity: 'fatal' }, ['severity']],
    ['a zero repeat interval', { type: 'size_above', params: { bytes: 1 }, repeat_interval_minutes: 0 }, ['repeat_interval_minutes']],
    ['channel ids that are not ids', { type: 'size_above', params: { bytes: 1 }, channel_ids: ['x'] }, ['channel_ids']],
  ])('refuses %s with a 400 naming the field', async (_name, body, fields) => {
    const response = await send('post', '', { name: `bad ${_name}`, enabled: false, ...body }).expect(400);
    expect(response.body.fields).toEqual(fields);
    expect(response.body.message.join(' ')).toContain(fields[0]);
  });

  it('refuses an unknown channel, an unknown instance, a level that does not fit a database scope', async () => {
    const base = { name: 'refs', type: 'size_above', params: { bytes: 1 } };
    expect((await send('post', '', { ...base, channel_ids: [999_999] }).expect(400)).body.fields).toEqual(['channel_ids']);
    const unknownInstance = await send('post', '', { ...base, enabled: false, scope: { type: 'instance', instance_id: 999_999 } }).expect(400);
    expect(unknownInstance.body.fields).toEqual(['scope.instance_id']);
    const level = await send('post', '', { ...base, enabled: false, level: 'instance', scope: { type: 'database', instance_id: instanceId, database_name: 'shop' } }).expect(400);
    expect(level.body.fields).toEqual(['level']);
  });

  it('refuses a name in use (409), an unknown id (404) and a bad id (400)', async () => {
    await createRule(t, { name: 'taken', type: 'size_above', enabled: false, params: { bytes: 1 } });
    const conflict = await send('post', '', { name: 'taken', type: 'size_above', enabled: false, params: { bytes: 2 } }).expect(409);
    expect(conflict.body.fields).toEqual(['name']);
    await send('patch', '/999999', { name: 'x' }).expect(404);
    expect((await send('get', '/abc').expect(400)).body.fields).toEqual(['id']);
  });

  it('is admin only, reads included: a rule may name instances a viewer does not own', async () => {
    await send('get', '', undefined, viewer.token).expect(403);
    await send('get', '/1', undefined, viewer.token).expect(403);
    await send('post', '', { name: 'viewer rule', type: 'size_above', enabled: false, params: { bytes: 1 } }, viewer.token).expect(403);
    await send('patch', '/1', { enabled: false }, viewer.token).expect(403);
    await send('delete', '/1', undefined, viewer.token).expect(403);
    await t.http.get('/api/v1/alert-rules').expect(401);
  });
});
