import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiCall, E2E_ADMIN_PASSWORD, OUTPUT_DIR, startApi, type RunningApi } from './support/api-server';
import { seriousAxeViolations } from './support/axe';
import { hasChromium, launchChromium } from './support/browser';

if (!hasChromium) process.stdout.write('\n!!! SKIPPED browser tests: /usr/bin/chromium is missing (apt-get install -y chromium)\n');

const LOCALES = ['en', 'zh-CN'] as const;

describe.runIf(hasChromium)('accessibility of the main pages (axe-core, both locales) and the phone layout', () => {
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    api = await startApi();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (api) expect(await api.stop()).toEqual({ exitCode: 0, pgStopped: true });
  });

  /** A signed-in admin page in `locale`, at `width` × 900. */
  async function adminPage(locale: string, width: number): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-US' });
    await context.addInitScript((chosen) => localStorage.setItem('capacity.locale', chosen), locale);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${api.baseUrl}/login`);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(E2E_ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-instances').waitFor();
    return { context, page };
  }

  async function firstInstanceId(): Promise<number> {
    const { access_token: token } = await apiCall<{ access_token: string }>(api, 'POST', '/auth/login', undefined, {
      username: 'admin',
      password: E2E_ADMIN_PASSWORD,
    });
    const list = await apiCall<{ data: { id: number; name: string }[] }>(api, 'GET', '/instances?search=demo-orders-pg', token);
    return list.data[0].id;
  }

  for (const locale of LOCALES) {
    it(`finds no serious or critical violation on the main pages (${locale})`, async () => {
      const loginContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await loginContext.addInitScript((chosen) => localStorage.setItem('capacity.locale', chosen), locale);
      const loginPage = await loginContext.newPage();
      await loginPage.goto(`${api.baseUrl}/login`);
      await loginPage.getByTestId('login-username').waitFor();
      const findings: Record<string, Awaited<ReturnType<typeof seriousAxeViolations>>> = { login: await seriousAxeViolations(loginPage) };
      await loginContext.close();

      const { context, page } = await adminPage(locale, 1280);
      const instanceId = await firstInstanceId();
      const pages: { name: string; path: string; ready: (page: Page) => Promise<unknown> }[] = [
        { name: 'instances', path: '/instances', ready: (p) => p.getByTestId('instance-row-demo-orders-pg').waitFor() },
        {
          name: 'storage',
          path: `/instances/${instanceId}`,
          ready: async (p) => {
            await p.getByTestId('storage-tab').click();
            await p.getByTestId('databases-table').locator('tbody tr').first().waitFor();
            await p.getByTestId('storage-chart').locator('svg path').first().waitFor();
          },
        },
        { name: 'aggregations', path: '/aggregations', ready: (p) => p.locator('svg path').first().waitFor() },
        { name: 'sessions', path: '/sessions', ready: (p) => p.locator('table tbody tr').first().waitFor() },
        { name: 'partitions', path: '/partitions', ready: (p) => p.getByText('database_size_stats').first().waitFor() },
        { name: 'users', path: '/users', ready: (p) => p.getByTestId('user-row-admin').waitFor() },
        { name: 'alerts', path: '/alerts', ready: (p) => p.getByTestId('alerts-table').or(p.locator('.state-empty')).first().waitFor() },
        { name: 'alert rules', path: '/alerts/rules', ready: (p) => p.getByTestId('rules-table').or(p.locator('.state-empty')).first().waitFor() },
        { name: 'channels', path: '/alerts/channels', ready: (p) => p.getByTestId('channels-table').or(p.locator('.state-empty')).first().waitFor() },
      ];
      for (const target of pages) {
        await page.goto(`${api.baseUrl}${target.path}`);
        await target.ready(page);
        findings[target.name] = await seriousAxeViolations(page);
      }
      // Open dialogs: the channel and the rule forms, the new-user form.
      await page.goto(`${api.baseUrl}/alerts/channels`);
      await page.getByTestId('add-channel').click();
      await page.getByTestId('channel-dialog').waitFor();
      findings['channels: add-channel dialog'] = await seriousAxeViolations(page);
      await page.goto(`${api.baseUrl}/alerts/rules`);
      await page.getByTestId('add-rule').click();
      await page.getByTestId('rule-channels').waitFor();
      findings['rules: add-rule dialog'] = await seriousAxeViolations(page);
      await page.goto(`${api.baseUrl}/users`);
      await page.getByTestId('user-row-admin').waitFor();
      await page.getByTestId('add-user').click();
      await page.getByTestId('create-user-dialog').waitFor();
      findings['users: add-user dialog'] = await seriousAxeViolations(page);
      await page.screenshot({ path: join(OUTPUT_DIR, `a11y-users-dialog-${locale}.png`), fullPage: true });
      await context.close();

      const broken = Object.fromEntries(Object.entries(findings).filter(([, list]) => list.length > 0));
      expect(broken).toEqual({});
    });
  }

  it('wraps the header on a 390 px phone: nothing wider than the screen', async () => {
    for (const locale of LOCALES) {
      const { context, page } = await adminPage(locale, 390);
      for (const path of ['/instances', '/users', '/sessions']) {
        await page.goto(`${api.baseUrl}${path}`);
        await page.getByTestId('logout').waitFor();
        await page.waitForLoadState('networkidle');
        const widths = await page.evaluate(() => {
          const header = document.querySelector('.app-header') as HTMLElement;
          const outside = [...header.querySelectorAll<HTMLElement>('*')]
            .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map((element) => element.outerHTML.slice(0, 80));
          return { page: document.documentElement.scrollWidth, header: header.scrollWidth, viewport: window.innerWidth, outside };
        });
        expect({ locale, path, ...widths }).toEqual({ locale, path, page: 390, header: 390, viewport: 390, outside: [] });
      }
      const header = await page.locator('.app-header').boundingBox();
      // Wrapped: the header is taller than one row of links.
      expect(header?.height ?? 0).toBeGreaterThan(60);
      for (const id of ['nav-instances', 'nav-users', 'logout', 'change-password']) expect(await page.getByTestId(id).isVisible()).toBe(true);
      await page.screenshot({ path: join(OUTPUT_DIR, `phone-390-${locale}.png`), fullPage: true });
      await context.close();
    }
  });
});
