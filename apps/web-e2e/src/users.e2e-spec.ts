import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { E2E_ADMIN_PASSWORD, OUTPUT_DIR, startApi, type RunningApi } from './support/api-server';
import { hasChromium, launchChromium } from './support/browser';

if (!hasChromium) process.stdout.write('\n!!! SKIPPED browser tests: /usr/bin/chromium is missing (apt-get install -y chromium)\n');

const DBA = { username: 'e2e-dba', password: 'e2e-dba-password', newPassword: 'e2e-dba-password-2' };
const OWNED = 'demo-orders-pg';

describe.runIf(hasChromium)('users and owners in the SPA (built API, embedded PostgreSQL, demo data)', () => {
  let api: RunningApi;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let dbaId: number;

  async function logIn(target: Page, username: string, password: string): Promise<void> {
    await target.goto(`${api.baseUrl}/login`);
    await target.getByTestId('login-username').fill(username);
    await target.getByTestId('login-password').fill(password);
    await target.getByTestId('login-submit').click();
    await target.getByTestId('nav-instances').waitFor();
  }

  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-US' });
    const created = await context.newPage();
    created.setDefaultTimeout(20_000);
    return { context, page: created };
  }

  beforeAll(async () => {
    api = await startApi();
    browser = await launchChromium();
    ({ context: admin, page } = await newPage());
    await logIn(page, 'admin', E2E_ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await admin?.close();
    await browser?.close();
    if (api) expect(await api.stop()).toEqual({ exitCode: 0, pgStopped: true });
  });

  it('creates a viewer on the users page', async () => {
    await page.getByTestId('nav-users').click();
    await page.waitForURL(/\/users$/);
    await page.getByTestId('user-row-admin').waitFor();
    await page.getByTestId('add-user').click();
    const dialog = page.getByTestId('create-user-dialog');
    // The dialog took the focus on its first field.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('new-user-username');
    await dialog.getByTestId('new-user-username').fill(DBA.username);
    await dialog.getByTestId('new-user-password').fill(DBA.password);
    expect(await dialog.getByTestId('new-user-role').inputValue()).toBe('viewer');
    const created = page.waitForResponse((response) => response.request().method() === 'POST' && response.url().endsWith('/api/v1/users'));
    await dialog.getByTestId('new-user-submit').click();
    const answer = await created;
    expect(answer.status()).toBe(201);
    dbaId = ((await answer.json()) as { id: number }).id;
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByTestId(`user-row-${DBA.username}`);
    await row.waitFor();
    expect(await row.getByRole('combobox').inputValue()).toBe('viewer');
    await page.screenshot({ path: join(OUTPUT_DIR, 'users-01-created.png'), fullPage: true });
  });

  it("gives the viewer an instance through the instance form's owner field", async () => {
    await page.getByTestId('nav-instances').click();
    const row = page.getByTestId(`instance-row-${OWNED}`);
    await row.getByRole('button', { name: 'Edit' }).click();
    const owner = page.getByTestId('instance-owner');
    await owner.locator('option', { hasText: `${DBA.username} (viewer)` }).waitFor({ state: 'attached' });
    await owner.selectOption({ label: `${DBA.username} (viewer)` });
    await page.getByLabel('Tags').fill('prod, orders');
    const saved = page.waitForResponse((response) => response.request().method() === 'PATCH' && response.url().includes('/api/v1/instances/'));
    await page.getByRole('button', { name: 'Save' }).click();
    const response = await saved;
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { owner_id: number | null; tags: string[] };
    expect(body.tags).toEqual(['prod', 'orders']);
    expect(body.owner_id).toBe(dbaId);
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('lets the viewer log in and see only its instance, without the users page', async () => {
    const viewer = await newPage();
    try {
      await logIn(viewer.page, DBA.username, DBA.password);
      await viewer.page.getByTestId('nav-instances').click();
      await viewer.page.getByTestId(`instance-row-${OWNED}`).waitFor();
      expect(await viewer.page.getByTestId('instances-table').locator('tbody tr').count()).toBe(1);
      expect(await viewer.page.getByTestId('nav-users').count()).toBe(0);
      await viewer.page.screenshot({ path: join(OUTPUT_DIR, 'users-02-viewer-instances.png'), fullPage: true });
    } finally {
      await viewer.context.close();
    }
  });

  it('lets the viewer change its own password: signed out, then in again with the new one only', async () => {
    const viewer = await newPage();
    try {
      await logIn(viewer.page, DBA.username, DBA.password);
      await viewer.page.getByTestId('change-password').click();
      await viewer.page.getByTestId('current-password').fill(DBA.password);
      await viewer.page.getByTestId('new-password').fill(DBA.newPassword);
      await viewer.page.getByTestId('repeat-password').fill(DBA.newPassword);
      await viewer.page.getByTestId('change-password-submit').click();
      await viewer.page.getByTestId('login-password-changed').waitFor();

      await viewer.page.getByTestId('login-username').fill(DBA.username);
      await viewer.page.getByTestId('login-password').fill(DBA.password);
      await viewer.page.getByTestId('login-submit').click();
      await viewer.page.getByRole('alert').waitFor();
      await logIn(viewer.page, DBA.username, DBA.newPassword);
      await viewer.page.getByTestId(`instance-row-${OWNED}`).waitFor();
    } finally {
      await viewer.context.close();
    }
  });

  it('deletes the user after the confirmation', async () => {
    await page.getByTestId('nav-users').click();
    await page.getByTestId(`user-delete-${DBA.username}`).click();
    await page.getByTestId('delete-user-confirm').click();
    await page.getByTestId(`user-row-${DBA.username}`).waitFor({ state: 'detached' });
    expect(await page.getByTestId('user-row-admin').count()).toBe(1);
  });
});
