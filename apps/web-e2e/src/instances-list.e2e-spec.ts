import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Client } from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiCall, E2E_ADMIN_PASSWORD, OUTPUT_DIR, startApi, type RunningApi } from './support/api-server';
import { hasChromium, launchChromium } from './support/browser';

const FLEET = 600;
const PER_PAGE = 50;

interface Listed {
  data: { id: number; name: string }[];
  pagination: { total: number; pages: number };
}

describe.runIf(hasChromium)(`the instances page with ${FLEET} more instances (built API, embedded PostgreSQL)`, () => {
  let api: RunningApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let token: string;

  const rowNames = (target: Page) =>
    target.getByTestId('instances-table').locator('tbody tr[data-testid^="instance-row-"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')?.slice('instance-row-'.length)));
  const apiNames = async (query: string) => (await apiCall<Listed>(api, 'GET', `/instances?${query}`, token)).data.map((item) => item.name);

  async function logIn(target: Page): Promise<void> {
    await target.goto(`${api.baseUrl}/login`);
    await target.getByTestId('login-username').fill('admin');
    await target.getByTestId('login-password').fill(E2E_ADMIN_PASSWORD);
    await target.getByTestId('login-submit').click();
    await target.getByTestId('nav-instances').waitFor();
  }

  /** The 600 instances straight into the repository, set-based: sizes with ties (every 7th pair), a reading 30 days back. */
  async function seedFleet(): Promise<void> {
    const password = (await readFile(join(api.dataDir, 'pg.password'), 'utf8')).trim();
    const client = new Client({ host: '127.0.0.1', port: api.pgPort, user: 'capacity', password, database: 'capacity' });
    await client.connect();
    try {
      await client.query(
        `WITH created AS (
           INSERT INTO instances (name, db_type, host, port, username, tags)
           SELECT 'fleet-' || lpad(g::text, 3, '0'), (ARRAY['postgresql', 'mysql', 'sqlserver', 'oracle'])[1 + g % 4], 'fleet' || g || '.internal', 5432, 'monitor',
                  CASE WHEN g % 2 = 0 THEN ARRAY['even'] ELSE ARRAY['odd'] END
           FROM generate_series(1, $1::int) g
           RETURNING id, substring(name FROM 7)::int AS g
         )
         INSERT INTO instance_size_stats (instance_id, total_size_bytes, data_size_bytes, database_count, collected_date, collected_at)
         SELECT id, size, size, 1 + g % 9, day, day + time '03:00'
         FROM created
         CROSS JOIN LATERAL (VALUES (current_date - 1, (g / 2 + 1)::bigint * 1073741824), (current_date - 31, (g / 2 + 1)::bigint * 1000000000)) AS r(day, size)`,
        [FLEET],
      );
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    api = await startApi();
    token = (await apiCall<{ access_token: string }>(api, 'POST', '/auth/login', undefined, { username: 'admin', password: E2E_ADMIN_PASSWORD })).access_token;
    await seedFleet();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US', acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await logIn(page);
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    if (api) expect(await api.stop()).toEqual({ exitCode: 0, pgStopped: true });
  });

  it('pages through all the instances and sorts them by size on the server, largest first, then smallest', async () => {
    const total = (await apiCall<Listed>(api, 'GET', '/instances?per_page=1', token)).pagination.total;
    expect(total).toBeGreaterThan(FLEET);
    await page.goto(`${api.baseUrl}/instances`);
    await page.getByTestId('instances-total').filter({ hasText: `${total} instances` }).waitFor();
    const pages = Math.ceil(total / PER_PAGE);
    await page.getByText(`Page 1 of ${pages}`).waitFor();
    expect(await rowNames(page)).toEqual(await apiNames(`per_page=${PER_PAGE}`));

    await page.getByTestId('sort-size').click();
    await page.waitForURL(/sort=-size/);
    const largest = await apiNames(`sort=-size&per_page=${PER_PAGE}`);
    await expect.poll(() => rowNames(page), { timeout: 20_000 }).toEqual(largest);
    expect(await page.getByTestId('sort-size').locator('xpath=..').getAttribute('aria-sort')).toBe('descending');

    await page.getByRole('button', { name: 'Next' }).click();
    await page.waitForURL(/page=2/);
    const second = await apiNames(`sort=-size&per_page=${PER_PAGE}&page=2`);
    await expect.poll(() => rowNames(page), { timeout: 20_000 }).toEqual(second);
    // Ties (two instances share each size) are broken by id, so page 2 goes on where page 1 stopped.
    expect(new Set([...largest, ...second]).size).toBe(2 * PER_PAGE);

    await page.getByTestId('sort-size').click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'size' && !url.searchParams.has('page'));
    const smallest = await apiNames(`sort=size&per_page=${PER_PAGE}`);
    await expect.poll(() => rowNames(page), { timeout: 20_000 }).toEqual(smallest);
    await page.screenshot({ path: join(OUTPUT_DIR, 'instances-600-sorted.png'), fullPage: true });
  });

  it('shows the same view from a shared link, in another tab and after a reload', async () => {
    await page.goto(`${api.baseUrl}/instances`);
    await page.getByTestId('filter-tag').fill('even');
    await page.getByTestId('filter-search').fill('FLEET-1');
    await page.getByRole('combobox', { name: 'Engine' }).selectOption('sqlserver');
    await page.getByTestId('sort-growth_30d').click();
    await page.waitForURL(
      (url) => url.searchParams.get('sort') === '-growth_30d' && url.searchParams.get('db_type') === 'sqlserver' && url.searchParams.get('tag') === 'even' && url.searchParams.get('search') === 'FLEET-1',
    );
    const expected = await apiNames('tag=even&search=FLEET-1&db_type=sqlserver&sort=-growth_30d&per_page=50');
    expect(expected.length).toBeGreaterThan(5);
    await expect.poll(() => rowNames(page), { timeout: 20_000 }).toEqual(expected);
    const shared = page.url();

    const other = await context.newPage();
    await logIn(other); // the session lives in the tab (sessionStorage): the colleague logs in first
    await other.goto(shared);
    await expect.poll(() => rowNames(other), { timeout: 20_000 }).toEqual(expected);
    expect(await other.getByTestId('filter-tag').inputValue()).toBe('even');
    expect(await other.getByTestId('sort-growth_30d').locator('xpath=..').getAttribute('aria-sort')).toBe('descending');
    await other.close();

    await page.reload();
    await expect.poll(() => rowNames(page), { timeout: 20_000 }).toEqual(expected);
  });

  it('downloads the CSV of every instance of the current filters, in the order shown', async () => {
    await page.goto(`${api.baseUrl}/instances?tag=odd&sort=-size`);
    await page.getByTestId('instances-table').locator('tbody tr').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('instances-csv').click()]);
    expect(download.suggestedFilename()).toBe('instances.csv');
    const text = await readFile(await download.path(), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const records: { name: string; tags: string }[] = parse(text, { bom: true, columns: true });
    const all: string[] = [];
    for (let p = 1; ; p++) {
      const listed = await apiCall<Listed>(api, 'GET', `/instances?tag=odd&sort=-size&per_page=500&page=${p}`, token);
      all.push(...listed.data.map((item) => item.name));
      if (p >= listed.pagination.pages) break;
    }
    expect(records.length).toBe(FLEET / 2);
    expect(records.map((record) => record.name)).toEqual(all);
    expect(new Set(records.map((record) => record.tags))).toEqual(new Set(['odd']));
  });
});
