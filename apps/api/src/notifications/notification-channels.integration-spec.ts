import { freePort } from '../test-support/ports';
import { createHmac } from 'node:crypto';
import type { NotificationChannelResponse, NotificationDeliveryResponse } from '@capacity/contracts';
import { SchedulerRegistry } from '@nestjs/schedule';
import { createTestApp, type TestApp } from '../test-support/test-app';
import type { AlertNotice } from './alert-notice';
import { NotificationDigest } from './notification-digest.service';
import { NotificationDispatcher } from './notification-dispatcher';
import { HttpReceiver, SmtpReceiver, type ReceivedRequest } from './testing/receivers';

// Loopback ports of this spec (55400-55499 are its own).
let SMTP_PORT = 0;
let SMTP_AUTH_PORT = 0;
let HTTP_PORT = 0;
// Free loopback ports, asked of the system (a fixed one can be taken by another connection's ephemeral port).
beforeAll(async () => {
  SMTP_PORT = await freePort();
  SMTP_AUTH_PORT = await freePort();
  HTTP_PORT = await freePort();
});

const SMTP_PASSWORD = 'smtp-pass-Q7x!';
const WEBHOOK_SECRET = 'hmac-secret-9f2c';
const DINGTALK_SECRET = 'SECdingtalk-sign-4411';
const FEISHU_SECRET = 'feishu-sign-secret-77';
const URL_TOKEN = 'tok3n-in-the-url-5521';

const GIB = 1024 ** 3;

function notice(overrides: Partial<AlertNotice> = {}): AlertNotice {
  return {
    eventId: 101,
    transition: 'firing',
    ruleId: 7,
    ruleName: 'Disk almost full',
    ruleType: 'days_to_full',
    severity: 'critical',
    instance: { id: 3, name: 'orders-primary', dbType: 'postgresql', host: 'db1.internal' },
    databaseName: 'sales_ledger',
    sizeBytes: 450 * GIB,
    limitBytes: 500 * GIB,
    daysToFull: 12.5,
    summary: 'sales_ledger will be full in 12.5 days',
    startedAt: '2026-12-03T08:00:00.000Z',
    resolvedAt: null,
    ...overrides,
  };
}

/** The checks a receiver makes, computed here from the vendors' documentation (not with the sender's code). */
const expectedWebhookSignature = (body: string) => `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}`;
// DingTalk: string_to_sign = timestamp + "\n" + secret; HmacSHA256 keyed with the secret; Base64; then urlEncode.
const expectedDingTalkSign = (timestamp: string) => createHmac('sha256', DINGTALK_SECRET).update(`${timestamp}\n${DINGTALK_SECRET}`).digest('base64');
// Feishu: string_to_sign = timestamp + "\n" + secret used as the HMAC-SHA256 key of an empty message; Base64.
const expectedFeishuSign = (timestamp: string) => createHmac('sha256', `${timestamp}\n${FEISHU_SECRET}`).update('').digest('base64');

describe('notification channels', () => {
  let t: TestApp;
  let smtp: SmtpReceiver;
  let smtpAuth: SmtpReceiver;
  let http: HttpReceiver;
  let auth: { Authorization: string };

  beforeAll(async () => {
    [smtp, smtpAuth, http] = await Promise.all([
      SmtpReceiver.start(SMTP_PORT),
      SmtpReceiver.start(SMTP_AUTH_PORT, { user: 'capacity', password: SMTP_PASSWORD }),
      HttpReceiver.start(HTTP_PORT),
    ]);
    t = await createTestApp({
      NOTIFICATION_ATTEMPTS: '3',
      NOTIFICATION_RETRY_DELAY_MS: '20',
      NOTIFICATION_TIMEOUT_MS: '3000',
      ALERT_DIGEST_ENABLED: 'true',
      ALERT_DIGEST_CRON: '30 7 * * *',
      APP_TIMEZONE: 'Asia/Shanghai',
    });
    // The scheduled digest must not fire on its own during the spec: the spec runs it itself.
    void t.app.get(SchedulerRegistry).getCronJob('digest').stop();
    auth = { Authorization: `Bearer ${t.adminToken}` };
    for (const path of ['/dingtalk', '/wecom']) http.answer(path, () => ({ status: 200, body: { errcode: 0, errmsg: 'ok' } }));
    http.answer('/feishu', () => ({ status: 200, body: { code: 0, msg: 'success' } }));
  });

  afterAll(async () => {
    await t?.close();
    await Promise.all([smtp?.close(), smtpAuth?.close(), http?.close()]);
  });

  const create = async (body: Record<string, unknown>): Promise<NotificationChannelResponse> =>
    (await t.http.post('/api/v1/notification-channels').set(auth).send(body).expect(201)).body as NotificationChannelResponse;
  const deliveries = async (id: number): Promise<NotificationDeliveryResponse[]> =>
    (await t.http.get(`/api/v1/notification-channels/${id}/deliveries?per_page=100`).set(auth).expect(200)).body.data as NotificationDeliveryResponse[];
  const url = (path: string) => `${http.baseUrl}${path}?access_token=${URL_TOKEN}`;
  const dispatcher = () => t.app.get(NotificationDispatcher);
  const since = (path: string, count: number): ReceivedRequest[] => http.to(path).slice(count);

  describe('delivery of each kind', () => {
    it('e-mails the notice over SMTP: subject, recipients, and a body naming instance, database, size, limit and days to full', async () => {
      const channel = await create({
        name: 'dba-mail',
        kind: 'email',
        email: { host: '127.0.0.1', port: SMTP_PORT, tls_mode: 'none', from: 'capacity@example.com', to: ['dba@example.com', 'oncall@example.com'] },
      });
      await dispatcher().dispatch([channel.id], [notice()]);

      expect(smtp.mails).toHaveLength(1);
      const [mail] = smtp.mails;
      expect(mail.subject).toBe('Capacity [FIRING] critical · Disk almost full · orders-primary / sales_ledger');
      expect(mail.from?.text).toBe('capacity@example.com');
      expect(mail.envelopeTo.sort()).toEqual(['dba@example.com', 'oncall@example.com']);
      for (const body of [mail.text ?? '', String(mail.html)]) {
        expect(body).toContain('orders-primary');
        expect(body).toContain('sales_ledger');
        expect(body).toContain('450.00 GiB');
        expect(body).toContain('500.00 GiB');
        expect(body).toContain('12.5 days');
      }
      expect(mail.text).toContain('Days to full: 12.5 days');
      expect(mail.html).toContain('<th align="left" style="padding-right:12px">Limit</th><td>500.00 GiB (536870912000 bytes)</td>');
      expect(await deliveries(channel.id)).toMatchObject([{ purpose: 'alert', event_ids: [101], attempt: 1, ok: true, status_code: null, error: null }]);
    });

    it('logs in to SMTP with the stored (encrypted) password', async () => {
      const channel = await create({
        name: 'dba-mail-auth',
        kind: 'email',
        email: { host: '127.0.0.1', port: SMTP_AUTH_PORT, tls_mode: 'none', user: 'capacity', password: SMTP_PASSWORD, from: 'capacity@example.com', to: ['dba@example.com'] },
      });
      expect(channel.has_secret).toBe(true);
      await dispatcher().dispatch([channel.id], [notice({ transition: 'resolved', resolvedAt: '2026-12-03T10:00:00.000Z' })]);
      expect(smtpAuth.mails).toHaveLength(1);
      expect(smtpAuth.mails[0].authUser).toBe('capacity');
      expect(smtpAuth.mails[0].subject).toBe('Capacity [RESOLVED] critical · Disk almost full · orders-primary / sales_ledger');
      expect(smtpAuth.mails[0].text).toContain('Resolved: 2026-12-03T10:00:00.000Z');
    });

    it('refuses to send in the clear when the channel requires STARTTLS and the server does not offer it', async () => {
      const channel = await create({
        name: 'mail-starttls',
        kind: 'email',
        email: { host: '127.0.0.1', port: SMTP_PORT, tls_mode: 'starttls', from: 'capacity@example.com', to: ['tls@example.com'] },
      });
      const answer = await t.http.post(`/api/v1/notification-channels/${channel.id}/test`).set(auth).expect(200);
      expect(answer.body).toMatchObject({ ok: false, attempts: 3, status_code: null, error: expect.stringMatching(/^SMTP: .*STARTTLS/) });
      expect(smtp.mails.flatMap((mail) => mail.envelopeTo)).not.toContain('tls@example.com');
    });

    it('posts the notices as JSON to a generic webhook, signed X-Capacity-Signature: sha256=<HMAC of the body>', async () => {
      const channel = await create({ name: 'hook', kind: 'webhook', url: url('/hook'), secret: WEBHOOK_SECRET });
      const before = http.to('/hook').length;
      await dispatcher().dispatch([channel.id], [notice()]);
      const [request] = since('/hook', before);
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toMatch(/^application\/json/);
      expect(request.query.get('access_token')).toBe(URL_TOKEN);
      expect(request.headers['x-capacity-signature']).toBe(expectedWebhookSignature(request.rawBody));
      expect(JSON.parse(request.rawBody)).toMatchObject({
        source: 'capacity',
        purpose: 'alert',
        notices: [
          {
            event_id: 101,
            transition: 'firing',
            rule_id: 7,
            severity: 'critical',
            instance: { id: 3, name: 'orders-primary', db_type: 'postgresql', host: 'db1.internal' },
            database_name: 'sales_ledger',
            size_bytes: 450 * GIB,
            limit_bytes: 500 * GIB,
            days_to_full: 12.5,
          },
        ],
      });
    });

    it('sends no signature header from a webhook without a secret', async () => {
      const channel = await create({ name: 'hook-unsigned', kind: 'webhook', url: `${http.baseUrl}/hook-unsigned` });
      await dispatcher().dispatch([channel.id], [notice()]);
      const [request] = http.to('/hook-unsigned');
      expect(request.headers['x-capacity-signature']).toBeUndefined();
      expect(JSON.parse(request.rawBody).notices).toHaveLength(1);
    });

    it('posts Slack an incoming-webhook message: text and blocks', async () => {
      const channel = await create({ name: 'slack', kind: 'slack', url: url('/slack') });
      await dispatcher().dispatch([channel.id], [notice()]);
      const [request] = http.to('/slack');
      const body = JSON.parse(request.rawBody) as { text: string; blocks: { type: string; text: { text: string } }[] };
      expect(body.text).toContain('orders-primary');
      expect(body.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
      expect(body.blocks[1].text.text).toContain('*Days to full:* 12.5 days');
    });

    it('signs the DingTalk robot call with timestamp and sign query parameters as DingTalk documents, markdown message', async () => {
      const channel = await create({ name: 'dingtalk', kind: 'dingtalk', url: url('/dingtalk'), secret: DINGTALK_SECRET });
      const sentAfter = Date.now();
      await dispatcher().dispatch([channel.id], [notice()]);
      const [request] = http.to('/dingtalk');
      const timestamp = request.query.get('timestamp') ?? '';
      expect(timestamp).toMatch(/^\d{13}$/);
      expect(Number(timestamp)).toBeGreaterThanOrEqual(sentAfter);
      expect(Number(timestamp)).toBeLessThanOrEqual(Date.now());
      expect(request.query.get('access_token')).toBe(URL_TOKEN);
      // The raw query carries the URL-encoded Base64 (+ / = escaped), which decodes to the documented HMAC.
      expect(request.rawQuery).toContain(`sign=${encodeURIComponent(expectedDingTalkSign(timestamp))}`);
      expect(request.query.get('sign')).toBe(expectedDingTalkSign(timestamp));
      const body = JSON.parse(request.rawBody) as { msgtype: string; markdown: { title: string; text: string } };
      expect(body.msgtype).toBe('markdown');
      expect(body.markdown.text).toContain('- Days to full: 12.5 days');
      expect(body.markdown.text).toContain('sales_ledger');
    });

    it('sends the WeCom group robot a markdown message', async () => {
      const channel = await create({ name: 'wecom', kind: 'wecom', url: `${http.baseUrl}/wecom?key=${URL_TOKEN}` });
      await dispatcher().dispatch([channel.id], [notice()]);
      const [request] = http.to('/wecom');
      expect(request.query.get('key')).toBe(URL_TOKEN);
      const body = JSON.parse(request.rawBody) as { msgtype: string; markdown: { content: string } };
      expect(body.msgtype).toBe('markdown');
      expect(body.markdown.content).toContain('orders-primary');
      expect(body.markdown.content).toContain('- Limit: 500.00 GiB');
    });

    it('sends Feishu an interactive card signed with timestamp and sign in the body as Feishu documents', async () => {
      const channel = await create({ name: 'feishu', kind: 'feishu', url: `${http.baseUrl}/feishu`, secret: FEISHU_SECRET });
      const sentAfter = Math.floor(Date.now() / 1000);
      await dispatcher().dispatch([channel.id], [notice()]);
      const [request] = http.to('/feishu');
      const body = JSON.parse(request.rawBody) as {
        timestamp: string;
        sign: string;
        msg_type: string;
        card: { header: { template: string; title: { content: string } }; elements: { text: { content: string } }[] };
      };
      expect(Number(body.timestamp)).toBeGreaterThanOrEqual(sentAfter);
      expect(Number(body.timestamp)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
      expect(body.sign).toBe(expectedFeishuSign(body.timestamp));
      expect(body.msg_type).toBe('interactive');
      expect(body.card.header).toMatchObject({ template: 'red', title: { content: expect.stringContaining('orders-primary') } });
      expect(body.card.elements[0].text.content).toContain('**Days to full:** 12.5 days');
    });
  });

  describe('many notices at once', () => {
    it('sends one message per channel for a call with many notices: e-mail lists all, chat formats the first 20 and counts the rest', async () => {
      const mail = await create({
        name: 'mail-many',
        kind: 'email',
        email: { host: '127.0.0.1', port: SMTP_PORT, tls_mode: 'none', from: 'capacity@example.com', to: ['many@example.com'] },
      });
      const slack = await create({ name: 'slack-many', kind: 'slack', url: `${http.baseUrl}/slack-many` });
      const feishu = await create({ name: 'feishu-many', kind: 'feishu', url: `${http.baseUrl}/feishu` });
      const feishuBefore = http.to('/feishu').length;
      const notices = Array.from({ length: 25 }, (_, index) => notice({ eventId: 1000 + index, databaseName: `db_${String(index).padStart(2, '0')}` }));
      await dispatcher().dispatch([mail.id, slack.id, feishu.id], notices);

      const mails = smtp.mails.filter((sent) => sent.envelopeTo.includes('many@example.com'));
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe('Capacity: 25 alert notices');
      for (const index of [0, 12, 24]) expect(mails[0].text).toContain(`Database: db_${String(index).padStart(2, '0')}`);

      expect(http.to('/slack-many')).toHaveLength(1);
      const blocks = (JSON.parse(http.last('/slack-many').rawBody) as { blocks: { text: { text: string } }[] }).blocks;
      expect(blocks).toHaveLength(1 + 20 + 1);
      expect(blocks.at(-1)?.text.text).toBe('…and 5 more notices');
      const card = (JSON.parse(since('/feishu', feishuBefore)[0].rawBody) as { card: { elements: { tag: string; text?: { content: string } }[] } }).card;
      expect(card.elements.filter((element) => element.tag === 'div')).toHaveLength(21);
      expect(await deliveries(mail.id)).toMatchObject([{ ok: true, event_ids: notices.map((row) => row.eventId) }]);
    });
  });

  describe('retries and isolation', () => {
    it('retries a channel answering 500 with backoff, records each attempt, and still delivers to the others', async () => {
      http.answer('/broken', () => ({ status: 500, body: { error: 'down' } }));
      const broken = await create({ name: 'broken-hook', kind: 'webhook', url: `${http.baseUrl}/broken` });
      const healthy = await create({ name: 'healthy-hook', kind: 'webhook', url: `${http.baseUrl}/healthy` });
      const mail = await create({
        name: 'mail-beside-broken',
        kind: 'email',
        email: { host: '127.0.0.1', port: SMTP_PORT, tls_mode: 'none', from: 'capacity@example.com', to: ['beside@example.com'] },
      });
      const mailsBefore = smtp.mails.length;

      await expect(dispatcher().dispatch([broken.id, healthy.id, mail.id], [notice({ eventId: 202 })])).resolves.toBeUndefined();

      expect(http.to('/broken')).toHaveLength(3);
      expect(http.to('/healthy')).toHaveLength(1);
      expect(smtp.mails.slice(mailsBefore).map((sent) => sent.envelopeTo)).toEqual([['beside@example.com']]);
      const attempts = await deliveries(broken.id);
      expect(attempts.map((row) => [row.attempt, row.ok, row.status_code, row.event_ids])).toEqual([
        [3, false, 500, [202]],
        [2, false, 500, [202]],
        [1, false, 500, [202]],
      ]);
      expect(attempts[0].error).toContain('HTTP 500');
      expect(await deliveries(healthy.id)).toMatchObject([{ attempt: 1, ok: true, status_code: 200 }]);
      expect(await deliveries(mail.id)).toMatchObject([{ attempt: 1, ok: true }]);
    });

    it('stops retrying once an attempt succeeds, and treats a robot refusal (errcode) as a failure', async () => {
      http.answer('/flaky', (attempt) => (attempt === 1 ? { status: 503 } : { status: 200 }));
      http.answer('/refusing', () => ({ status: 200, body: { errcode: 310000, errmsg: 'sign not match' } }));
      const flaky = await create({ name: 'flaky-hook', kind: 'webhook', url: `${http.baseUrl}/flaky` });
      const refusing = await create({ name: 'refusing-robot', kind: 'dingtalk', url: `${http.baseUrl}/refusing`, secret: 'SECwrong' });
      await dispatcher().dispatch([flaky.id, refusing.id], [notice({ eventId: 303 })]);
      expect((await deliveries(flaky.id)).map((row) => [row.attempt, row.ok, row.status_code])).toEqual([
        [2, true, 200],
        [1, false, 503],
      ]);
      const refused = await deliveries(refusing.id);
      expect(refused).toHaveLength(3);
      expect(refused[0]).toMatchObject({ ok: false, status_code: 200, error: expect.stringContaining('errcode 310000 sign not match') });
    });

    it('records an unreachable receiver as an error without a status, and skips disabled and unknown channels', async () => {
      const gone = await create({ name: 'gone', kind: 'slack', url: 'http://127.0.0.1:55499/nothing-listens' });
      const disabled = await create({ name: 'disabled-hook', kind: 'webhook', url: `${http.baseUrl}/disabled`, enabled: false });
      await dispatcher().dispatch([gone.id, disabled.id, 999_999], [notice()]);
      const failed = await deliveries(gone.id);
      expect(failed).toHaveLength(3);
      expect(failed[0]).toMatchObject({ ok: false, status_code: null, error: expect.stringContaining('ECONNREFUSED') });
      expect(http.to('/disabled')).toHaveLength(0);
      expect(await deliveries(disabled.id)).toEqual([]);
    });
  });

  describe('unreadable settings', () => {
    it('records a channel whose secret no longer decrypts as failed, and still delivers to the others', async () => {
      const unreadable = await create({ name: 'rekeyed', kind: 'webhook', url: `${http.baseUrl}/rekeyed` });
      const fine = await create({ name: 'beside-rekeyed', kind: 'webhook', url: `${http.baseUrl}/beside-rekeyed` });
      // As after APP_SECRET_KEY changed: a value of the stored format that the current key cannot open.
      await t.dataSource.query(`UPDATE notification_channels SET secret_encrypted = 'v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA' WHERE id = $1`, [unreadable.id]);
      await dispatcher().dispatch([unreadable.id, fine.id], [notice({ eventId: 505 })]);
      expect(http.to('/beside-rekeyed')).toHaveLength(1);
      expect(http.to('/rekeyed')).toHaveLength(0);
      expect(await deliveries(unreadable.id)).toMatchObject([{ ok: false, event_ids: [505], error: expect.stringContaining('settings unreadable') }]);
    });
  });

  describe('digest mode', () => {
    it('queues the notices of digest channels and sends one message per channel at the digest, as a session of category alert', async () => {
      http.answer('/digest-broken', () => ({ status: 500 }));
      const hook = await create({ name: 'digest-hook', kind: 'webhook', mode: 'digest', url: `${http.baseUrl}/digest`, secret: WEBHOOK_SECRET });
      const mail = await create({
        name: 'digest-mail',
        kind: 'email',
        mode: 'digest',
        email: { host: '127.0.0.1', port: SMTP_PORT, tls_mode: 'none', from: 'capacity@example.com', to: ['digest@example.com'] },
      });
      const broken = await create({ name: 'digest-broken', kind: 'webhook', mode: 'digest', url: `${http.baseUrl}/digest-broken` });
      const immediate = await create({ name: 'digest-neighbour', kind: 'webhook', url: `${http.baseUrl}/digest-neighbour` });
      const mailsBefore = smtp.mails.length;

      const ids = [hook.id, mail.id, broken.id, immediate.id];
      await dispatcher().dispatch(ids, [notice({ eventId: 401 })]);
      await dispatcher().dispatch(ids, [notice({ eventId: 402, databaseName: 'audit_log', daysToFull: 3 })]);
      expect(http.to('/digest')).toHaveLength(0);
      expect(smtp.mails.length).toBe(mailsBefore);
      expect(http.to('/digest-neighbour')).toHaveLength(2);

      const result = await t.app.get(NotificationDigest).runScheduled();
      expect(result).toMatchObject({ channels: 3, delivered: 2, notices: 4 });

      const [digest] = http.to('/digest');
      expect(http.to('/digest')).toHaveLength(1);
      expect(digest.headers['x-capacity-signature']).toBe(expectedWebhookSignature(digest.rawBody));
      const body = JSON.parse(digest.rawBody) as { purpose: string; notices: { event_id: number; database_name: string }[] };
      expect(body.purpose).toBe('digest');
      expect(body.notices.map((row) => [row.event_id, row.database_name])).toEqual([
        [401, 'sales_ledger'],
        [402, 'audit_log'],
      ]);
      const mails = smtp.mails.slice(mailsBefore);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe('Capacity digest: 2 alert notices');
      expect(mails[0].text).toContain('audit_log');
      expect(mails[0].text).toContain('Days to full: 3 days');
      expect(await deliveries(hook.id)).toMatchObject([{ purpose: 'digest', event_ids: [401, 402], ok: true }]);

      const session = (await t.http.get(`/api/v1/sessions/${result.sessionId}`).set(auth).expect(200)).body;
      expect(session).toMatchObject({ sync_category: 'alert', sync_type: 'scheduled', status: 'partial' });
      const records = session.records as { instance_name: string; status: string; error_message: string | null }[];
      expect(records.map((record) => [record.instance_name, record.status])).toEqual([
        [`channel ${hook.id}: digest-hook`, 'completed'],
        [`channel ${mail.id}: digest-mail`, 'completed'],
        [`channel ${broken.id}: digest-broken`, 'failed'],
      ]);

      // Sent notices left the queue; the failed channel keeps its two for the next digest.
      http.answer('/digest-broken', () => ({ status: 200 }));
      const again = await t.app.get(NotificationDigest).runScheduled();
      expect(again).toMatchObject({ channels: 1, delivered: 1, notices: 2 });
      expect(http.to('/digest')).toHaveLength(1);
      expect(JSON.parse(http.last('/digest-broken').rawBody).notices).toHaveLength(2);
    });

    it('schedules the digest at ALERT_DIGEST_CRON in the app time zone', () => {
      const job = t.app.get(SchedulerRegistry).getCronJob('digest');
      expect(job.cronTime.source).toBe('30 7 * * *');
      expect(job.cronTime.timeZone).toBe('Asia/Shanghai');
    });
  });
});
