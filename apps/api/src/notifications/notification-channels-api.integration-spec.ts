import type { NotificationChannelResponse } from '@capacity/contracts';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { HttpReceiver, SmtpReceiver } from './testing/receivers';

// Below the system's ephemeral range (32768-60999): no outgoing connection can hold them. Cases built while the
// file is read use SMTP_PORT, so it is a constant.
const HTTP_PORT = 31404;
const SMTP_PORT = 31405;

const SMTP_PASSWORD = 'smtp-pass-never-echoed-1';
const SIGN_SECRET = 'SECsign-never-echoed-2';
const URL_TOKEN = 'url-token-never-echoed-3';

describe('/api/v1/notification-channels', () => {
  let t: TestApp;
  let http: HttpReceiver;
  let smtp: SmtpReceiver;
  let auth: { Authorization: string };

  beforeAll(async () => {
    [http, smtp] = await Promise.all([HttpReceiver.start(HTTP_PORT), SmtpReceiver.start(SMTP_PORT, { user: 'mailer', password: SMTP_PASSWORD })]);
    t = await createTestApp({ NOTIFICATION_RETRY_DELAY_MS: '10', NOTIFICATION_TIMEOUT_MS: '3000' });
    auth = { Authorization: `Bearer ${t.adminToken}` };
    http.answer('/robot', () => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } }));
  });

  afterAll(async () => {
    await t?.close();
    await Promise.all([http?.close(), smtp?.close()]);
  });

  const email = (overrides: Record<string, unknown> = {}) => ({
    host: '127.0.0.1',
    port: SMTP_PORT,
    tls_mode: 'none',
    user: 'mailer',
    password: SMTP_PASSWORD,
    from: 'capacity@example.com',
    to: ['dba@example.com'],
    ...overrides,
  });
  const post = (body: unknown) => t.http.post('/api/v1/notification-channels').set(auth).send(body as object);
  const expectNoSecret = (text: string) => {
    for (const secret of [SMTP_PASSWORD, SIGN_SECRET, URL_TOKEN]) expect(text).not.toContain(secret);
  };

  describe('secrets', () => {
    it('stores the SMTP password, signing secret and tokened URL encrypted, and never answers them', async () => {
      const mail = await post({ name: 'mail', kind: 'email', email: email() }).expect(201);
      const robot = await post({ name: 'robot', kind: 'dingtalk', url: `${http.baseUrl}/robot?access_token=${URL_TOKEN}`, secret: SIGN_SECRET }).expect(201);
      expectNoSecret(mail.text);
      expectNoSecret(robot.text);
      expect(mail.body).toMatchObject({
        name: 'mail',
        kind: 'email',
        mode: 'immediate',
        enabled: true,
        email: { host: '127.0.0.1', port: SMTP_PORT, tls_mode: 'none', user: 'mailer', from: 'capacity@example.com', to: ['dba@example.com'] },
        url_origin: null,
        has_secret: true,
      });
      expect(mail.body.email).not.toHaveProperty('password');
      expect(robot.body).toMatchObject({ kind: 'dingtalk', email: null, url_origin: http.baseUrl, has_secret: true });

      const answers = [
        await t.http.get('/api/v1/notification-channels').set(auth).expect(200),
        await t.http.get(`/api/v1/notification-channels/${mail.body.id}`).set(auth).expect(200),
        await t.http.get(`/api/v1/notification-channels/${robot.body.id}`).set(auth).expect(200),
        await t.http.patch(`/api/v1/notification-channels/${robot.body.id}`).set(auth).send({ mode: 'digest' }).expect(200),
        await t.http.post(`/api/v1/notification-channels/${robot.body.id}/test`).set(auth).expect(200),
        await t.http.get(`/api/v1/notification-channels/${robot.body.id}/deliveries`).set(auth).expect(200),
      ];
      for (const answer of answers) expectNoSecret(answer.text);

      const rows: { secret_encrypted: string; config: unknown }[] = await t.dataSource.query(`SELECT secret_encrypted, config FROM notification_channels ORDER BY id`);
      for (const row of rows) {
        expect(row.secret_encrypted).toMatch(/^v1\./);
        expectNoSecret(row.secret_encrypted + JSON.stringify(row.config));
      }
    });

    it('keeps a secret left out of a PATCH, replaces a given one, and removes it with null', async () => {
      const created = await post({ name: 'patch-me', kind: 'webhook', url: `${http.baseUrl}/patched`, secret: 'first-secret' }).expect(201);
      const id = created.body.id as number;
      const renamed = await t.http.patch(`/api/v1/notification-channels/${id}`).set(auth).send({ name: 'patched', enabled: false }).expect(200);
      expect(renamed.body).toMatchObject({ name: 'patched', enabled: false, has_secret: true });
      const cleared = await t.http.patch(`/api/v1/notification-channels/${id}`).set(auth).send({ secret: null }).expect(200);
      expect(cleared.body.has_secret).toBe(false);
      await t.http.post(`/api/v1/notification-channels/${id}/test`).set(auth).expect(200);
      expect(http.last('/patched').headers['x-capacity-signature']).toBeUndefined();
    });
  });

  describe('test endpoint', () => {
    it('e-mails a test message through the stored SMTP login and answers ok', async () => {
      const created = await post({ name: 'mail-test', kind: 'email', email: email({ to: ['test@example.com'] }) }).expect(201);
      const answer = await t.http.post(`/api/v1/notification-channels/${created.body.id}/test`).set(auth).expect(200);
      expect(answer.body).toMatchObject({ ok: true, attempts: 1, status_code: null, error: null });
      const mail = smtp.last();
      expect(mail.subject).toBe('Capacity: test notification for channel "mail-test"');
      expect(mail.envelopeTo).toEqual(['test@example.com']);
      expect(mail.authUser).toBe('mailer');
    });

    it('answers the failure after the retries, each attempt recorded, newest first', async () => {
      http.answer('/down', () => ({ status: 500, body: { error: 'boom' } }));
      const created = await post({ name: 'down', kind: 'webhook', url: `${http.baseUrl}/down` }).expect(201);
      const answer = await t.http.post(`/api/v1/notification-channels/${created.body.id}/test`).set(auth).expect(200);
      expect(answer.body).toMatchObject({ ok: false, attempts: 3, status_code: 500, error: expect.stringContaining('HTTP 500') });
      const list = await t.http.get(`/api/v1/notification-channels/${created.body.id}/deliveries?per_page=2`).set(auth).expect(200);
      expect(list.body.pagination).toMatchObject({ total: 3, pages: 2, per_page: 2, has_next: true });
      expect(list.body.data.map((row: { attempt: number; purpose: string }) => [row.attempt, row.purpose])).toEqual([
        [3, 'test'],
        [2, 'test'],
      ]);
      const second = await t.http.get(`/api/v1/notification-channels/${created.body.id}/deliveries?per_page=2&page=2`).set(auth).expect(200);
      expect(second.body.data).toMatchObject([{ attempt: 1, ok: false, status_code: 500 }]);
    });

    it('exports every delivery attempt of a channel as CSV (more than the largest page), newest first', async () => {
      const created = await post({ name: 'csv-hook', kind: 'webhook', url: `${http.baseUrl}/csv` }).expect(201);
      const id = created.body.id as number;
      // 600 recorded attempts (the largest page is 500), as many sends would leave them.
      await t.dataSource.query(
        `INSERT INTO notification_deliveries (channel_id, purpose, event_ids, attempt, ok, status_code, error, duration_ms)
         SELECT $1, 'alert', ARRAY[n, n + 1], 1, n % 2 = 0, CASE WHEN n % 2 = 0 THEN 200 ELSE 500 END,
                CASE WHEN n % 2 = 0 THEN NULL ELSE '=answered HTTP 500, "down"' END, n FROM generate_series(1, 600) AS n`,
        [id],
      );
      const csv = await t.http.get(`/api/v1/notification-channels/${id}/deliveries?format=csv`).set(auth).expect(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toContain(`notification-channel-${id}-deliveries.csv`);
      const lines = csv.text.replace(/^\ufeff/, '').trimEnd().split('\r\n');
      expect(lines[0]).toBe('id,channel_id,purpose,event_ids,attempt,ok,status_code,error,duration_ms,attempted_at');
      expect(lines).toHaveLength(601);
      expect(lines[1]).toMatch(new RegExp(`^\\d+,${id},alert,600; 601,1,true,200,,600,\\d{4}-`));
      // A formula-looking error is neutralised, and quoted for its comma and quotes.
      expect(lines[2]).toContain(`,false,500,"'=answered HTTP 500, ""down""",599,`);
      const accepted = await t.http.get(`/api/v1/notification-channels/${id}/deliveries`).set(auth).set('Accept', 'text/csv').expect(200);
      expect(accepted.text).toBe(csv.text);
      const page = await t.http.get(`/api/v1/notification-channels/${id}/deliveries?per_page=500&page=2`).set(auth).expect(200);
      expect(page.body.data).toHaveLength(100);
      expect(page.body.pagination).toMatchObject({ total: 600, pages: 2 });
    });

    it('answers 404 for an unknown channel', async () => {
      await t.http.post('/api/v1/notification-channels/999999/test').set(auth).expect(404);
      await t.http.get('/api/v1/notification-channels/999999/deliveries').set(auth).expect(404);
      await t.http.get('/api/v1/notification-channels/999999/deliveries?format=csv').set(auth).expect(404);
    });
  });

  describe('bad input', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['an unknown kind', { name: 'x', kind: 'sms', url: 'https://example.com' }, 'kind'],
      ['an unknown mode', { name: 'x', kind: 'slack', mode: 'weekly', url: 'https://hooks.slack.com/services/T/B/X' }, 'mode'],
      ['an empty name', { name: ' ', kind: 'slack', url: 'https://hooks.slack.com/services/T/B/X' }, 'name'],
      ['a webhook without url', { name: 'x', kind: 'webhook' }, 'url'],
      ['a non-http url', { name: 'x', kind: 'webhook', url: 'ftp://example.com/hook' }, 'url'],
      ['a javascript: url', { name: 'x', kind: 'wecom', url: 'javascript:alert(1)' }, 'url'],
      ['a DingTalk robot without url', { name: 'x', kind: 'dingtalk', secret: 'SECx' }, 'url'],
      ['a Feishu bot with a bad url', { name: 'x', kind: 'feishu', url: 'not a url', secret: 's' }, 'url'],
      ['a Slack channel with a signing secret', { name: 'x', kind: 'slack', url: 'https://hooks.slack.com/services/T/B/X', secret: 's' }, 'secret'],
      ['an email channel without SMTP settings', { name: 'x', kind: 'email' }, 'email'],
      ['an email channel with a url', { name: 'x', kind: 'email', email: email(), url: 'https://example.com' }, 'url'],
      ['a webhook with SMTP settings', { name: 'x', kind: 'webhook', url: 'https://example.com', email: email() }, 'email'],
      ['an SMTP host missing', { name: 'x', kind: 'email', email: email({ host: undefined }) }, 'email.host'],
      ['an SMTP port out of range', { name: 'x', kind: 'email', email: email({ port: 70000 }) }, 'email.port'],
      ['an unknown TLS mode', { name: 'x', kind: 'email', email: email({ tls_mode: 'ssl' }) }, 'email.tls_mode'],
      ['a bad sender', { name: 'x', kind: 'email', email: email({ from: 'capacity' }) }, 'email.from'],
      ['no recipient', { name: 'x', kind: 'email', email: email({ to: [] }) }, 'email.to'],
      ['a bad recipient', { name: 'x', kind: 'email', email: email({ to: ['dba@example.com', 'nobody'] }) }, 'email.to'],
      ['an unknown SMTP field', { name: 'x', kind: 'email', email: email({ tls: true }) }, 'email.tls'],
    ];

    it.each(cases)('answers 400 naming the field for %s', async (_case, body, field) => {
      const answer = await post(body).expect(400);
      expect(answer.body.fields).toContain(field);
      expect(JSON.stringify(answer.body.message)).toContain(field);
    });

    it('refuses a change of kind, a url on an email channel and a bad PATCH value with 400 naming the field', async () => {
      const created = await post({ name: 'mail-bad-patch', kind: 'email', email: email() }).expect(201);
      const id = created.body.id as number;
      expect((await t.http.patch(`/api/v1/notification-channels/${id}`).set(auth).send({ kind: 'slack' }).expect(400)).body.fields).toEqual(['kind']);
      expect((await t.http.patch(`/api/v1/notification-channels/${id}`).set(auth).send({ url: 'https://x.example' }).expect(400)).body.fields).toEqual(['url']);
      expect((await t.http.patch(`/api/v1/notification-channels/${id}`).set(auth).send({ email: { port: 0 } }).expect(400)).body.fields).toEqual(['email.port']);
      const changed = await t.http.patch(`/api/v1/notification-channels/${id}`).set(auth).send({ email: { to: ['new@example.com'] } }).expect(200);
      expect(changed.body.email).toMatchObject({ host: '127.0.0.1', to: ['new@example.com'] });
      expect(changed.body.has_secret).toBe(true);
    });

    it('answers 409 naming the field for a taken name', async () => {
      await post({ name: 'twin', kind: 'slack', url: 'https://hooks.slack.com/services/T/B/1' }).expect(201);
      const answer = await post({ name: 'twin', kind: 'slack', url: 'https://hooks.slack.com/services/T/B/2' }).expect(409);
      expect(answer.body.fields).toEqual(['name']);
    });
  });

  describe('access', () => {
    it('answers a viewer 403 on every route, and 401 without a token', async () => {
      const viewer = await t.loginAs('viewer');
      const created = (await post({ name: 'admin-only', kind: 'slack', url: 'https://hooks.slack.com/services/T/B/3' }).expect(201)).body as NotificationChannelResponse;
      const as = { Authorization: `Bearer ${viewer.token}` };
      await t.http.get('/api/v1/notification-channels').set(as).expect(403);
      await t.http.get(`/api/v1/notification-channels/${created.id}`).set(as).expect(403);
      await t.http.post('/api/v1/notification-channels').set(as).send({ name: 'v', kind: 'slack', url: 'https://hooks.slack.com/services/T/B/4' }).expect(403);
      await t.http.patch(`/api/v1/notification-channels/${created.id}`).set(as).send({ enabled: false }).expect(403);
      await t.http.post(`/api/v1/notification-channels/${created.id}/test`).set(as).expect(403);
      await t.http.get(`/api/v1/notification-channels/${created.id}/deliveries`).set(as).expect(403);
      await t.http.delete(`/api/v1/notification-channels/${created.id}`).set(as).expect(403);
      await t.http.get('/api/v1/notification-channels').expect(401);
      expect((await t.http.get(`/api/v1/notification-channels/${created.id}`).set(auth).expect(200)).body.enabled).toBe(true);
    });
  });

  describe('list and delete', () => {
    it('pages through more channels than a page, in id order, and deletes one with its deliveries', async () => {
      for (let index = 0; index < 25; index += 1) await post({ name: `bulk-${String(index).padStart(2, '0')}`, kind: 'wecom', url: `${http.baseUrl}/robot?key=k${index}` }).expect(201);
      const first = await t.http.get('/api/v1/notification-channels').set(auth).expect(200);
      const total = first.body.pagination.total as number;
      expect(total).toBeGreaterThan(25);
      expect(first.body.data).toHaveLength(20);
      const pages = first.body.pagination.pages as number;
      const last = await t.http.get(`/api/v1/notification-channels?page=${pages}`).set(auth).expect(200);
      expect(last.body.data).toHaveLength(total - 20 * (pages - 1));
      const ids = [...first.body.data, ...last.body.data].map((row: NotificationChannelResponse) => row.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));

      const doomed = last.body.data.at(-1) as NotificationChannelResponse;
      await t.http.post(`/api/v1/notification-channels/${doomed.id}/test`).set(auth).expect(200);
      await t.http.delete(`/api/v1/notification-channels/${doomed.id}`).set(auth).expect(204);
      await t.http.get(`/api/v1/notification-channels/${doomed.id}`).set(auth).expect(404);
      await t.http.delete(`/api/v1/notification-channels/${doomed.id}`).set(auth).expect(404);
      const [{ count }]: { count: number }[] = await t.dataSource.query(`SELECT count(*)::int AS count FROM notification_deliveries WHERE channel_id = $1`, [doomed.id]);
      expect(count).toBe(0);
      await t.http.get('/api/v1/notification-channels?per_page=0').set(auth).expect(400);
    });
  });
});
