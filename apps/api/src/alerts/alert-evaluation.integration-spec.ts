import { freePort } from '../test-support/ports';
import type { AlertDetailResponse, AlertResponse, AlertRuleResponse, Paginated, SessionDetailResponse, SessionResponse } from '@capacity/contracts';
import { JobRunner } from '../jobs/job-runner.service';
import { HttpReceiver } from '../notifications/testing/receivers';
import { createInstance } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { AlertEvaluationService } from './alert-evaluation.service';
import { alerts, createRule, createWebhookChannel, evaluate, GIB, seedSeries, setClock } from '../test-support/alert-fixtures';

const DAY = '2026-11-30';
const T0 = new Date('2026-12-01T08:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

interface WebhookNotice {
  event_id: number;
  transition: 'firing' | 'repeat' | 'resolved';
  rule_name: string;
  database_name: string | null;
  size_bytes: number | null;
  limit_bytes: number | null;
  days_to_full: number | null;
  summary: string;
  instance: { id: number; name: string };
}

describe('alert evaluation (real app, one pass per rule type)', () => {
  let t: TestApp;
  let receiver: HttpReceiver;
  let channel: number;
  const admin = (method: 'get' | 'post' | 'patch', path: string, body?: object) => {
    const request = t.http[method](`/api/v1${path}`).auth(t.adminToken, { type: 'bearer' });
    return body ? request.send(body) : request;
  };
  /** The notices the webhook got for the path, in order. */
  const notices = (path: string): WebhookNotice[] =>
    receiver.to(`/${path}`).flatMap((request) => (JSON.parse(request.rawBody) as { notices: WebhookNotice[] }).notices);
  const ofInstance = async (instanceId: number, query = ''): Promise<AlertResponse[]> => (await alerts(t, `?instance_id=${instanceId}&per_page=500${query}`)).data;
  const detail = async (id: number) => (await admin('get', `/alerts/${id}`).expect(200)).body as AlertDetailResponse;
  const hook = async (name: string) => createWebhookChannel(t, name, `${receiver.baseUrl}/${name}`);

  beforeAll(async () => {
    t = await createTestApp();
    receiver = await HttpReceiver.start(await freePort());
    channel = await hook('default');
    setClock(t, T0);
  });

  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  describe('the default growth rule (≥ 30 % and ≥ 20 GiB within 3 days), hand-computed', () => {
    let original: AlertRuleResponse;
    const cases = {
      // 100 → 130 GiB in 3 days: +30 %, +30 GiB.
      plus30percent: [100 * GIB, 110 * GIB, 120 * GIB, 130 * GIB],
      // 66 → 86 GiB: +30.30 %, +20 GiB exactly.
      plus20GiB: [66 * GIB, 70 * GIB, 80 * GIB, 86 * GIB],
      // 100 → 129 GiB: +29 % (and +29 GiB): no.
      plus29percent: [100 * GIB, 100 * GIB, 100 * GIB, 129 * GIB],
      // 50 → 69 GiB: +38 % but +19 GiB: no.
      plus19GiB: [50 * GIB, 60 * GIB, 65 * GIB, 69 * GIB],
      // The only earlier reading is 4 days old: no baseline within 3 days.
      staleBaseline: [100 * GIB, null, null, null, 130 * GIB],
      // Baseline is the oldest reading at most 3 days old (100 GiB), not the 10 GiB a day before it.
      oldestWithinWindow: [10 * GIB, 100 * GIB, 101 * GIB, null, 130 * GIB],
    };
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      for (const [name, sizes] of Object.entries(cases)) {
        ids[name] = (await createInstance(t.dataSource, { name: `growth-${name}` })).id;
        await seedSeries(t, ids[name], DAY, { sales: sizes });
      }
      [original] = ((await admin('get', '/alert-rules').expect(200)).body as AlertRuleResponse[]).filter((rule) => rule.is_default);
      await admin('patch', `/alert-rules/${original.id}`, { enabled: true, channel_ids: [channel] }).expect(200);
      await evaluate(t);
    });

    afterAll(async () => {
      await admin('patch', `/alert-rules/${original.id}`, { enabled: false }).expect(200);
    });

    it('fires on +30 % / +30 GiB and on +30.3 % / +20 GiB, per database', async () => {
      const [first] = await ofInstance(ids.plus30percent);
      expect(first).toMatchObject({ rule: { id: original.id, type: 'growth' }, database_name: 'sales', state: 'firing', severity: 'warning', size_bytes: 130 * GIB });
      expect(first.summary).toBe('grew 30.00 %, +30.00 GiB from 100.00 GiB on 2026-11-27 to 130.00 GiB on 2026-11-30');
      const [second] = await ofInstance(ids.plus20GiB);
      expect(second.summary).toBe('grew 30.30 %, +20.00 GiB from 66.00 GiB on 2026-11-27 to 86.00 GiB on 2026-11-30');
    });

    it('does not fire on +29 % or on +19 GiB, nor against a baseline older than 3 days', async () => {
      expect(await ofInstance(ids.plus29percent)).toEqual([]);
      expect(await ofInstance(ids.plus19GiB)).toEqual([]);
      expect(await ofInstance(ids.staleBaseline)).toEqual([]);
    });

    it('takes the oldest reading at most 3 days before the latest as the baseline', async () => {
      const [event] = await ofInstance(ids.oldestWithinWindow);
      expect(event.summary).toBe('grew 30.00 %, +30.00 GiB from 100.00 GiB on 2026-11-27 to 130.00 GiB on 2026-11-30');
    });

    it('notified the rule\'s channel once per firing event, with the figures', async () => {
      const told = notices('default').filter((notice) => notice.rule_name === original.name);
      expect(told.map((notice) => notice.instance.id).sort()).toEqual([ids.plus30percent, ids.plus20GiB, ids.oldestWithinWindow].sort());
      expect(told.every((notice) => notice.transition === 'firing' && notice.database_name === 'sales')).toBe(true);
    });
  });

  describe('each rule type fires and resolves', () => {
    it('size_above (bytes): fires at the threshold, resolves when the size falls below it', async () => {
      const { id } = await createInstance(t.dataSource, { name: 'size-above' });
      await seedSeries(t, id, '2026-11-29', { big: [12 * GIB] });
      const rule = await createRule(t, { name: 'above 10 GiB', type: 'size_above', params: { bytes: 10 * GIB }, scope: { type: 'instance', instance_id: id }, channel_ids: [channel] });
      await evaluate(t);
      const [event] = await ofInstance(id);
      expect(event).toMatchObject({ rule: { id: rule.id }, database_name: 'big', state: 'firing', size_bytes: 12 * GIB, size_mb: 12288 });
      expect(event.summary).toBe('size 12.00 GiB on 2026-11-29 is at or above 10.00 GiB');

      await seedSeries(t, id, DAY, { big: [9 * GIB] });
      await evaluate(t);
      const resolved = await detail(event.id);
      expect(resolved).toMatchObject({ state: 'resolved', resolved_at: T0.toISOString() });
      expect(resolved.history.map((entry) => entry.transition)).toEqual(['fired', 'resolved']);
      expect(notices('default').filter((n) => n.event_id === event.id).map((n) => n.transition)).toEqual(['firing', 'resolved']);
    });

    it('size_above (% of the limit) and days_to_full_below: from the forecast to the configured limit', async () => {
      const { id } = await createInstance(t.dataSource, { name: 'forecast' });
      // 20 daily points, +1 GiB a day: 69 GiB on the last day against a 100 GiB limit → 69 %, 31 days to full.
      await seedSeries(t, id, DAY, { main: Array.from({ length: 20 }, (_, day) => (50 + day) * GIB) });
      await admin('patch', `/instances/${id}`, { capacity_limit_bytes: 100 * GIB }).expect(200);
      const scope = { type: 'instance', instance_id: id };
      const of = await createRule(t, { name: 'forecast 60 %', type: 'size_above', level: 'instance', params: { percent: 60 }, scope, channel_ids: [channel] });
      const soon = await createRule(t, { name: 'full within 40 days', type: 'days_to_full_below', level: 'instance', params: { days: 40 }, scope, channel_ids: [channel] });
      await createRule(t, { name: 'full within 30 days', type: 'days_to_full_below', level: 'instance', params: { days: 30 }, scope, channel_ids: [channel] });
      await evaluate(t);
      const events = await ofInstance(id);
      expect(events.map((event) => event.rule.name).sort()).toEqual(['forecast 60 %', 'full within 40 days']);
      const byRule = (ruleId: number) => events.find((event) => event.rule.id === ruleId) as AlertResponse;
      expect(byRule(of.id)).toMatchObject({ database_name: null, size_bytes: 69 * GIB, limit_bytes: 100 * GIB, days_to_full: 31 });
      expect(byRule(of.id).summary).toBe('size 69.00 GiB is 69.00 % of the limit 100.00 GiB (at or above 60 %)');
      expect(byRule(soon.id).summary).toMatch(/^full in 31 days \(about 2026-12-31\), fewer than 40$/);

      // A larger limit: 69 of 200 GiB, 131 days to full: both resolve.
      await admin('patch', `/instances/${id}`, { capacity_limit_bytes: 200 * GIB }).expect(200);
      await evaluate(t);
      expect((await ofInstance(id)).map((event) => event.state)).toEqual(['resolved', 'resolved']);
    });

    it('sudden_change: a drop by half fires (both, down), not a rule watching jumps; resolves the next day', async () => {
      const { id } = await createInstance(t.dataSource, { name: 'sudden' });
      await seedSeries(t, id, '2026-11-29', { shrunk: [10 * GIB, 5 * GIB] });
      const scope = { type: 'instance', instance_id: id };
      const both = await createRule(t, { name: 'sudden 50 %', type: 'sudden_change', params: { percent: 50 }, scope, channel_ids: [channel] });
      const down = await createRule(t, { name: 'drop 50 %', type: 'sudden_change', params: { percent: 50, direction: 'down' }, scope, channel_ids: [channel] });
      await createRule(t, { name: 'jump 50 %', type: 'sudden_change', params: { percent: 50, direction: 'up' }, scope, channel_ids: [channel] });
      await createRule(t, { name: 'sudden 51 %', type: 'sudden_change', params: { percent: 51 }, scope, channel_ids: [channel] });
      await evaluate(t);
      const events = await ofInstance(id);
      expect(events.map((event) => event.rule.id).sort()).toEqual([both.id, down.id].sort());
      expect(events[0].summary).toMatch(/^dropped -50\.00 % day over day: 10\.00 GiB → 5\.00 GiB on 2026-11-29/);

      await seedSeries(t, id, DAY, { shrunk: [5 * GIB] });
      await evaluate(t);
      expect((await ofInstance(id)).every((event) => event.state === 'resolved')).toBe(true);
    });

    it('database_disappeared: a database read the day before is missing from the latest collection; resolves when it is back', async () => {
      const { id } = await createInstance(t.dataSource, { name: 'disappeared' });
      await seedSeries(t, id, DAY, { kept: [GIB, GIB], dropped: [2 * GIB, null] });
      await createRule(t, { name: 'gone', type: 'database_disappeared', params: { days: 3 }, scope: { type: 'instance', instance_id: id }, channel_ids: [channel] });
      await evaluate(t);
      const [event] = await ofInstance(id);
      expect(event).toMatchObject({ database_name: 'dropped', state: 'firing', size_bytes: 2 * GIB });
      expect(event.summary).toBe('database last read on 2026-11-29 (2.00 GiB), missing from the collection of 2026-11-30');

      await seedSeries(t, id, '2026-12-01', { kept: [GIB], dropped: [2 * GIB] });
      await evaluate(t);
      expect(await detail(event.id)).toMatchObject({ state: 'resolved' });
    });

    it('collection_failing: three real failed collections in a row fire (evaluated after each run), a completed one resolves', async () => {
      // Nothing listens on port 1: every collection of the instance fails at once.
      const { id, name } = await createInstance(t.dataSource, { name: 'unreachable', port: 1 });
      await createRule(t, { name: 'failing 3 runs', type: 'collection_failing', params: { runs: 3 }, scope: { type: 'instance', instance_id: id }, channel_ids: [channel] });
      const before = await alertSessions();
      for (let run = 1; run <= 3; run++) {
        await admin('post', '/collections/run', { instance_id: id }).expect(202);
        await t.app.get(JobRunner).idle();
        await t.app.get(AlertEvaluationService).idle();
        const events = await ofInstance(id);
        expect(events.length, `after run ${run}`).toBe(run === 3 ? 1 : 0);
      }
      expect((await alertSessions()).length - before.length).toBe(3);
      const [event] = await ofInstance(id);
      expect(event).toMatchObject({ database_name: null, state: 'firing', instance: { id, name } });
      expect(event.summary).toMatch(/^collection failed 3 runs in a row; last error: /);

      // The instance answers again: a completed record of a capacity session, as a collection writes it.
      await t.dataSource.query(
        `WITH s AS (INSERT INTO sync_sessions (session_id, sync_type, sync_category, job, status, completed_at) VALUES (gen_random_uuid(), 'manual', 'capacity', 'collect', 'completed', now()) RETURNING session_id)
         INSERT INTO sync_instance_records (session_id, instance_id, instance_name, status, started_at, completed_at) SELECT session_id, $1, $2, 'completed', now(), now() FROM s`,
        [id, name],
      );
      await evaluate(t);
      expect(await detail(event.id)).toMatchObject({ state: 'resolved' });
    });
  });

  describe('notices: once, again only after the repeat interval, and on resolve', () => {
    it('a condition that stays true notifies once, again after repeat_interval_minutes, never after an acknowledgement; resolve notifies', async () => {
      const path = 'repeat';
      const repeatChannel = await hook(path);
      const { id } = await createInstance(t.dataSource, { name: 'repeat' });
      await seedSeries(t, id, DAY, { db: [5 * GIB] });
      await createRule(t, {
        name: 'repeat hourly',
        type: 'size_above',
        params: { bytes: GIB },
        scope: { type: 'instance', instance_id: id },
        repeat_interval_minutes: 60,
        severity: 'critical',
        channel_ids: [repeatChannel],
      });
      const transitions = () => notices(path).map((notice) => notice.transition);

      setClock(t, T0);
      await evaluate(t);
      expect(transitions()).toEqual(['firing']);
      setClock(t, minutes(30));
      await evaluate(t);
      expect(transitions()).toEqual(['firing']);
      setClock(t, minutes(59));
      await evaluate(t);
      expect(transitions()).toEqual(['firing']);
      setClock(t, minutes(60));
      await evaluate(t);
      expect(transitions()).toEqual(['firing', 'repeat']);
      setClock(t, minutes(90));
      await evaluate(t);
      expect(transitions()).toEqual(['firing', 'repeat']);

      const [event] = await ofInstance(id);
      expect(event).toMatchObject({ notification_count: 2, last_notified_at: minutes(60).toISOString(), first_fired_at: T0.toISOString(), last_seen_at: minutes(90).toISOString() });
      const acked = (await admin('post', `/alerts/${event.id}/acknowledge`).expect(200)).body as AlertDetailResponse;
      expect(acked).toMatchObject({ acknowledged_by: { username: 'admin' }, acknowledged_at: minutes(90).toISOString() });
      setClock(t, minutes(500));
      await evaluate(t);
      expect(transitions()).toEqual(['firing', 'repeat']);

      await seedSeries(t, id, '2026-12-01', { db: [GIB / 2] });
      setClock(t, minutes(510));
      await evaluate(t);
      expect(transitions()).toEqual(['firing', 'repeat', 'resolved']);
      const [resolvedNotice] = notices(path).slice(-1);
      expect(resolvedNotice).toMatchObject({ event_id: event.id, size_bytes: 5 * GIB });
      setClock(t, minutes(600));
      await evaluate(t);
      expect(transitions()).toEqual(['firing', 'repeat', 'resolved']);

      const history = (await detail(event.id)).history;
      expect(history.map((entry) => [entry.transition, entry.at, entry.channel_count])).toEqual([
        ['fired', T0.toISOString(), 1],
        ['repeat', minutes(60).toISOString(), 1],
        ['acknowledged', minutes(90).toISOString(), 0],
        ['resolved', minutes(510).toISOString(), 1],
      ]);
      expect(history[2].user).toMatchObject({ username: 'admin' });
      setClock(t, T0);
    });

    it('a rule that has no channel any more records its events but tells nobody', async () => {
      const path = 'removed';
      const removable = await hook(path);
      const { id } = await createInstance(t.dataSource, { name: 'no-channel' });
      await seedSeries(t, id, DAY, { db: [5 * GIB] });
      await createRule(t, { name: 'channel removed', type: 'size_above', params: { bytes: GIB }, scope: { type: 'instance', instance_id: id }, channel_ids: [removable] });
      await t.http.delete(`/api/v1/notification-channels/${removable}`).auth(t.adminToken, { type: 'bearer' }).expect(204);
      await evaluate(t);
      const [event] = await ofInstance(id);
      expect(event).toMatchObject({ state: 'firing', notification_count: 0, last_notified_at: null });
      expect(receiver.to(`/${path}`)).toEqual([]);
    });
  });

  it('records each evaluation as an alert session with one record per enabled rule and its counts', async () => {
    await evaluate(t);
    const [latest] = await alertSessions();
    const session = (await admin('get', `/sessions/${latest.session_id}`).expect(200)).body as SessionDetailResponse;
    const rules = ((await admin('get', '/alert-rules').expect(200)).body as AlertRuleResponse[]).filter((rule) => rule.enabled);
    expect(session).toMatchObject({ sync_category: 'alert', status: 'completed', total_instances: rules.length, sync_type: 'manual' });
    const record = session.records.find((r) => r.instance_name.startsWith(`rule ${rules[0].id}: `));
    expect(record).toMatchObject({ status: 'completed', items_synced: rules[0].firing_count, details: { type: rules[0].type, firing: rules[0].firing_count } });
    expect(session.summary).toMatchObject({ rules: rules.length, firing: rules.reduce((sum, rule) => sum + rule.firing_count, 0) });
  });

  it('evaluates after an aggregation run too, and refuses a second evaluation while one runs (409)', async () => {
    const before = (await alertSessions()).length;
    await admin('post', '/aggregations/run', {}).expect(202);
    await t.app.get(JobRunner).idle();
    await t.app.get(AlertEvaluationService).idle();
    expect((await alertSessions()).length).toBe(before + 1);
    expect((await alertSessions())[0].sync_type).toBe('scheduled');

    const first = admin('post', '/alerts/evaluate');
    const second = admin('post', '/alerts/evaluate');
    const statuses = (await Promise.all([first, second])).map((response) => response.status).sort();
    expect(statuses[0]).toBe(202);
    expect([202, 409]).toContain(statuses[1]);
    await t.app.get(AlertEvaluationService).idle();
  });

  async function alertSessions(): Promise<SessionResponse[]> {
    return ((await admin('get', '/sessions?category=alert&per_page=500').expect(200)).body as Paginated<SessionResponse>).data;
  }
});
