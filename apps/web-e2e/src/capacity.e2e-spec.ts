import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiCall, E2E_ADMIN_PASSWORD, OUTPUT_DIR, startApi, type RunningApi } from './support/api-server';
import { seriousAxeViolations } from './support/axe';
import { hasChromium, launchChromium, openLoggedIn as openAsAdmin } from './support/browser';
import { inRepository } from './support/repository';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const DAYS = 30;
/** Other instances with a configured limit, each filling later than the one the test sets in the form: more than a page. */
const OTHERS = 30;
const NAME = 'cap-e2e-pg';

/**
 * 30 days of readings, straight into the API's embedded PostgreSQL: `cap-e2e-pg` (databases app from 5 GiB + 512 MiB a day,
 * logs from 1 GiB + 256 MiB a day: 27.75 GiB on the last day, +768 MiB a day) and `cap-other-NN` with a configured limit
 * each (10 GiB + 100 MiB a day, limit 10 GiB + (40 + NN) days' growth later).
 */
function seedHistory(api: RunningApi, instanceId: number): Promise<void> {
  return inRepository(api, async (client) => {
    await client.query(
      `INSERT INTO instances (name, db_type, host, port, username, tags, capacity_limit_bytes)
       SELECT 'cap-other-' || lpad(n::text, 2, '0'), 'mysql', 'h', 3306, 'u', '{}'::text[], ${10 * GIB}::bigint + (${DAYS - 1} + 40 + n) * ${100 * MIB}::bigint
       FROM generate_series(1, $1::int) n`,
      [OTHERS],
    );
    const day = `(d::date - (current_date - ${DAYS - 1}))`;
    await client.query(
      `INSERT INTO database_size_stats (instance_id, database_name, size_bytes, collected_date, collected_at)
       SELECT $1::int, db.name, db.base + ${day}::bigint * db.step, d::date, d + time '03:00'
       FROM (VALUES ('app', ${5 * GIB}::bigint, ${512 * MIB}::bigint), ('logs', ${GIB}::bigint, ${256 * MIB}::bigint)) db(name, base, step)
       CROSS JOIN generate_series(current_date - ${DAYS - 1}, current_date, interval '1 day') d
       UNION ALL
       SELECT i.id, 'main', ${10 * GIB}::bigint + ${day}::bigint * ${100 * MIB}, d::date, d + time '03:00'
       FROM instances i CROSS JOIN generate_series(current_date - ${DAYS - 1}, current_date, interval '1 day') d
       WHERE i.name LIKE 'cap-other-%'`,
      [instanceId],
    );
    await client.query(
      `INSERT INTO instance_size_stats (instance_id, total_size_bytes, data_size_bytes, log_size_bytes, database_count, collected_date, collected_at)
       SELECT s.instance_id, sum(s.size_bytes), sum(s.size_bytes), 0, count(*), s.collected_date, max(s.collected_at)
       FROM database_size_stats s JOIN instances i ON i.id = s.instance_id AND (i.name LIKE 'cap-other-%' OR i.id = $1::int)
       GROUP BY s.instance_id, s.collected_date`,
      [instanceId],
    );
  });
}

if (!hasChromium) process.stdout.write('\n!!! SKIPPED the capacity browser test: /usr/bin/chromium is missing (apt-get install -y chromium)\n');

describe.runIf(hasChromium)('capacity limits and days until full in Chromium (built API, embedded PostgreSQL)', () => {
  let api: RunningApi;
  let browser: Browser;
  let page: Page;
  let instanceId: number;

  const openLoggedIn = (url: string, locale = 'en') => openAsAdmin(browser, url, E2E_ADMIN_PASSWORD, { locale });

  beforeAll(async () => {
    api = await startApi();
    const { access_token: token } = await apiCall<{ access_token: string }>(api, 'POST', '/auth/login', undefined, { username: 'admin', password: E2E_ADMIN_PASSWORD });
    const created = await apiCall<{ id: number }>(api, 'POST', '/instances', token, { name: NAME, db_type: 'postgresql', host: '127.0.0.1', port: 5432, username: 'monitor' });
    instanceId = created.id;
    await seedHistory(api, instanceId);
    browser = await launchChromium();
    page = await openLoggedIn(`${api.baseUrl}/instances?search=${NAME}`);
  });

  afterAll(async () => {
    await browser?.close();
    if (api) expect(await api.stop()).toEqual({ exitCode: 0, pgStopped: true });
  });

  it('sets the instance limit in the instance form: 50 GB sent as whole bytes', async () => {
    await page.getByTestId(`instance-row-${NAME}`).getByRole('button', { name: 'Edit' }).click();
    await page.getByTestId('instance-capacity-limit').fill('50');
    await page.getByTestId('instance-capacity-limit-unit').selectOption('GB');
    const saved = page.waitForResponse((response) => response.request().method() === 'PATCH' && response.url().includes(`/api/v1/instances/${instanceId}`));
    await page.getByRole('button', { name: 'Save' }).click();
    const response = await saved;
    expect(response.status()).toBe(200);
    expect(((await response.json()) as { capacity_limit_bytes: number | null }).capacity_limit_bytes).toBe(50 * GIB);
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('shows used / limit and the days until full on the Storage tab, and the limit on the size chart', async () => {
    await page.goto(`${api.baseUrl}/instances/${instanceId}`);
    await page.getByTestId('storage-tab').click();
    const used = page.getByTestId('instance-capacity-used');
    await used.waitFor();
    // 5 + 14.5 GiB (app) + 1 + 7.25 GiB (logs) on the last of 30 days, against 50 GiB.
    expect(await used.textContent()).toBe('27.75 GB of 50 GB (55.5%)');
    expect(await used.getByRole('meter').getAttribute('aria-valuenow')).toBe('55.5');
    expect(await page.getByTestId('instance-capacity').getByTestId('limit-source').textContent()).toBe('configured');
    expect(await page.getByTestId('capacity-growth').textContent()).toContain('+768 MB/day');
    // (50 − 27.75) GiB at 0.75 GiB a day: 29.7 days, with its band and the date.
    const days = (await page.getByTestId('instance-days-to-full').textContent()) ?? '';
    expect(days).toMatch(/^29\.7 days \(95 %: [\d.]+(–[\d.]+| or later)\) · full around [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    const app = page.getByTestId('capacity-row-app');
    expect(await app.getByTestId('days-to-full').textContent()).toBe('No limit');
    await page.getByTestId('storage-chart').getByText('Limit 50 GB').waitFor();
    await page.screenshot({ path: join(OUTPUT_DIR, 'capacity-01-storage.png'), fullPage: true });
  });

  it("sets a database's limit from the Storage tab and lists the change", async () => {
    await page.getByTestId('capacity-row-app').getByTestId('set-limit').click();
    const dialog = page.getByTestId('database-limit-dialog');
    await dialog.getByTestId('database-limit').fill('25');
    await dialog.getByTestId('database-limit-unit').selectOption('GB');
    expect(await seriousAxeViolations(page)).toEqual([]);
    const put = page.waitForResponse((response) => response.request().method() === 'PUT' && response.url().includes('/databases/app/limit'));
    await dialog.getByTestId('database-limit-submit').click();
    expect((await put).status()).toBe(200);
    await dialog.waitFor({ state: 'detached' });
    const app = page.getByTestId('capacity-row-app');
    // (25 − 19.5) GiB at 0.5 GiB a day: 11 days.
    await app.getByText('19.5 GB of 25 GB (78%)').waitFor();
    expect(await app.getByTestId('days-to-full').textContent()).toMatch(/^11 days /);
    const changes = page.getByTestId('limit-changes-table');
    await changes.getByText('app').waitFor();
    expect(await changes.locator('tbody tr').count()).toBe(2);
    expect(await changes.locator('tbody tr').first().textContent()).toContain('25 GB');
    await page.screenshot({ path: join(OUTPUT_DIR, 'capacity-02-database-limit.png'), fullPage: true });
    for (const locale of ['en', 'zh-CN']) {
      const other = await openLoggedIn(`${api.baseUrl}/instances/${instanceId}`, locale);
      await other.getByTestId('instance-days-to-full').waitFor();
      expect({ locale, violations: await seriousAxeViolations(other) }).toEqual({ locale, violations: [] });
      await other.context().close();
    }
  });

  it('lists what fills first on the Fleet page, a page at a time, the level and page in the URL', async () => {
    await page.goto(`${api.baseUrl}/fleet`);
    const table = page.getByTestId('fills-first-table');
    const first = table.locator('tbody tr').first();
    await first.waitFor();
    // The app database (11 days) fills first of every database of the fleet.
    expect(await first.getAttribute('data-testid')).toBe(`fills-first-row-${instanceId}/app`);
    await page.getByTestId('fills-first-level').getByRole('button', { name: 'Instances' }).click();
    await page.waitForURL(/capacity_level=instance/);
    await table.getByTestId(`fills-first-row-${instanceId}`).waitFor();
    expect(await table.locator('tbody tr').first().getAttribute('data-testid')).toBe(`fills-first-row-${instanceId}`);
    expect(await table.locator('tbody tr').count()).toBe(20);
    const total = Number(((await page.getByTestId('fills-first-total').textContent()) ?? '').replace(/\D/g, ''));
    expect(total).toBeGreaterThanOrEqual(OTHERS + 1);
    const rows = await table.locator('tbody tr [data-testid="fills-first-days"]').allTextContents();
    const days = rows.map((text) => Number.parseFloat(text));
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(rows[0]).toMatch(/^29\.7 days/);
    await page.screenshot({ path: join(OUTPUT_DIR, 'capacity-03-fills-first.png'), fullPage: true });

    const next = page.waitForResponse((response) => response.url().includes('/fleet/capacity') && response.url().includes('page=2'));
    await page.getByTestId('fleet-fills-first').getByRole('button', { name: 'Next' }).click();
    await next;
    await page.waitForURL(/capacity_page=2/);
    expect(new URL(page.url()).search).toBe('?capacity_level=instance&capacity_page=2');
    await page.getByTestId('fleet-fills-first').getByText(/^Page 2 of /).waitFor();
    expect(await table.getByTestId(`fills-first-row-${instanceId}`).count()).toBe(0);
    expect({ violations: await seriousAxeViolations(page) }).toEqual({ violations: [] });
  });
});
