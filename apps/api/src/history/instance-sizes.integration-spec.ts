import type { InstanceAggregationsResponse, InstanceResponse, InstanceSizesResponse, LatestDatabaseSizesResponse, SessionDetailResponse } from '@capacity/contracts';
import { AggregationService } from '../aggregation/aggregation.service';
import { LOCAL_PG, createPgDatabase, dropPgDatabases, pgDatabaseSizes, quotePg, uniqueSuffix, withPg } from '../collection/testing/local-engines';
import { JobRunner } from '../jobs/job-runner.service';
import { createTestApp, type TestApp } from '../test-support/test-app';

const MB = 1024 * 1024;
const mb = (bytes: number): number => Math.round((bytes / MB) * 100) / 100;

/** WAL on disk, read the way the collector reads it (a superuser may list the directory). */
const walBytes = (): Promise<number> =>
  withPg(async (client) => Number((await client.query<{ bytes: string }>(`SELECT coalesce(sum(size), 0)::text AS bytes FROM pg_ls_waldir()`)).rows[0].bytes));

describe('instance readings against the local PostgreSQL: databases closed to connections, WAL in the total', () => {
  const suffix = uniqueSuffix();
  const open = `cap_w_${suffix}_open`;
  const closed = `cap_w_${suffix}_closed`;
  let t: TestApp;
  let instance: InstanceResponse;
  let segmentBytes: number;

  const get = async <T>(path: string): Promise<T> => (await t.http.get(path).auth(t.adminToken, { type: 'bearer' }).expect(200)).body as T;

  beforeAll(async () => {
    await createPgDatabase(open, 2000);
    await createPgDatabase(closed, 4000);
    await withPg(async (client) => {
      await client.query(`ALTER DATABASE ${quotePg(closed)} WITH ALLOW_CONNECTIONS false`);
      segmentBytes = Number((await client.query<{ s: string }>(`SELECT setting AS s FROM pg_settings WHERE name = 'wal_segment_size'`)).rows[0].s);
    });
    t = await createTestApp();
    instance = (
      await t.http
        .post('/api/v1/instances')
        .auth(t.adminToken, { type: 'bearer' })
        .send({ name: `wal-${suffix}`, db_type: 'postgresql', host: LOCAL_PG.host, port: LOCAL_PG.port, username: LOCAL_PG.username, database_name: 'postgres' })
        .expect(201)
    ).body as InstanceResponse;
    const run = await t.http.post('/api/v1/collections/run').auth(t.adminToken, { type: 'bearer' }).send({ instance_id: instance.id }).expect(202);
    await t.app.get(JobRunner).idle();
    const session = await get<SessionDetailResponse>(`/api/v1/sessions/${run.body.session_id as string}`);
    expect(session.status).toBe('completed');
  });

  afterAll(async () => {
    await t?.close();
    await dropPgDatabases([open, closed]);
  });

  it('collects a database with ALLOW_CONNECTIONS false at its pg_database_size, and leaves the templates out', async () => {
    const latest = await get<LatestDatabaseSizesResponse>(`/api/v1/instances/${instance.id}/database-sizes/latest`);
    const expected = await pgDatabaseSizes([open, closed]);
    const byName = new Map(latest.data.map((row) => [row.database_name, row]));
    expect(byName.get(closed)?.size_bytes).toBe(expected.get(closed));
    expect(byName.get(open)?.size_bytes).toBe(expected.get(open));
    expect(byName.has('template0')).toBe(false);
    expect(byName.has('template1')).toBe(false);
    const [{ allowed }] = await withPg(async (client) => (await client.query<{ allowed: boolean }>(`SELECT datallowconn AS allowed FROM pg_database WHERE datname = $1`, [closed])).rows);
    expect(allowed).toBe(false);
  });

  it('stores the WAL on the instance reading and adds it to the databases in the total, both parts visible', async () => {
    const latest = await get<LatestDatabaseSizesResponse>(`/api/v1/instances/${instance.id}/database-sizes/latest`);
    const walNow = await walBytes();
    const databases = latest.data.reduce((sum, row) => sum + (row.size_bytes ?? 0), 0);
    const reading = latest.instance;
    expect(reading).not.toBeNull();
    // WAL segments are recycled and added while the spec runs: within one segment of a reading taken right after.
    expect(Math.abs((reading?.log_size_bytes ?? 0) - walNow)).toBeLessThanOrEqual(segmentBytes);
    expect(reading?.log_size_bytes).toBeGreaterThanOrEqual(segmentBytes);
    expect(reading).toMatchObject({
      data_size_bytes: databases,
      total_size_bytes: databases + (reading?.log_size_bytes ?? 0),
      database_count: latest.data.length,
    });
    expect(reading?.log_size_mb).toBe(mb(reading?.log_size_bytes ?? 0));

    const [row]: { total: string; data: string; log: string }[] = await t.dataSource.query(
      `SELECT total_size_bytes::text AS total, data_size_bytes::text AS data, log_size_bytes::text AS log FROM instance_size_stats WHERE instance_id = $1`,
      [instance.id],
    );
    expect({ total: Number(row.total), data: Number(row.data), log: Number(row.log) }).toEqual({
      total: reading?.total_size_bytes,
      data: databases,
      log: reading?.log_size_bytes,
    });

    const history = await get<InstanceSizesResponse>(`/api/v1/instances/${instance.id}/instance-sizes`);
    expect(history.data).toEqual([reading]);

    // The instances list's latest total is the same total, the log included.
    const listed = (await get<{ data: InstanceResponse[] }>('/api/v1/instances')).data.find((i) => i.id === instance.id);
    expect(listed?.latest_total_size_bytes).toBe(reading?.total_size_bytes);
  });

  it('rolls the parts up per period: total, data (databases) and log of the instance', async () => {
    const reading = (await get<LatestDatabaseSizesResponse>(`/api/v1/instances/${instance.id}/database-sizes/latest`)).instance;
    const day = reading?.collected_date ?? '';
    await t.app.get(AggregationService).recomputeRange(day, day, ['daily']);
    const page = await get<InstanceAggregationsResponse>(`/api/v1/instances/${instance.id}/instance-sizes/aggregations?period_type=daily`);
    expect(page.pagination.total).toBe(1);
    expect(page.data[0]).toMatchObject({
      period_type: 'daily',
      period_start: day,
      period_end: day,
      statistics: {
        avg_total_size_mb: reading?.total_size_mb,
        max_total_size_mb: reading?.total_size_mb,
        min_total_size_mb: reading?.total_size_mb,
        avg_data_size_mb: reading?.data_size_mb,
        avg_log_size_mb: reading?.log_size_mb,
        max_log_size_mb: reading?.log_size_mb,
        avg_database_count: reading?.database_count,
        data_count: 1,
      },
    });
  });

  it('answers 400 naming the field for a bad period type, and 404 for an unknown instance', async () => {
    const bad = await t.http.get(`/api/v1/instances/${instance.id}/instance-sizes/aggregations?period_type=hourly`).auth(t.adminToken, { type: 'bearer' }).expect(400);
    expect(bad.body.fields).toEqual(['period_type']);
    await t.http.get('/api/v1/instances/999999/instance-sizes').auth(t.adminToken, { type: 'bearer' }).expect(404);
  });
});
