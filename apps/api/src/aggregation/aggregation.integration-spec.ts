import { PERIOD_TYPES } from '@capacity/contracts';
import type { DataSource } from 'typeorm';
import { required } from '../common/required';
import { JobRunner } from '../jobs/job-runner.service';
import { createInstance, insertDatabaseStats, insertInstanceStats } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { AggregationRepository } from './aggregation.repository';
import { AggregationService } from './aggregation.service';

interface DbAggRow {
  database_name: string;
  period_start: string;
  period_end: string;
  avg_size_bytes: string;
  max_size_bytes: string;
  min_size_bytes: string;
  avg_data_size_bytes: string | null;
  max_data_size_bytes: string | null;
  min_data_size_bytes: string | null;
  avg_log_size_bytes: string | null;
  max_log_size_bytes: string | null;
  min_log_size_bytes: string | null;
  data_count: number;
  size_change_bytes: string | null;
  size_change_percent: string | null;
  growth_rate: string | null;
}

async function dbAgg(ds: DataSource, instanceId: number, db: string, type: string, start: string): Promise<DbAggRow | undefined> {
  const rows: DbAggRow[] = await ds.query(
    `SELECT database_name, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end,
            avg_size_bytes, max_size_bytes, min_size_bytes, avg_data_size_bytes, max_data_size_bytes, min_data_size_bytes,
            avg_log_size_bytes, max_log_size_bytes, min_log_size_bytes, data_count, size_change_bytes, size_change_percent, growth_rate
     FROM database_size_aggregations WHERE instance_id = $1 AND database_name = $2 AND period_type = $3 AND period_start = $4`,
    [instanceId, db, type, start],
  );
  return rows[0];
}

const snapshot = async (ds: DataSource) => ({
  db: await ds.query(`SELECT xmin::text AS xmin, * FROM database_size_aggregations ORDER BY instance_id, database_name, period_type, period_start`),
  inst: await ds.query(`SELECT xmin::text AS xmin, * FROM instance_size_aggregations ORDER BY instance_id, period_type, period_start`),
});

describe('aggregation on PostgreSQL', () => {
  let t: TestApp;
  let service: AggregationService;
  let ds: DataSource;
  let i1: number;
  let i2: number;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
    service = t.app.get(AggregationService);
    i1 = (await createInstance(ds)).id;
    i2 = (await createInstance(ds, { is_active: false })).id;
    await insertDatabaseStats(ds, [
      // db a: the ISO week 2026-12-28 … 2027-01-03 spans the new year and a quarter boundary; no log size.
      { instanceId: i1, databaseName: 'a', date: '2026-12-27', sizeBytes: 1000 },
      { instanceId: i1, databaseName: 'a', date: '2026-12-28', sizeBytes: 1000 },
      { instanceId: i1, databaseName: 'a', date: '2026-12-31', sizeBytes: 1100 },
      { instanceId: i1, databaseName: 'a', date: '2027-01-01', sizeBytes: 1200 },
      { instanceId: i1, databaseName: 'a', date: '2027-01-03', sizeBytes: 1400 },
      // db c appears in the middle of that week.
      { instanceId: i1, databaseName: 'c', date: '2027-01-02', sizeBytes: 500 },
      // db d: data and log sizes missing on one day.
      { instanceId: i1, databaseName: 'd', date: '2026-11-02', sizeBytes: 100, dataSizeBytes: 60, logSizeBytes: 40 },
      { instanceId: i1, databaseName: 'd', date: '2026-11-03', sizeBytes: 110, dataSizeBytes: null, logSizeBytes: null },
      // leap day, on an inactive instance.
      { instanceId: i2, databaseName: 'b', date: '2028-02-28', sizeBytes: 2000 },
      { instanceId: i2, databaseName: 'b', date: '2028-02-29', sizeBytes: 3000 },
      { instanceId: i2, databaseName: 'b', date: '2028-03-01', sizeBytes: 6000 },
    ]);
    await insertInstanceStats(ds, [
      { instanceId: i1, date: '2026-12-31', totalSizeBytes: 5000, databaseCount: 2 },
      { instanceId: i1, date: '2027-01-01', totalSizeBytes: 6000, logSizeBytes: 100, databaseCount: 3 },
    ]);
    await service.recomputeRange('2026-11-01', '2028-03-31');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('rolls the ISO week spanning the new year into one Monday–Sunday period', async () => {
    // (1000 + 1100 + 1200 + 1400) / 4 = 1175; growth (1400 − 1000) / 1000 = 40 %; previous week had 1000 → +175 = 17.5 %.
    expect(await dbAgg(ds, i1, 'a', 'weekly', '2026-12-28')).toEqual({
      database_name: 'a', period_start: '2026-12-28', period_end: '2027-01-03',
      avg_size_bytes: '1175', max_size_bytes: '1400', min_size_bytes: '1000',
      avg_data_size_bytes: '1175', max_data_size_bytes: '1400', min_data_size_bytes: '1000',
      avg_log_size_bytes: null, max_log_size_bytes: null, min_log_size_bytes: null,
      data_count: 4, size_change_bytes: '175', size_change_percent: '17.50', growth_rate: '40.00',
    });
    expect(await dbAgg(ds, i1, 'a', 'weekly', '2026-12-21')).toMatchObject({ period_end: '2026-12-27', data_count: 1, size_change_bytes: null, size_change_percent: null });
  });

  it('compares a quarter and a month with the previous one across the year end', async () => {
    // December: (1000 + 1000 + 1100) / 3 = 1033.33 → 1033. January / Q1: (1200 + 1400) / 2 = 1300 → +267 = 25.85 %.
    expect(await dbAgg(ds, i1, 'a', 'monthly', '2026-12-01')).toMatchObject({ period_end: '2026-12-31', avg_size_bytes: '1033', data_count: 3, growth_rate: '10.00' });
    for (const [type, start, end] of [['monthly', '2027-01-01', '2027-01-31'], ['quarterly', '2027-01-01', '2027-03-31']]) {
      expect(await dbAgg(ds, i1, 'a', type, start)).toMatchObject({
        period_end: end, avg_size_bytes: '1300', data_count: 2, size_change_bytes: '267', size_change_percent: '25.85', growth_rate: '16.67',
      });
    }
    expect(await dbAgg(ds, i1, 'a', 'quarterly', '2026-10-01')).toMatchObject({ period_end: '2026-12-31', avg_size_bytes: '1033', size_change_bytes: null });
  });

  it('compares a day with the day before and leaves the change empty after a missing day', async () => {
    expect(await dbAgg(ds, i1, 'a', 'daily', '2027-01-01')).toMatchObject({ period_end: '2027-01-01', avg_size_bytes: '1200', size_change_bytes: '100', size_change_percent: '9.09', growth_rate: '0.00' });
    expect(await dbAgg(ds, i1, 'a', 'daily', '2027-01-03')).toMatchObject({ size_change_bytes: null, size_change_percent: null });
  });

  it('ends February 2028 on the leap day and covers inactive instances', async () => {
    expect(await dbAgg(ds, i2, 'b', 'monthly', '2028-02-01')).toMatchObject({ period_end: '2028-02-29', avg_size_bytes: '2500', data_count: 2, growth_rate: '50.00' });
    expect(await dbAgg(ds, i2, 'b', 'monthly', '2028-03-01')).toMatchObject({ avg_size_bytes: '6000', size_change_bytes: '3500', size_change_percent: '140.00' });
    expect(await dbAgg(ds, i2, 'b', 'daily', '2028-03-01')).toMatchObject({ size_change_bytes: '3000', size_change_percent: '100.00' });
    // Monday 2028-02-28 … Sunday 2028-03-05: (2000 + 3000 + 6000) / 3 = 3666.67 → 3667.
    expect(await dbAgg(ds, i2, 'b', 'weekly', '2028-02-28')).toMatchObject({ period_end: '2028-03-05', avg_size_bytes: '3667', growth_rate: '200.00' });
  });

  it('counts a database from the day it appears, with no previous period to compare', async () => {
    expect(await dbAgg(ds, i1, 'c', 'weekly', '2026-12-28')).toMatchObject({ avg_size_bytes: '500', data_count: 1, size_change_bytes: null, size_change_percent: null, growth_rate: '0.00' });
    expect(await dbAgg(ds, i1, 'c', 'weekly', '2026-12-21')).toBeUndefined();
  });

  it('averages data and log sizes over the readings that have them', async () => {
    expect(await dbAgg(ds, i1, 'd', 'monthly', '2026-11-01')).toMatchObject({
      avg_size_bytes: '105', avg_data_size_bytes: '60', max_data_size_bytes: '60', min_data_size_bytes: '60',
      avg_log_size_bytes: '40', max_log_size_bytes: '40', min_log_size_bytes: '40', data_count: 2, growth_rate: '10.00',
    });
  });

  it('rolls instance totals with the database count change', async () => {
    const [row] = await ds.query(
      `SELECT avg_total_size_bytes, total_size_change_bytes, total_size_change_percent, avg_database_count, database_count_change, avg_log_size_bytes
       FROM instance_size_aggregations WHERE instance_id = $1 AND period_type = 'daily' AND period_start = '2027-01-01'`,
      [i1],
    );
    expect(row).toEqual({
      avg_total_size_bytes: '6000', total_size_change_bytes: '1000', total_size_change_percent: '20.00',
      avg_database_count: '3.00', database_count_change: 1, avg_log_size_bytes: '100',
    });
    const [week] = await ds.query(
      `SELECT avg_total_size_bytes, data_count, growth_rate, database_count_change FROM instance_size_aggregations
       WHERE instance_id = $1 AND period_type = 'weekly' AND period_start = '2026-12-28'`,
      [i1],
    );
    expect(week).toEqual({ avg_total_size_bytes: '5500', data_count: 2, growth_rate: '20.00', database_count_change: null });
  });

  it('changes no row when the same range is recomputed (same xmin, same calculated_at)', async () => {
    const before = await snapshot(ds);
    expect(before.db.length).toBeGreaterThan(20);
    const outcomes = await service.recomputeRange('2026-11-01', '2028-03-31');
    expect(outcomes.map((o) => o.databaseRows + o.instanceRows)).toEqual([0, 0, 0, 0]);
    expect(await snapshot(ds)).toEqual(before);
  });

  it('picks up a late reading in an incremental run and finishes a run that failed half way', async () => {
    const first = await service.run({ mode: 'incremental' }, PERIOD_TYPES, 'manual', null);
    expect((await t.app.get(AggregationRepository).getWatermark())).not.toBeNull();
    const session = await t.http.get(`/api/v1/sessions/${first}`).auth(t.adminToken, { type: 'bearer' }).expect(200);
    expect(session.body).toMatchObject({ sync_category: 'aggregation', status: 'completed', total_instances: 4 });
    expect(session.body.records.map((r: { instance_name: string; status: string }) => [r.instance_name, r.status])).toEqual(
      PERIOD_TYPES.map((type) => [type, 'completed']),
    );

    await insertDatabaseStats(ds, [{ instanceId: i1, databaseName: 'a', date: '2026-12-29', sizeBytes: 1300 }]);
    const repository = t.app.get(AggregationRepository);
    const markBefore = await repository.getWatermark();
    const original = repository.recompute.bind(repository);
    const spy = vi.spyOn(repository, 'recompute').mockImplementation(async (kind, type, range, manager) => {
      if (type === 'quarterly') throw new Error('simulated crash');
      return original(kind, type, range, manager);
    });
    const failed = await service.run({ mode: 'incremental' }, PERIOD_TYPES, 'scheduled', null);
    spy.mockRestore();
    const failedSession = await t.http.get(`/api/v1/sessions/${failed}`).auth(t.adminToken, { type: 'bearer' }).expect(200);
    expect(failedSession.body.status).toBe('partial');
    expect(await repository.getWatermark()).toEqual(markBefore);
    // The weekly rollup already sees the late reading: (1000 + 1300 + 1100 + 1200 + 1400) / 5 = 1200.
    expect(await dbAgg(ds, i1, 'a', 'weekly', '2026-12-28')).toMatchObject({ avg_size_bytes: '1200', data_count: 5, size_change_bytes: '200', size_change_percent: '20.00' });
    expect(await dbAgg(ds, i1, 'a', 'quarterly', '2026-10-01')).toMatchObject({ avg_size_bytes: '1033' });

    await service.run({ mode: 'incremental' }, PERIOD_TYPES, 'scheduled', null);
    // December (1000 + 1000 + 1300 + 1100) / 4 = 1100; so Q1 2027 changes by 1300 − 1100 = 200 = 18.18 %.
    expect(await dbAgg(ds, i1, 'a', 'quarterly', '2026-10-01')).toMatchObject({ avg_size_bytes: '1100', data_count: 4 });
    expect(await dbAgg(ds, i1, 'a', 'quarterly', '2027-01-01')).toMatchObject({ size_change_bytes: '200', size_change_percent: '18.18' });
    expect(await dbAgg(ds, i1, 'a', 'monthly', '2027-01-01')).toMatchObject({ size_change_bytes: '200', size_change_percent: '18.18' });
    expect(required(await repository.getWatermark(), 'the watermark after the run').getTime()).toBeGreaterThan(required(markBefore, 'the watermark before the run').getTime());
  });

  async function waitForSession(sessionId: string): Promise<string> {
    let status = 'running';
    for (let i = 0; i < 200 && status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await t.http.get(`/api/v1/sessions/${sessionId}`).auth(t.adminToken, { type: 'bearer' })).body.status;
    }
    return status;
  }

  it('answers POST /aggregations/run with 202 and a session, and 409 while a run holds the lock', async () => {
    const busy = await t.app
      .get(JobRunner)
      .withLock('aggregation', () => t.http.post('/api/v1/aggregations/run').auth(t.adminToken, { type: 'bearer' }).send({}).expect(409));
    expect(busy.body).toMatchObject({ statusCode: 409 });

    const started = await t.http
      .post('/api/v1/aggregations/run')
      .auth(t.adminToken, { type: 'bearer' })
      .send({ period_type: 'monthly', start_date: '2028-02-01', end_date: '2028-02-29' })
      .expect(202);
    expect(started.body).toEqual({ session_id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'running' });
    expect(await waitForSession(started.body.session_id)).toBe('completed');
    const noBody = await t.http.post('/api/v1/aggregations/run').auth(t.adminToken, { type: 'bearer' }).expect(202);
    expect(await waitForSession(noBody.body.session_id)).toBe('completed');

    const bad = await t.http.post('/api/v1/aggregations/run').auth(t.adminToken, { type: 'bearer' }).send({ period_type: 'yearly' }).expect(400);
    expect(bad.body.fields).toEqual(['period_type']);
    const reversed = await t.http.post('/api/v1/aggregations/run').auth(t.adminToken, { type: 'bearer' }).send({ start_date: '2028-03-01', end_date: '2028-02-01' }).expect(400);
    expect(reversed.body.fields).toEqual(['end_date']);
  });

  it('refuses POST /aggregations/run to a viewer (admin only), and starts no run', async () => {
    const viewer = await t.loginAs('viewer');
    const [{ before }]: { before: number }[] = await t.dataSource.query(`SELECT count(*)::int AS before FROM sync_sessions WHERE sync_category = 'aggregation'`);
    const refused = await t.http.post('/api/v1/aggregations/run').auth(viewer.token, { type: 'bearer' }).send({}).expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403 });
    const [{ after }]: { after: number }[] = await t.dataSource.query(`SELECT count(*)::int AS after FROM sync_sessions WHERE sync_category = 'aggregation'`);
    expect(after).toBe(before);
  });

  it('skips unknown sizes (null): a database with only those gets no row (never 0), a mixed one the figures of its known days', async () => {
    const i3 = (await createInstance(ds)).id;
    await insertDatabaseStats(ds, [
      { instanceId: i3, databaseName: 'hidden', date: '2029-05-01', sizeBytes: null, dataSizeBytes: null },
      { instanceId: i3, databaseName: 'hidden', date: '2029-05-02', sizeBytes: null, dataSizeBytes: null },
      { instanceId: i3, databaseName: 'mixed', date: '2029-05-01', sizeBytes: null, dataSizeBytes: null },
      { instanceId: i3, databaseName: 'mixed', date: '2029-05-02', sizeBytes: 300 },
      { instanceId: i3, databaseName: 'mixed', date: '2029-05-03', sizeBytes: 600 },
    ]);
    await insertInstanceStats(ds, [
      { instanceId: i3, date: '2029-05-01', totalSizeBytes: null, databaseCount: 2 },
      { instanceId: i3, date: '2029-05-03', totalSizeBytes: 900, databaseCount: 2 },
    ]);
    await service.recomputeRange('2029-05-01', '2029-05-31');
    expect(await dbAgg(ds, i3, 'hidden', 'monthly', '2029-05-01')).toBeUndefined();
    expect(await dbAgg(ds, i3, 'mixed', 'monthly', '2029-05-01')).toMatchObject({ avg_size_bytes: '450', min_size_bytes: '300', data_count: 2, growth_rate: '100.00' });
    const [instance]: { avg: string; count: number }[] = await ds.query(
      `SELECT avg_total_size_bytes::text AS avg, data_count AS count FROM instance_size_aggregations WHERE instance_id = $1 AND period_type = 'monthly'`,
      [i3],
    );
    expect(instance).toEqual({ avg: '900', count: 1 });
  });
});
