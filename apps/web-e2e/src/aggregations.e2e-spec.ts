import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { apiCall, E2E_ADMIN_PASSWORD, OUTPUT_DIR, startApi, type RunningApi } from './support/api-server';
import { hasChromium, launchChromium } from './support/browser';

/** More instances than the picker lists at once (20), so the one of a link is past its first page. */
const INSTANCES = 45;
const DAYS = 12;
const CHOSEN = 'agg-0041';

/** `agg-0001` … `agg-0045`, two databases each, a daily rollup for each of the last 12 days. */
async function seedAggregations(api: RunningApi): Promise<void> {
  const password = (await readFile(join(api.dataDir, 'pg.password'), 'utf8')).trim();
  const client = new Client({ host: '127.0.0.1', port: api.pgPort, user: 'capacity', password, database: 'capacity' });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO instances (name, db_type, host, port, username)
       SELECT 'agg-' || lpad(n::text, 4, '0'), (ARRAY['postgresql','mysql'])[1 + n % 2], 'h' || n, 5432, 'u' FROM generate_series(1, $1::int) n`,
      [INSTANCES],
    );
    await client.query(
      `INSERT INTO database_size_aggregations (instance_id, database_name, period_type, period_start, period_end, avg_size_bytes, max_size_bytes, min_size_bytes, data_count)
       SELECT i.id, db, 'daily', d::date, d::date, s, s, s, 1
       FROM instances i
       CROSS JOIN unnest(ARRAY['orders', 'users']) db
       CROSS JOIN generate_series(current_date - ($1::int - 1), current_date, interval '1 day') d
       CROSS JOIN LATERAL (SELECT (i.id * 1048576 + (d::date - current_date + $1::int) * 65536)::bigint AS s) size
       WHERE i.name LIKE 'agg-%'`,
      [DAYS],
    );
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

if (!hasChromium) process.stdout.write('\n!!! SKIPPED the Aggregations browser test: /usr/bin/chromium is missing (apt-get install -y chromium)\n');

describe.runIf(hasChromium)('the Aggregations page in Chromium: a shared view and its CSV (built API, embedded PostgreSQL)', () => {
  let api: RunningApi;
  let browser: Browser;
  let token: string;

  /** Opens `url` in a fresh browser (the login page first, then back to the link). */
  async function openLoggedIn(url: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US', acceptDownloads: true });
    await context.addInitScript(() => localStorage.setItem('capacity.locale', 'en'));
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(url);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(E2E_ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-instances').waitFor();
    return page;
  }

  /** What a person reads off the view: the filters, the pressed chart buttons, the table's rows and their count. */
  async function visibleView(page: Page) {
    const table = page.getByTestId('aggregations-table');
    await table.locator('tbody tr').first().waitFor();
    await page.getByTestId('aggregations-chart').waitFor();
    return {
      instance: await page.getByTestId('instance-picker').inputValue(),
      engine: await page.getByLabel('Engine').inputValue(),
      database: await page.locator('input[name="database_name"]').inputValue(),
      period: await page.getByTestId('period-select').inputValue(),
      from: await page.locator('input[name="start_date"]').inputValue(),
      to: await page.locator('input[name="end_date"]').inputValue(),
      pressed: await page.locator('[aria-pressed="true"]').allTextContents(),
      rows: await table.locator('tbody tr').allTextContents(),
      total: await page.getByTestId('aggregations-total').textContent(),
    };
  }

  beforeAll(async () => {
    api = await startApi();
    await seedAggregations(api);
    browser = await launchChromium();
    token = (await apiCall<{ access_token: string }>(api, 'POST', '/auth/login', undefined, { username: 'admin', password: E2E_ADMIN_PASSWORD })).access_token;
  });

  afterAll(async () => {
    await browser?.close();
    if (api) expect(await api.stop()).toEqual({ exitCode: 0, pgStopped: true });
  });

  it('finds an instance past the first 20 by searching, and a shared link reproduces the whole view', async () => {
    const page = await openLoggedIn(`${api.baseUrl}/aggregations`);
    await page.getByTestId('aggregations-table').locator('tbody tr').first().waitFor();
    const picker = page.getByTestId('instance-picker');
    await picker.click();
    await page.getByRole('option', { name: 'All instances' }).waitFor();
    // 45 agg- instances and the demo ones: the first page of the list does not reach agg-0041.
    expect(await page.getByRole('option', { name: CHOSEN }).count()).toBe(0);
    const searched = page.waitForResponse((response) => response.url().includes('/api/v1/instances?') && response.url().includes('search=0041'));
    await picker.fill('0041');
    await searched;
    await page.getByRole('option', { name: CHOSEN }).click();
    await page.getByLabel('Database').fill('ord');
    await page.getByTestId('period-select').selectOption('daily');
    await page.getByRole('group', { name: 'Chart type' }).getByRole('button', { name: 'Bar' }).click();
    await page.getByRole('group', { name: 'Group by' }).getByRole('button', { name: 'Instance' }).click();
    await page.waitForURL(/chart=bar/);
    await page.waitForURL(/group=instance/);
    await page.waitForURL(/database=ord/);

    const shared = page.url();
    const instanceId = Number(new URL(shared).searchParams.get('instance'));
    const chosen = await apiCall<{ name: string }>(api, 'GET', `/instances/${instanceId}`, token);
    expect(chosen.name).toBe(CHOSEN);
    expect(new URL(shared).search).toBe(`?instance=${instanceId}&database=ord&group=instance&chart=bar`);
    const before = await visibleView(page);
    expect(before.instance).toBe(CHOSEN);
    expect(before.rows).toHaveLength(DAYS);
    expect(before.rows.every((row) => row.startsWith(`${CHOSEN}orders`))).toBe(true);
    await page.screenshot({ path: join(OUTPUT_DIR, 'aggregations-01-shared-view.png'), fullPage: true });

    // Someone else opens the link: through the login page, back to the same view.
    const other = await openLoggedIn(shared);
    await other.getByTestId('aggregations-table').waitFor();
    expect(other.url()).toBe(shared);
    expect(await visibleView(other)).toEqual(before);
    await other.context().close();
    await page.context().close();
  });

  it('downloads the CSV of the table shown: every row of its filters, as the API lists them', async () => {
    const instances = await apiCall<{ data: { id: number }[] }>(api, 'GET', `/instances?search=${CHOSEN}`, token);
    const id = instances.data[0]?.id;
    const page = await openLoggedIn(`${api.baseUrl}/aggregations?instance=${id}&database=users`);
    await page.getByTestId('aggregations-table').locator('tbody tr').first().waitFor();
    const csvRequest = page.waitForRequest((request) => request.url().includes('/api/v1/aggregations?') && request.url().includes('format=csv'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('aggregations-csv').click()]);
    const asked = new URL((await csvRequest).url()).searchParams;
    // The table's filters (the default range spelled out), no page.
    expect([...asked.keys()]).toEqual(['instance_id', 'database_name', 'period_type', 'start_date', 'end_date', 'format']);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const text = await readFile(await download.path(), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const records: { instance_name: string; database_name: string; period_start: string }[] = parse(text, { bom: true, columns: true });
    asked.delete('format');
    asked.set('per_page', '500');
    const listed = await apiCall<{ data: { period_start: string }[] }>(api, 'GET', `/aggregations?${asked}`, token);
    expect(records).toHaveLength(DAYS);
    expect(records.every((record) => record.instance_name === CHOSEN && record.database_name === 'users')).toBe(true);
    expect(records.map((record) => record.period_start)).toEqual(listed.data.map((item) => item.period_start));
    await page.context().close();
  });
});
