import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { createTestApp, type TestApp } from './test-support/test-app';

const ASSET = '/assets/index-Bq3xY7kd.js';
const ASSET_BODY = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, name: "row ${i}" }`).join(', ')}];\n`;

function expectSecurityHeaders(response: Response): void {
  const csp = response.headers['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self';");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain('upgrade-insecure-requests');
  expect(response.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' });
  expect(response.headers['x-powered-by']).toBeUndefined();
}

describe('security headers, compression and caching of the served app', () => {
  let t: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'capacity-web-'));
    await mkdir(join(webDir, 'assets'));
    await writeFile(join(webDir, 'index.html'), `<!doctype html><html><head><script type="module" src="${ASSET}"></script></head><body><div id="root"></div></body></html>`);
    await writeFile(join(webDir, 'assets', 'index-Bq3xY7kd.js'), ASSET_BODY);
    t = await createTestApp({}, webDir);
  });
  afterAll(async () => {
    await t.close();
    await rm(webDir, { recursive: true, force: true });
  });

  it('sends them on an API answer, an error, an unknown API path and a missing asset', async () => {
    expectSecurityHeaders(await t.http.get('/api/v1/health').expect(200));
    expectSecurityHeaders(await t.http.get('/api/v1/instances').expect(401));
    expectSecurityHeaders(await t.http.get('/api/v1/no-such-route').expect(404));
    const missing = await t.http.get('/assets/index-missing.js').expect(404);
    expectSecurityHeaders(missing);
    expect(missing.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('serves index.html (also for SPA routes) with the headers and no-cache', async () => {
    for (const path of ['/', '/instances/5']) {
      const response = await t.http.get(path).expect(200);
      expectSecurityHeaders(response);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toContain('<div id="root">');
    }
  });

  it('caches hashed assets for a year as immutable and gzips them when asked', async () => {
    const gzipped = await t.http.get(ASSET).set('Accept-Encoding', 'gzip').expect(200);
    expectSecurityHeaders(gzipped);
    expect(gzipped.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.text).toBe(ASSET_BODY); // supertest inflates it

    const plain = await t.http.get(ASSET).set('Accept-Encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(ASSET_BODY));
  });

  it('gzips API answers when asked', async () => {
    const response = await t.http.get('/api/docs-json').set('Accept-Encoding', 'gzip').expect(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.body.info.title).toBe('Capacity API');
  });

  it('lets Swagger UI run: its inline styles are allowed there, scripts stay same-origin', async () => {
    const page = await t.http.get('/api/docs/').expect(200);
    const csp = page.headers['content-security-policy'] ?? '';
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.text).not.toMatch(/<script>(?!<\/script>)/); // no inline script for the policy to block
    const scripts = [...page.text.matchAll(/<script src=["']([^"']+)["']/g)].map((match) => match[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) await t.http.get(new URL(src, 'http://x/api/docs/').pathname).expect(200);
    // The SPA keeps the strict policy.
    expect((await t.http.get('/').expect(200)).headers['content-security-policy']).toMatch(/style-src 'self'(;|$)/);
  });
});
