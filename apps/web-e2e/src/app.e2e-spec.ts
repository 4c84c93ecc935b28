import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiCall, E2E_ADMIN_PASSWORD, OUTPUT_DIR, startApi, type RunningApi } from './support/api-server';
import { hasChromium, launchChromium } from './support/browser';
import { createPgDatabase, dropPgDatabases, uniqueSuffix, withPg } from '../../api/src/collection/testing/local-engines';
import { formatBytes } from '../../web/src/components/format';

if (!hasChromium) process.stdout.write('\n!!! SKIPPED browser tests: /usr/bin/chromium is missing (apt-get install -y chromium)\n');

const VIEWER = { username: 'e2e-viewer', password: 'e2e-viewer-password' };
/** A database of the local PostgreSQL with one known table, for the top tables of the Storage tab. */
const TABLES_DB = `capacity_e2e_tables_${uniqueSuffix()}`;

describe.runIf(hasChromium)('the SPA in Chromium against the built API (embedded PostgreSQL, demo data)', () => {
  let api: RunningApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const screenshot = (name: string) => page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), fullPage: true });
  const byTestId = (id: string) => page.getByTestId(id);

  async function logIn(target: Page, username: string, password: string): Promise<void> {
    await target.goto(`${api.baseUrl}/login`);
    await target.getByTestId('login-username').fill(username);
    await target.getByTestId('login-password').fill(password);
    await target.getByTestId('login-submit').click();
    await target.getByTestId('nav-instances').waitFor();
  }

  async function openInstance(name: string): Promise<void> {
    await byTestId('nav-instances').click();
    await byTestId(`instance-row-${name}`).getByRole('link', { name }).click();
    await page.waitForURL(/\/instances\/\d+$/);
  }

  beforeAll(async () => {
    await createPgDatabase(TABLES_DB, 20_000);
    api = await startApi();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await dropPgDatabases([TABLES_DB]);
    await context?.close();
    await browser?.close();
    if (api) {
      const stopped = await api.stop();
      // Clean shutdown on SIGTERM: the API exits 0 and its embedded PostgreSQL is down.
      expect(stopped).toEqual({ exitCode: 0, pgStopped: true });
    }
  });

  it('logs in as the admin and lists the demo instances with their sizes', async () => {
    await page.goto(api.baseUrl);
    await byTestId('login-username').waitFor();
    await screenshot('01-login');
    await logIn(page, 'admin', E2E_ADMIN_PASSWORD);
    // An admin starts on the Fleet page.
    await page.waitForURL(/\/fleet$/);
    await byTestId('nav-instances').click();
    await page.waitForURL(/\/instances$/);
    const row = byTestId('instance-row-demo-orders-pg');
    await row.waitFor();
    expect(await byTestId('instances-table').locator('tbody tr').count()).toBe(4);
    // 4 synthetic databases of tens of GB: the latest total is shown human-readable in GB.
    expect(await row.textContent()).toMatch(/\d+(\.\d+)?\s*GB/);
    await screenshot('02-instances');
  });

  it("draws the Storage tab: chart paths and the databases table of the instance's latest sizes", async () => {
    await openInstance('demo-orders-pg');
    await byTestId('storage-tab').click();
    const chart = byTestId('storage-chart');
    await chart.locator('svg path').first().waitFor();
    const drawn = await chart.locator('svg path[d]').evaluateAll((paths) => paths.filter((p) => (p.getAttribute('d') ?? '').length > 20).length);
    expect(drawn).toBeGreaterThan(0);

    const table = byTestId('databases-table');
    await table.locator('tbody tr').first().waitFor();
    const latest = await apiCall<{ data: { database_name: string }[] }>(api, 'GET', `/instances/${new URL(page.url()).pathname.split('/').pop()}/database-sizes/latest`, await adminToken());
    expect(latest.data.map((item) => item.database_name).sort()).toEqual(['analytics', 'orders', 'orders_archive', 'postgres']);
    expect(await table.locator('tbody tr').count()).toBe(latest.data.length);
    for (const name of ['orders', 'orders_archive', 'analytics', 'postgres']) await byTestId(`database-row-${name}`).waitFor();
    await screenshot('03-storage-tab');
  });

  it('switches the aggregation period to monthly', async () => {
    const select = byTestId('period-select');
    await select.scrollIntoViewIfNeeded();
    const monthly = page.waitForResponse((response) => response.url().includes('period_type=monthly') && response.url().includes('/aggregations'));
    await select.selectOption('monthly');
    const response = await monthly;
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { data: { period_type: string; period_start: string }[] };
    expect(body.data.length).toBeGreaterThan(0);
    expect(new Set(body.data.map((item) => item.period_type))).toEqual(new Set(['monthly']));
    expect(body.data.every((item) => item.period_start.endsWith('-01'))).toBe(true);
    expect(await select.inputValue()).toBe('monthly');
    await byTestId('aggregations-table').locator('tbody tr').first().waitFor();
    expect(await byTestId('aggregations-table').locator('tbody tr').count()).toBe(4);
    await screenshot('04-storage-monthly');
  });

  it('runs "collect now" on the instance backed by the local PostgreSQL and follows the session to completion', async () => {
    await openInstance('demo-local-pg');
    await byTestId('collect-now').click();
    const status = byTestId('session-status');
    await status.waitFor();
    await expect.poll(async () => status.textContent(), { timeout: 60_000, interval: 500 }).not.toBe('running');
    expect(await status.textContent()).toBe('completed');
    await screenshot('05-collect-now');
    await page.keyboard.press('Escape');
    // The run wrote real readings of the local server: the Storage tab shows its databases.
    await page.reload();
    await byTestId('databases-table').waitFor();
    await byTestId('database-row-postgres').waitFor();
    await screenshot('05b-local-pg-after-collect');
  });

  it('lists the top tables the collection read from a database of the local PostgreSQL', async () => {
    await byTestId('top-tables-database').selectOption(TABLES_DB);
    const row = byTestId('table-row-public.readings');
    await row.waitFor();
    const id = new URL(page.url()).pathname.split('/').pop(); // the view's state follows in the query string
    const top = await apiCall<{ collected_date: string; data: { schema_name: string; table_name: string; total_bytes: number }[] }>(
      api, 'GET', `/instances/${id}/databases/${TABLES_DB}/tables`, await adminToken(),
    );
    expect(top.data.map((table) => `${table.schema_name}.${table.table_name}`)).toEqual(['public.readings']);
    const onDisk = await withPg(async (client) => Number((await client.query<{ size: string }>(`SELECT pg_total_relation_size('readings')::text AS size`)).rows[0].size), TABLES_DB);
    expect(top.data[0].total_bytes).toBe(onDisk);

    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toBe('public.readings');
    expect(cells[1]).toBe(formatBytes(onDisk, 'en'));
    // The first reading of the table: no earlier one to grow from.
    expect(cells.slice(5)).toEqual(['—', '—']);
    const day = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${top.collected_date}T00:00:00Z`));
    expect(await byTestId('top-tables-date').textContent()).toBe(`Readings of ${day}`);
    await byTestId('top-tables-section').screenshot({ path: join(OUTPUT_DIR, '05c-local-pg-top-tables.png') });
  });

  it('shows the sessions, aggregations and partitions pages to the admin', async () => {
    await page.goto(`${api.baseUrl}/sessions`);
    const capacity = await apiCall<{ data: { session_id: string; status: string }[] }>(api, 'GET', '/sessions?category=capacity', await adminToken());
    expect(capacity.data[0]?.status).toBe('completed');
    const row = byTestId(`session-row-${capacity.data[0].session_id}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('completed');
    await screenshot('06-sessions');

    await byTestId('nav-aggregations').click();
    await page.waitForURL(/\/aggregations$/);
    await page.locator('svg path').first().waitFor();
    await screenshot('07-aggregations');

    await byTestId('nav-partitions').click();
    await page.waitForURL(/\/partitions$/);
    await byTestId('partitions-table').or(page.getByText('database_size_stats')).first().waitFor();
    expect(await byTestId('forbidden').count()).toBe(0);
    await screenshot('08-partitions');
  });

  it('does not offer the partitions page to a viewer', async () => {
    await apiCall(api, 'POST', '/users', await adminToken(), { ...VIEWER, role: 'viewer' });
    const viewerContext = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    const viewerPage = await viewerContext.newPage();
    viewerPage.setDefaultTimeout(20_000);
    try {
      await logIn(viewerPage, VIEWER.username, VIEWER.password);
      await viewerPage.getByTestId('nav-sessions').waitFor();
      expect(await viewerPage.getByTestId('nav-partitions').count()).toBe(0);
      await viewerPage.goto(`${api.baseUrl}/partitions`);
      await viewerPage.getByTestId('forbidden').waitFor();
      expect(await viewerPage.getByText('database_size_stats').count()).toBe(0);
      await viewerPage.screenshot({ path: join(OUTPUT_DIR, '09-viewer-partitions-forbidden.png'), fullPage: true });
    } finally {
      await viewerContext.close();
    }
  });

  it('logs out back to the login page', async () => {
    await byTestId('logout').click();
    await byTestId('login-username').waitFor();
    await page.goto(`${api.baseUrl}/instances`);
    await byTestId('login-username').waitFor();
  });

  let token: string | undefined;
  async function adminToken(): Promise<string> {
    token ??= (await apiCall<{ access_token: string }>(api, 'POST', '/auth/login', undefined, { username: 'admin', password: E2E_ADMIN_PASSWORD })).access_token;
    return token;
  }
});
