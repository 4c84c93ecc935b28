import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runRepoTool, REPO_ROOT } from '../test-support/repo-tools';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { serializeOpenApi } from './write-openapi';

const COMMITTED_DOCUMENT = join(REPO_ROOT, 'openapi.json');
const COMMITTED_TYPES = join(REPO_ROOT, 'apps/web/src/lib/api-schema.d.ts');
const STALE = 'is stale: run npm run openapi';

/** The options `npm run openapi` passes to openapi-typescript (between the input file and `-o`). */
async function openapiTypescriptFlags(): Promise<string[]> {
  const { scripts } = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const call = /openapi-typescript openapi\.json (.*?)\s*-o /.exec(scripts.openapi ?? '');
  if (!call) throw new Error('package.json: the openapi script no longer calls `openapi-typescript openapi.json … -o …`');
  return call[1]?.split(/\s+/).filter(Boolean) ?? [];
}

describe('committed OpenAPI files match the code', () => {
  let t: TestApp;
  let scratch: string;

  beforeAll(async () => {
    t = await createTestApp();
    scratch = await mkdtemp(join(tmpdir(), 'capacity-openapi-drift-'));
  });
  afterAll(async () => {
    await t?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('openapi.json is the document the app serves', async () => {
    const served = (await t.http.get('/api/docs-json').expect(200)).body as object;
    expect(await readFile(COMMITTED_DOCUMENT, 'utf8'), `openapi.json ${STALE}`).toBe(serializeOpenApi(served));
  });

  it('apps/web/src/lib/api-schema.d.ts is openapi-typescript\'s output for openapi.json', async () => {
    const generated = join(scratch, 'api-schema.d.ts');
    // The flags of `npm run openapi` itself, from the repository root (it reads redocly.yaml there).
    const run = await runRepoTool('openapi-typescript/bin/cli.js', ['openapi.json', ...(await openapiTypescriptFlags()), '-o', generated]);
    expect(run.status, `openapi-typescript failed:\n${run.stdout}\n${run.stderr}`).toBe(0);
    expect(await readFile(COMMITTED_TYPES, 'utf8'), `apps/web/src/lib/api-schema.d.ts ${STALE}`).toBe(await readFile(generated, 'utf8'));
  });
});
