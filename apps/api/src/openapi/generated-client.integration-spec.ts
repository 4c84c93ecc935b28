import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { REPO_ROOT, runRepoTool, type ToolRun } from '../test-support/repo-tools';
import { createTestApp, type TestApp } from '../test-support/test-app';

/** A caller of each main resource, as an OpenAPI client would write it: typed reads, `page: 1`, `database_name: 'x'`. */
const CALLS = `import createClient from 'openapi-fetch';
import type { paths } from './api-schema';

const client = createClient<paths, 'application/json'>({ baseUrl: 'http://localhost:3000' }); // JSON only: table endpoints declare text/csv too
const id = 1;

export async function readEverything(): Promise<unknown[]> {
  const history = await client.GET('/api/v1/instances/{id}/database-sizes', {
    params: { path: { id }, query: { start_date: '2026-01-01', end_date: '2026-12-31', database_name: 'x' } },
  });
  const series = history.data?.data[0];
  const seriesName: string | undefined = series?.database_name;
  const sizeMb: number | null | undefined = series?.stats[0]?.size_mb;
  const collectedDate: string | undefined = series?.stats[0]?.collected_date;

  const aggregations = await client.GET('/api/v1/instances/{id}/database-sizes/aggregations', {
    params: { path: { id }, query: { period_type: 'monthly', database_name: 'x', page: 1, per_page: 50 } },
  });
  const aggregation = aggregations.data?.data[0];
  const avgSizeMb: number | undefined = aggregation?.statistics.avg_size_mb;
  const growthRate: number | null | undefined = aggregation?.statistics.growth_rate;
  const instanceName: string | undefined = aggregation?.instance.name;
  const total: number | undefined = aggregations.data?.pagination.total;

  const fleetAggregations = await client.GET('/api/v1/aggregations', { params: { query: { database_name: 'x', page: 1 } } });
  const hasNext: boolean | undefined = fleetAggregations.data?.pagination.has_next;
  const periodStart: string | undefined = fleetAggregations.data?.data[0]?.period_start;

  const trends = await client.GET('/api/v1/instances/{id}/database-sizes/trends', { params: { path: { id }, query: { period_type: 'monthly', months: 6 } } });
  const period: string | undefined = trends.data?.data.trends[0]?.period;
  const trendTotal: number | undefined = trends.data?.data.trends[0]?.total_size_mb;
  const largest: string | null | undefined = trends.data?.data.summary.largest_database;

  const latest = await client.GET('/api/v1/instances/{id}/database-sizes/latest', { params: { path: { id } } });
  const latestBytes: number | null | undefined = latest.data?.data[0]?.size_bytes;
  const instanceTotal: number | null | undefined = latest.data?.instance?.total_size_mb;

  const instances = await client.GET('/api/v1/instances', { params: { query: { page: 1, per_page: 20, search: 'x' } } });
  const instance = instances.data?.data[0];
  const host: string | undefined = instance?.host;
  const port: number | undefined = instance?.port;
  const description: string | null | undefined = instance?.description;
  const tags: string[] | undefined = instance?.tags;

  const sessions = await client.GET('/api/v1/sessions', { params: { query: { page: 1 } } });
  const sessionId: string | undefined = sessions.data?.data[0]?.session_id;
  const failedInstances: number | undefined = sessions.data?.data[0]?.failed_instances;
  const session = await client.GET('/api/v1/sessions/{id}', { params: { path: { id: 'a-session' } } });
  const recordStatus: string | undefined = session.data?.records[0]?.status;

  const partitions = await client.GET('/api/v1/partitions', { params: { query: { table: 'database_size_stats' } } });
  const partitionName: string | undefined = partitions.data?.data[0]?.name;
  const rowCount: number | undefined = partitions.data?.data[0]?.row_count;
  const status = await client.GET('/api/v1/partitions/status');
  const healthy: boolean | undefined = status.data?.healthy;

  const failure = instances.error;
  const errorFields: string[] | undefined = failure?.fields;

  return [seriesName, sizeMb, collectedDate, avgSizeMb, growthRate, instanceName, total, hasNext, periodStart, period, trendTotal,
    largest, latestBytes, instanceTotal, host, port, description, tags, sessionId, failedInstances, recordStatus, partitionName,
    rowCount, healthy, errorFields];
}
`;

/** Reads that the document does not allow: each must be a compile error, or the answers are typed `any`. */
const WRONG_READS = `import createClient from 'openapi-fetch';
import type { paths } from './api-schema';

const client = createClient<paths, 'application/json'>({ baseUrl: 'http://localhost:3000' }); // JSON only: table endpoints declare text/csv too

export async function readWrong(): Promise<unknown[]> {
  const instances = await client.GET('/api/v1/instances', { params: { query: { page: 1 } } });
  const missing = instances.data?.data[0]?.does_not_exist;
  const history = await client.GET('/api/v1/instances/{id}/database-sizes', { params: { path: { id: 1 } } });
  const wrongType: string | undefined = history.data?.data[0]?.stats[0]?.size_mb;
  return [missing, wrongType];
}
`;

/** tsc of the repository on one file, as strict as the acceptance asks. */
function typeCheck(folder: string, file: string): Promise<ToolRun> {
  return runRepoTool(
    'typescript/bin/tsc',
    ['--strict', '--noUncheckedIndexedAccess', '--noEmit', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2022,dom', '--types', 'node', '--skipLibCheck', file],
    { cwd: folder },
  );
}

describe('a client generated from /api/docs-json', () => {
  let t: TestApp;
  let folder: string;
  /** Both compilations, started together (each takes seconds). */
  let compiled: { calls: Promise<ToolRun>; wrongReads: Promise<ToolRun> };

  beforeAll(async () => {
    t = await createTestApp();
    folder = await mkdtemp(join(tmpdir(), 'capacity-generated-client-'));
    // The scratch project resolves openapi-fetch (and @types/node) from the repository's own node_modules.
    await symlink(join(REPO_ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
    const document = (await t.http.get('/api/docs-json').expect(200)).body as Parameters<typeof openapiTS>[0];
    await writeFile(join(folder, 'api-schema.d.ts'), astToString(await openapiTS(document, { silent: true })));
    await writeFile(join(folder, 'calls.ts'), CALLS);
    await writeFile(join(folder, 'wrong-reads.ts'), WRONG_READS);
    compiled = { calls: typeCheck(folder, 'calls.ts'), wrongReads: typeCheck(folder, 'wrong-reads.ts') };
    await Promise.all([compiled.calls, compiled.wrongReads]);
  });
  afterAll(async () => {
    await t?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('type-checks a call to each main resource with strict and noUncheckedIndexedAccess', async () => {
    const run = await compiled.calls;
    expect(run.stdout + run.stderr, 'tsc --strict --noUncheckedIndexedAccess calls.ts').toBe('');
    expect(run.status).toBe(0);
  });

  it('refuses a field the document does not have and a field of the wrong type (the answers are not `any`)', async () => {
    const run = await compiled.wrongReads;
    expect(run.status).not.toBe(0);
    expect(run.stdout).toMatch(/wrong-reads\.ts\(8,\d+\): error TS2339: Property 'does_not_exist' does not exist/);
    expect(run.stdout).toMatch(/wrong-reads\.ts\(10,\d+\): error TS2322: Type 'number \| null \| undefined' is not assignable to type 'string \| undefined'/);
    expect(run.stdout.match(/error TS/g)).toHaveLength(2);
  });
});
