import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiCall, E2E_ADMIN_PASSWORD, OUTPUT_DIR, startApi, type RunningApi } from './support/api-server';
import { hasChromium, launchChromium } from './support/browser';

if (!hasChromium) process.stdout.write('\n!!! SKIPPED browser tests: /usr/bin/chromium is missing (apt-get install -y chromium)\n');

const SECRET = 'e2e-webhook-secret';
const CHANNEL = 'e2e-webhook';
const RULE = 'e2e local pg above 1 MB';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: { purpose: string; notices: { rule_name: string; transition: string; instance: { name: string } | null; database_name: string | null }[] };
}

/** A real HTTP receiver on a loopback port: it keeps every POST it gets and answers 200. */
async function startReceiver(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ path: request.url ?? '', headers: request.headers, raw, body: JSON.parse(raw) as Received['body'] });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/capacity`, received };
}

const signatureOf = (raw: string) => `sha256=${createHmac('sha256', SECRET).update(raw, 'utf8').digest('hex')}`;

describe.runIf(hasChromium)('alerts in Chromium: a webhook channel and a rule made in the UI fire after a collection', () => {
  let api: RunningApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  const screenshot = (name: string) => page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), fullPage: true });
  const byTestId = (id: string) => page.getByTestId(id);

  beforeAll(async () => {
    receiver = await startReceiver();
    api = await startApi();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${api.baseUrl}/login`);
    await byTestId('login-username').fill('admin');
    await byTestId('login-password').fill(E2E_ADMIN_PASSWORD);
    await byTestId('login-submit').click();
    await byTestId('nav-instances').waitFor();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await new Promise((done) => receiver?.server.close(done));
    if (api) expect(await api.stop()).toEqual({ exitCode: 0, pgStopped: true });
  });

  it('creates a webhook channel with an HMAC secret and sends a test the receiver checks', async () => {
    await byTestId('nav-alerts').click();
    await byTestId('tab-channels').click();
    await page.waitForURL(/\/alerts\/channels$/);
    await byTestId('add-channel').click();
    const dialog = byTestId('channel-dialog');
    await dialog.getByTestId('channel-name').fill(CHANNEL);
    await dialog.getByTestId('channel-kind').selectOption('webhook');
    await dialog.getByTestId('channel-url').fill(receiver.url);
    await dialog.getByTestId('channel-secret').fill(SECRET);
    await dialog.getByTestId('channel-submit').click();
    await dialog.waitFor({ state: 'detached' });
    const row = byTestId(`channel-row-${CHANNEL}`);
    await row.waitFor();
    // Only the origin is shown: the path (a token for real robots) and the secret never come back.
    expect(await row.textContent()).toContain(new URL(receiver.url).origin);
    expect(await row.textContent()).not.toContain('/hooks/capacity');
    expect(await page.content()).not.toContain(SECRET);

    await byTestId(`channel-test-${CHANNEL}`).click();
    const result = row.getByTestId('channel-test-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('Test delivered');
    const test = receiver.received.find((message) => message.body.purpose === 'test');
    expect(test?.path).toBe('/hooks/capacity');
    expect(test?.headers['x-capacity-signature']).toBe(signatureOf(test?.raw ?? ''));
    await byTestId(`channel-deliveries-${CHANNEL}`).click();
    await byTestId('deliveries-table').locator('tbody tr').first().waitFor();
    expect(await byTestId('deliveries-table').locator('tbody tr').first().textContent()).toContain('delivered');
    await screenshot('alerts-01-channel-tested');
    await page.keyboard.press('Escape');
  });

  it('creates a size rule for the instance backed by the local PostgreSQL, notifying the channel', async () => {
    await byTestId('tab-alert-rules').click();
    await page.waitForURL(/\/alerts\/rules$/);
    await byTestId('add-rule').click();
    const dialog = byTestId('rule-dialog');
    await dialog.getByTestId('rule-name').fill(RULE);
    await dialog.getByTestId('rule-type').selectOption('size_above');
    await dialog.getByTestId('rule-bytes').fill('1');
    await dialog.getByTestId('rule-bytes-unit').selectOption('MB');
    await dialog.getByTestId('rule-severity').selectOption('critical');
    await dialog.getByTestId('rule-scope').selectOption('instance');
    await dialog.getByTestId('instance-picker').fill('demo-local-pg');
    await dialog.getByRole('option', { name: 'demo-local-pg', exact: true }).click();
    await dialog.getByRole('checkbox', { name: new RegExp(CHANNEL) }).check();
    await dialog.getByTestId('rule-submit').click();
    await dialog.waitFor({ state: 'detached' });
    const row = byTestId(`rule-row-${RULE}`);
    await row.waitFor();
    expect(await row.textContent()).toContain(CHANNEL);
    expect(await row.textContent()).toContain('1 MB');
    await screenshot('alerts-02-rule');
  });

  it('runs "collect now" on that instance; the alert shows on the Alerts page and in the header, and the receiver got it', async () => {
    await byTestId('nav-instances').click();
    await byTestId('instance-row-demo-local-pg').getByRole('link', { name: 'demo-local-pg' }).click();
    await page.waitForURL(/\/instances\/\d+$/);
    await byTestId('collect-now').click();
    const status = byTestId('session-status');
    await status.waitFor();
    await expect.poll(async () => status.textContent(), { timeout: 60_000, interval: 500 }).not.toBe('running');
    expect(await status.textContent()).toBe('completed');
    await page.keyboard.press('Escape');

    // The evaluation runs after the collection, in the background: the Alerts page shows the events once it is done.
    await page.goto(`${api.baseUrl}/alerts?state=firing`);
    const alertRows = byTestId('alerts-table').locator('tbody tr', { hasText: RULE });
    await expect
      .poll(
        async () => {
          await page.reload();
          await byTestId('alerts-table').or(page.locator('.state-empty')).first().waitFor();
          return alertRows.count();
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBeGreaterThan(0);
    const first = (await alertRows.first().textContent()) ?? '';
    expect(first).toContain('demo-local-pg');
    expect(first).toContain('firing');

    const token = (await apiCall<{ access_token: string }>(api, 'POST', '/auth/login', undefined, { username: 'admin', password: E2E_ADMIN_PASSWORD })).access_token;
    const summary = await apiCall<{ firing: number }>(api, 'GET', '/alerts/summary', token);
    expect(summary.firing).toBeGreaterThanOrEqual(await alertRows.count());
    const count = byTestId('firing-alerts-count');
    await count.waitFor();
    expect(await count.textContent()).toBe(`${summary.firing} firing`);
    await screenshot('alerts-03-firing');

    // The history of the event, from the Alerts page.
    await alertRows.first().getByRole('button', { name: 'History' }).click();
    await byTestId('alert-history-fired').waitFor();
    await page.keyboard.press('Escape');

    await expect.poll(() => receiver.received.filter((message) => message.body.purpose === 'alert').length, { timeout: 30_000, interval: 500 }).toBeGreaterThan(0);
    const notice = receiver.received.find((message) => message.body.purpose === 'alert');
    expect(notice?.headers['x-capacity-signature']).toBe(signatureOf(notice?.raw ?? ''));
    const told = notice?.body.notices.filter((entry) => entry.rule_name === RULE) ?? [];
    expect(told.length).toBeGreaterThan(0);
    expect(told.every((entry) => entry.instance?.name === 'demo-local-pg' && entry.transition === 'firing')).toBe(true);

    // The header's link opens the firing alerts.
    await page.goto(`${api.baseUrl}/sessions`);
    await byTestId('firing-alerts-count').click();
    await page.waitForURL(/\/alerts\?state=firing$/);
    await alertRows.first().waitFor();
  });
});
