import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { apiCall, E2E_ADMIN_PASSWORD, OUTPUT_DIR, startApi, type RunningApi } from './support/api-server';
import { seriousAxeViolations } from './support/axe';
import { hasChromium, launchChromium, openLoggedIn as openAsAdmin } from './support/browser';

const INSTANCES = 600;
const DAYS = 40;

/**
 * 600 instances of 2 databases each, with 40 days of daily readings and daily rollups, written set-based straight
 * into the API's embedded PostgreSQL (the kept fleet figures follow through their triggers).
 */
async function seedFleet(api: RunningApi): Promise<void> {
  const password = (await readFile(join(api.dataDir, 'pg.password'), 'utf8')).trim();
  const client = new Client({ host: '127.0.0.1', port: api.pgPort, user: 'capacity', password, database: 'capacity' });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO instances (name, db_type, host, port, username, tags)
       SELECT 'fleet-' || lpad(n::text, 4, '0'), (ARRAY['postgresql','mysql','sqlserver','oracle'])[1 + n % 4], 'h', 5432, 'u',
              CASE n % 3 WHEN 0 THEN ARRAY['prod'] WHEN 1 THEN ARRAY['prod', 'eu'] ELSE '{}'::text[] END
       FROM generate_series(1, $1::int) n`,
      [INSTANCES],
    );
    // Instance n, database k on day d: grows by n × k × 100 KB a day from (n % 97 + 1) GB.
    const size = `((n.n % 97 + 1)::bigint * 1073741824 + (d::date - (current_date - $1::int))::bigint * n.n * k * 102400)`;
    const fleet = `(SELECT id, substring(name from 7)::int AS n FROM instances WHERE name LIKE 'fleet-%') n`;
    await client.query(
      `INSERT INTO database_size_stats (instance_id, database_name, size_bytes, collected_date, collected_at)
       SELECT n.id, 'db_' || k, ${size}, d::date, d + time '03:00'
       FROM ${fleet} CROSS JOIN generate_series(1, 2) k CROSS JOIN generate_series(current_date - $1::int, current_date, interval '1 day') d`,
      [DAYS],
    );
    await client.query(
      `INSERT INTO instance_size_stats (instance_id, total_size_bytes, data_size_bytes, log_size_bytes, database_count, collected_date, collected_at)
       SELECT s.instance_id, sum(s.size_bytes), sum(s.size_bytes), 0, count(*), s.collected_date, max(s.collected_at)
       FROM database_size_stats s JOIN instances i ON i.id = s.instance_id AND i.name LIKE 'fleet-%'
       GROUP BY s.instance_id, s.collected_date`,
    );
    await client.query(
      `INSERT INTO database_size_aggregations (instance_id, database_name, period_type, period_start, period_end, avg_size_bytes, max_size_bytes, min_size_bytes, data_count)
       SELECT s.instance_id, s.database_name, 'daily', s.collected_date, s.collected_date, s.size_bytes, s.size_bytes, s.size_bytes, 1
       FROM database_size_stats s JOIN instances i ON i.id = s.instance_id AND i.name LIKE 'fleet-%'`,
    );
    await client.query(
      `INSERT INTO instance_size_aggregations (instance_id, period_type, period_start, period_end, avg_total_size_bytes, max_total_size_bytes, min_total_size_bytes, data_count)
       SELECT s.instance_id, 'daily', s.collected_date, s.collected_date, s.total_size_bytes, s.total_size_bytes, s.total_size_bytes, 1
       FROM instance_size_stats s JOIN instances i ON i.id = s.instance_id AND i.name LIKE 'fleet-%'`,
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

if (!hasChromium) process.stdout.write('\n!!! SKIPPED the Fleet browser test: /usr/bin/chromium is missing (apt-get install -y chromium)\n');

describe.runIf(hasChromium)('the Fleet page in Chromium with 600 instances (built API, embedded PostgreSQL)', () => {
  let api: RunningApi;
  let browser: Browser;

  const openLoggedIn = (url: string, locale = 'en'): Promise<Page> => openAsAdmin(browser, url, E2E_ADMIN_PASSWORD, { locale, ready: 'fleet-page' });

  /** The texts a person reads off the view: the chart legends, the controls and the rankings rows. */
  async function visibleView(page: Page) {
    const table = page.getByTestId('rankings-table');
    await table.locator('tbody tr').first().waitFor();
    await page.getByTestId('fleet-size-chart').locator('.recharts-legend-item').first().waitFor();
    return {
      sizeLegend: await page.getByTestId('fleet-size-chart').locator('.recharts-legend-item-text').allTextContents(),
      group: await page.getByTestId('fleet-group').inputValue(),
      metric: await page.getByTestId('rankings-metric').inputValue(),
      pressed: await page.locator('[aria-pressed="true"]').allTextContents(),
      pager: await page.getByTestId('fleet-rankings').locator('.pagination span').textContent(),
      rows: await table.locator('tbody tr').allTextContents(),
    };
  }

  beforeAll(async () => {
    api = await startApi();
    await seedFleet(api);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (api) expect(await api.stop()).toEqual({ exitCode: 0, pgStopped: true });
  });

  it('lands the admin on the Fleet page, draws the top-10 chart with the others and the total, and lists the rankings', async () => {
    const page = await openLoggedIn(api.baseUrl);
    expect(new URL(page.url()).pathname).toBe('/fleet');
    const size = page.getByTestId('fleet-size-chart');
    await size.locator('.recharts-legend-item').first().waitFor();
    const legend = await size.locator('.recharts-legend-item-text').allTextContents();
    // The 10 biggest instances, the others and the total.
    expect(legend).toHaveLength(12);
    expect(legend.slice(-2)).toEqual(['Others', 'Total']);
    const drawn = await size.locator('svg path[d]').evaluateAll((paths) => paths.filter((p) => (p.getAttribute('d') ?? '').length > 50).length);
    expect(drawn).toBeGreaterThanOrEqual(12);

    // The chart's total is the fleet's: every reading of the day, 600 instances and the demo ones alike.
    const token = (await apiCall<{ access_token: string }>(api, 'POST', '/auth/login', undefined, { username: 'admin', password: E2E_ADMIN_PASSWORD })).access_token;
    const series = await apiCall<{ data: { series: { label: string }[]; total: { size_bytes: number }[] } }>(api, 'GET', '/fleet/series?top=10', token);
    expect(legend.slice(0, 10)).toEqual(series.data.series.map((group) => group.label));
    const summary = await apiCall<{ data: { total_instances: number } }>(api, 'GET', '/aggregations/summary', token);
    expect(summary.data.total_instances).toBeGreaterThanOrEqual(INSTANCES);

    const table = page.getByTestId('rankings-table');
    await table.locator('tbody tr').first().waitFor();
    expect(await table.locator('tbody tr').count()).toBe(20);
    // 1,200 fleet databases (and the demo ones) ranked 20 a page.
    expect(await page.getByTestId('fleet-rankings').locator('.pagination span').textContent()).toMatch(/^Page 1 of (6\d|[7-9]\d)$/);
    await page.screenshot({ path: join(OUTPUT_DIR, 'fleet-01-default.png'), fullPage: true });
    await page.context().close();
  });

  it('has no serious or critical accessibility violation, in either locale', async () => {
    for (const locale of ['en', 'zh-CN']) {
      const page = await openLoggedIn(`${api.baseUrl}/fleet`, locale);
      await page.getByTestId('rankings-table').locator('tbody tr').first().waitFor();
      await page.getByTestId('fleet-growth-chart').locator('.recharts-legend-item').first().waitFor();
      expect({ locale, violations: await seriousAxeViolations(page) }).toEqual({ locale, violations: [] });
      await page.context().close();
    }
  });

  it('reproduces a view from its shared URL: group, top N, chart mode, metric, level and page', async () => {
    const page = await openLoggedIn(`${api.baseUrl}/fleet`);
    await page.getByTestId('fleet-group').selectOption('db_type');
    await page.getByTestId('fleet-top').getByRole('button', { name: '5' }).click();
    await page.getByTestId('fleet-chart-mode').getByRole('button', { name: 'Lines' }).click();
    await page.getByTestId('rankings-metric').selectOption('size');
    await page.getByTestId('rankings-level').getByRole('button', { name: 'Instances' }).click();
    const second = page.waitForResponse((response) => response.url().includes('/fleet/rankings') && response.url().includes('page=2'));
    await page.getByTestId('fleet-rankings').getByRole('button', { name: 'Next' }).click();
    await second;
    await page.waitForURL(/page=2/);
    const shared = page.url();
    expect(new URL(shared).search).toBe('?group=db_type&top=5&chart=lines&metric=size&level=instance&page=2');
    const before = await visibleView(page);
    // Four engines fit in a top 5: no others, and the total last.
    expect(before.sizeLegend.slice(0, -1).sort()).toEqual(['MySQL', 'Oracle', 'PostgreSQL', 'SQL Server']);
    expect(before.sizeLegend.at(-1)).toBe('Total');
    expect(before.pager).toMatch(/^Page 2 of /);
    await page.screenshot({ path: join(OUTPUT_DIR, 'fleet-02-shared-view.png'), fullPage: true });

    // Someone else opens the link: through the login page, back to the same view.
    const other = await openLoggedIn(shared);
    expect(other.url()).toBe(shared);
    expect(await visibleView(other)).toEqual(before);
    await other.context().close();
    await page.context().close();
  });
});
