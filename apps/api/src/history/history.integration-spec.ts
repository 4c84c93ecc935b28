import { addMonthsToDate, todayIn } from '@capacity/contracts';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { AggregationService } from '../aggregation/aggregation.service';
import { createInstance, insertDatabaseStats, insertInstanceStats, type DatabaseStatRow } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';

const MiB = 1024 * 1024;

describe('history and aggregation API', () => {
  let t: TestApp;
  let ds: DataSource;
  let viewer: { id: number; token: string };
  let a: { id: number; name: string };
  let b: { id: number; name: string };
  let c: { id: number; name: string };
  const get = (path: string, token = t.adminToken) => t.http.get(`/api/v1${path}`).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
    viewer = await t.loginAs('viewer');
    a = await createInstance(ds, { owner_id: viewer.id, name: 'alpha' });
    b = await createInstance(ds, { db_type: 'mysql', name: 'bravo' });
    c = await createInstance(ds, { name: 'charlie' });
    const rows: DatabaseStatRow[] = [];
    for (let k = 0; k < 10; k++) {
      const date = `2026-10-${String(k + 1).padStart(2, '0')}`;
      rows.push({ instanceId: a.id, databaseName: 'sales', date, sizeBytes: (100 + 2 * k) * MiB, dataSizeBytes: (90 + 2 * k) * MiB, logSizeBytes: 10 * MiB });
      rows.push({ instanceId: a.id, databaseName: 'hr', date, sizeBytes: 50 * MiB, logSizeBytes: null });
      rows.push({ instanceId: c.id, databaseName: 'lin', date, sizeBytes: (200 + 3 * k) * MiB });
    }
    rows.push({ instanceId: a.id, databaseName: 'sales', date: '2026-11-01', sizeBytes: 130 * MiB, dataSizeBytes: 120 * MiB, logSizeBytes: 10 * MiB });
    rows.push({ instanceId: a.id, databaseName: 'hr', date: '2026-11-01', sizeBytes: 40 * MiB, logSizeBytes: null });
    rows.push({ instanceId: b.id, databaseName: 'shop', date: '2026-10-05', sizeBytes: 10 * MiB });
    for (let k = 0; k < 3; k++) rows.push({ instanceId: c.id, databaseName: 'tiny', date: `2026-10-0${k + 1}`, sizeBytes: MiB });
    await insertDatabaseStats(ds, rows);
    await insertInstanceStats(ds, [
      { instanceId: a.id, date: '2026-10-01', totalSizeBytes: 150 * MiB, databaseCount: 2 },
      { instanceId: a.id, date: '2026-11-01', totalSizeBytes: 170 * MiB, databaseCount: 2 },
      ...Array.from({ length: 8 }, (_, k) => ({ instanceId: c.id, date: `2026-10-0${k + 1}`, totalSizeBytes: (1000 + 10 * k) * MiB, databaseCount: 2 })),
    ]);
    await t.app.get(AggregationService).recomputeRange('2026-10-01', '2026-11-30');
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('GET /instances/:id/database-sizes', () => {
    it('groups readings per database with every field of DESIGN §8', async () => {
      const res = await get(`/instances/${a.id}/database-sizes?start_date=2026-10-01&end_date=2026-10-02`).expect(200);
      expect(res.body).toEqual({
        data: [
          {
            database_name: 'hr',
            stats: [
              { collected_date: '2026-10-01', collected_at: '2026-10-01T03:00:00.000Z', size_mb: 50, size_bytes: 50 * MiB, data_size_mb: 50, log_size_mb: null, size_source: null },
              { collected_date: '2026-10-02', collected_at: '2026-10-02T03:00:00.000Z', size_mb: 50, size_bytes: 50 * MiB, data_size_mb: 50, log_size_mb: null, size_source: null },
            ],
          },
          {
            database_name: 'sales',
            stats: [
              { collected_date: '2026-10-01', collected_at: '2026-10-01T03:00:00.000Z', size_mb: 100, size_bytes: 100 * MiB, data_size_mb: 90, log_size_mb: 10, size_source: null },
              { collected_date: '2026-10-02', collected_at: '2026-10-02T03:00:00.000Z', size_mb: 102, size_bytes: 102 * MiB, data_size_mb: 92, log_size_mb: 10, size_source: null },
            ],
          },
        ],
      });
    });

  });

  describe('GET /instances/:id/database-sizes/aggregations', () => {
    it('answers aggregation items newest first with pagination', async () => {
      const res = await get(`/instances/${a.id}/database-sizes/aggregations?period_type=daily&start_date=2026-10-09&end_date=2026-10-31&per_page=2`).expect(200);
      expect(res.body.pagination).toEqual({ page: 1, pages: 2, per_page: 2, total: 4, has_next: true, has_prev: false });
      expect(res.body.data.map((item: { database_name: string; period_start: string }) => `${item.period_start} ${item.database_name}`)).toEqual([
        '2026-10-10 hr',
        '2026-10-10 sales',
      ]);
      expect(res.body.data[1]).toEqual({
        instance: { id: a.id, name: 'alpha', db_type: 'postgresql' },
        database_name: 'sales',
        period_type: 'daily',
        period_start: '2026-10-10',
        period_end: '2026-10-10',
        statistics: {
          avg_size_mb: 118, max_size_mb: 118, min_size_mb: 118,
          avg_data_size_mb: 108, max_data_size_mb: 108, min_data_size_mb: 108,
          avg_log_size_mb: 10, max_log_size_mb: 10, min_log_size_mb: 10,
          data_count: 1,
          // vs 2026-10-09 (116 MiB): +2 MiB = 1.72 %
          size_change_mb: 2, size_change_percent: 1.72, growth_rate: 0,
        },
        calculated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      });
      const page2 = await get(`/instances/${a.id}/database-sizes/aggregations?period_type=daily&start_date=2026-10-09&end_date=2026-10-31&per_page=2&page=2`).expect(200);
      expect(page2.body.pagination).toMatchObject({ page: 2, has_next: false, has_prev: true });
      expect(page2.body.data.map((item: { period_start: string }) => item.period_start)).toEqual(['2026-10-09', '2026-10-09']);
    });

    it('computes monthly figures: average 109 MiB, growth 18 %, November vs October', async () => {
      const res = await get(`/instances/${a.id}/database-sizes/aggregations?period_type=monthly&database_name=sales`).expect(200);
      expect(res.body.data.map((item: { period_start: string; period_end: string }) => [item.period_start, item.period_end])).toEqual([
        ['2026-11-01', '2026-11-30'],
        ['2026-10-01', '2026-10-31'],
      ]);
      expect(res.body.data[1].statistics).toMatchObject({ avg_size_mb: 109, max_size_mb: 118, min_size_mb: 100, data_count: 10, growth_rate: 18, size_change_mb: null, size_change_percent: null });
      // 130 − 109 = 21 MiB = 19.27 %
      expect(res.body.data[0].statistics).toMatchObject({ avg_size_mb: 130, size_change_mb: 21, size_change_percent: 19.27 });
    });
  });

  describe('GET /instances/:id/database-sizes/trends', () => {
    it('answers per-period totals, per-database figures and the summary', async () => {
      const res = await get(`/instances/${a.id}/database-sizes/trends?period_type=monthly&months=120`).expect(200);
      expect(res.body).toEqual({
        data: {
          trends: [
            {
              period: '2026-10', period_start: '2026-10-01', period_end: '2026-10-31', total_size_mb: 159,
              databases: [
                { database_name: 'hr', avg_size_mb: 50, growth_rate: 0 },
                { database_name: 'sales', avg_size_mb: 109, growth_rate: 18 },
              ],
            },
            {
              period: '2026-11', period_start: '2026-11-01', period_end: '2026-11-30', total_size_mb: 170,
              databases: [
                { database_name: 'hr', avg_size_mb: 40, growth_rate: 0 },
                { database_name: 'sales', avg_size_mb: 130, growth_rate: 0 },
              ],
            },
          ],
          // (170 − 159) / 159 = 6.92 %; sales grew 109 → 130, hr shrank.
          summary: { total_growth_rate: 6.92, largest_database: 'sales', fastest_growing: 'sales' },
        },
      });
    });

    it('labels ISO weeks', async () => {
      const res = await get(`/instances/${a.id}/database-sizes/trends?period_type=weekly&months=120`).expect(200);
      expect(res.body.data.trends.map((p: { period: string }) => p.period)).toEqual(['2026-W40', '2026-W41', '2026-W44']);
    });

  });

  describe('GET /instances/:id/database-sizes/forecast', () => {
    it('fits a line: 3 MB/day projected at +30 and +90 days', async () => {
      const res = await get(`/instances/${c.id}/database-sizes/forecast?database_name=lin`).expect(200);
      expect(res.body).toEqual({
        database_name: 'lin',
        points_used: 10,
        slope_mb_per_day: 3,
        projections: [
          { days: 30, date: '2026-11-09', size_mb: 317 },
          { days: 90, date: '2027-01-08', size_mb: 497 },
        ],
        enough_history: true,
        message: expect.stringContaining('10 daily points'),
      });
    });

    it('projects at the given horizon and forecasts the instance total', async () => {
      const one = await get(`/instances/${c.id}/database-sizes/forecast?database_name=lin&horizon_days=5`).expect(200);
      expect(one.body.projections).toEqual([{ days: 5, date: '2026-10-15', size_mb: 242 }]);
      const total = await get(`/instances/${c.id}/database-sizes/forecast`).expect(200);
      // 1000 + 10k MiB over 8 days: +30 days after 2026-10-08 → 1000 + 10 × 37 = 1370
      expect(total.body).toMatchObject({ database_name: null, points_used: 8, slope_mb_per_day: 10, projections: [{ days: 30, size_mb: 1370 }, { days: 90, size_mb: 1970 }] });
    });

    it('refuses to make up a number with fewer than 7 points', async () => {
      const res = await get(`/instances/${c.id}/database-sizes/forecast?database_name=tiny`).expect(200);
      expect(res.body).toEqual({
        database_name: 'tiny', points_used: 3, slope_mb_per_day: null, projections: [], enough_history: false,
        message: expect.stringMatching(/not enough history.*3 daily point\(s\).*at least 7/),
      });
    });
  });

  describe('GET /aggregations and /aggregations/summary', () => {
    it('lists across instances, each item naming its instance, filtered by db_type', async () => {
      const all = await get('/aggregations?period_type=monthly&start_date=2026-10-01&end_date=2026-10-31&per_page=100').expect(200);
      expect(all.body.data.map((item: { instance: { name: string }; database_name: string }) => `${item.instance.name}/${item.database_name}`)).toEqual([
        'alpha/hr', 'alpha/sales', 'bravo/shop', 'charlie/lin', 'charlie/tiny',
      ]);
      const mysql = await get('/aggregations?db_type=mysql&period_type=monthly').expect(200);
      expect(mysql.body.data).toHaveLength(1);
      expect(mysql.body.data[0]).toMatchObject({ instance: { id: b.id, name: 'bravo', db_type: 'mysql' }, database_name: 'shop', period_type: 'monthly', period_start: '2026-10-01' });
      const one = await get(`/aggregations?instance_id=${c.id}&database_name=lin&period_type=quarterly`).expect(200);
      expect(one.body.data).toEqual([expect.objectContaining({ period_start: '2026-10-01', period_end: '2026-12-31', statistics: expect.objectContaining({ avg_size_mb: 213.5 }) })]);
    });

    it('filters by a case-insensitive substring of the database name, its % and _ taken literally, in JSON and CSV', async () => {
      const names = async (query: string) =>
        (await get(`/aggregations?period_type=monthly&per_page=100&${query}`).expect(200)).body.data.map((item: { instance: { name: string }; database_name: string }) => `${item.instance.name}/${item.database_name}`);
      expect(await names('database_name=AL')).toEqual(['alpha/sales', 'alpha/sales']);
      expect(await names('database_name=i')).toEqual(['charlie/lin', 'charlie/tiny']);
      // As LIKE wildcards these would match sales and hr/shop.
      expect(await names(`database_name=${encodeURIComponent('s%s')}`)).toEqual([]);
      expect(await names('database_name=h_')).toEqual([]);
      const csv = await get('/aggregations?period_type=monthly&database_name=SAL&format=csv').expect(200);
      const lines: Record<string, string>[] = parse(csv.text, { bom: true, columns: true });
      expect(lines.map((line) => `${line.instance_name}/${line.database_name}/${line.period_start}`)).toEqual([
        'alpha/sales/2026-11-01',
        'alpha/sales/2026-10-01',
      ]);
    });

    it("keeps one instance's database filter exact: it names one database", async () => {
      expect((await get(`/instances/${a.id}/database-sizes/aggregations?period_type=monthly&database_name=SALES`).expect(200)).body.data).toEqual([]);
      expect((await get(`/instances/${a.id}/database-sizes/aggregations?period_type=monthly&database_name=sale`).expect(200)).body.data).toEqual([]);
      expect((await get(`/instances/${a.id}/database-sizes?start_date=2026-10-01&end_date=2026-11-30&database_name=sale`).expect(200)).body.data).toEqual([]);
      expect((await get(`/instances/${c.id}/database-sizes/forecast?database_name=LIN`).expect(200)).body).toMatchObject({ database_name: 'LIN', points_used: 0 });
    });

    it('shows a viewer only its own instances', async () => {
      const res = await get('/aggregations?period_type=monthly&per_page=100', viewer.token).expect(200);
      expect(new Set(res.body.data.map((item: { instance: { id: number } }) => item.instance.id))).toEqual(new Set([a.id]));
      const other = await get(`/aggregations?instance_id=${b.id}`, viewer.token).expect(200);
      expect(other.body).toEqual({ data: [], pagination: { page: 1, pages: 1, per_page: 20, total: 0, has_next: false, has_prev: false } });
    });

    it('summarises instances, databases, latest size and 30-day growth', async () => {
      const mine = await get('/aggregations/summary', viewer.token).expect(200);
      // alpha: 170 MiB on 2026-11-01, 150 MiB on 2026-10-01 → +20 MiB = 13.33 %
      expect(mine.body).toEqual({
        data: { total_instances: 1, total_databases: 2, total_size_mb: 170, unsized_instances: 0, latest_date: '2026-11-01', growth_30d_mb: 20, growth_30d_percent: 13.33 },
      });
      const all = await get('/aggregations/summary').expect(200);
      // charlie's latest 1070 MiB has no reading 30 days before it: not in the growth.
      expect(all.body.data).toEqual({ total_instances: 3, total_databases: 4, total_size_mb: 1240, unsized_instances: 0, latest_date: '2026-11-01', growth_30d_mb: 20, growth_30d_percent: 13.33 });
    });
  });

  describe('access and validation', () => {
    it('answers 404 to a viewer for an instance it does not own, on every route', async () => {
      for (const path of ['database-sizes', 'database-sizes/aggregations?period_type=daily', 'database-sizes/trends?period_type=monthly', 'database-sizes/forecast']) {
        const res = await get(`/instances/${b.id}/${path}`, viewer.token).expect(404);
        expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: `instance ${b.id} not found`, fields: [] });
        await get(`/instances/${a.id}/${path}`, viewer.token).expect(200);
      }
      await get('/instances/999999/database-sizes').expect(404);
    });

    it.each([
      ['database-sizes?start_date=2026-10-05&end_date=2026-10-01', 'end_date'],
      ['database-sizes?start_date=2026-02-30', 'start_date'],
      ['database-sizes?end_date=yesterday', 'end_date'],
      ['database-sizes/aggregations', 'period_type'],
      ['database-sizes/aggregations?period_type=yearly', 'period_type'],
      ['database-sizes/aggregations?period_type=daily&per_page=1001', 'per_page'],
      ['database-sizes/aggregations?period_type=daily&page=0', 'page'],
      ['database-sizes/trends?period_type=hourly', 'period_type'],
      ['database-sizes/trends?period_type=monthly&months=0', 'months'],
      ['database-sizes/trends?period_type=monthly&months=121', 'months'],
      ['database-sizes/forecast?horizon_days=4000', 'horizon_days'],
      ['database-sizes/forecast?horizon_days=abc', 'horizon_days'],
    ])('answers 400 naming the field for %s', async (path, field) => {
      const res = await get(`/instances/${a.id}/${path}`).expect(400);
      expect(res.body.fields).toEqual([field]);
      expect(JSON.stringify(res.body.message)).toContain(field);
    });

    it('answers 400 on the cross-instance list and a start date after today', async () => {
      const res = await get('/aggregations?start_date=2026-10-05&end_date=2026-10-01').expect(400);
      expect(res.body.fields).toEqual(['end_date']);
      expect((await get('/aggregations?db_type=db2').expect(400)).body.fields).toEqual(['db_type']);
      const future = await get(`/instances/${a.id}/database-sizes?start_date=2999-01-01`).expect(400);
      expect(future.body).toMatchObject({ statusCode: 400, fields: ['start_date'], message: expect.stringContaining('start_date') });
    });
  });

  // These write readings relative to today and recompute every instance: they run last.
  describe('windows relative to today', () => {
    it('filters by database and defaults to the last 30 days', async () => {
      const one = await get(`/instances/${a.id}/database-sizes?start_date=2026-10-01&end_date=2026-11-30&database_name=sales`).expect(200);
      expect(one.body.data.map((s: { database_name: string }) => s.database_name)).toEqual(['sales']);
      expect(one.body.data[0].stats).toHaveLength(11);
      const today = todayIn('UTC');
      const old = new Date(Date.parse(`${today}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
      const last = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
      await insertDatabaseStats(ds, [
        { instanceId: b.id, databaseName: 'recent', date: today, sizeBytes: MiB },
        { instanceId: b.id, databaseName: 'recent', date: last, sizeBytes: MiB },
        { instanceId: b.id, databaseName: 'recent', date: old, sizeBytes: MiB },
      ]);
      const recent = await get(`/instances/${b.id}/database-sizes`).expect(200);
      expect(recent.body.data).toEqual([{ database_name: 'recent', stats: [expect.objectContaining({ collected_date: last }), expect.objectContaining({ collected_date: today })] }]);
    });
    it('defaults to the periods of the last 12 months', async () => {
      const today = todayIn('UTC');
      const shift = (months: number) => addMonthsToDate(today, months);
      const d = await createInstance(ds, { name: 'delta' });
      await insertDatabaseStats(ds, [
        { instanceId: d.id, databaseName: 'x', date: today, sizeBytes: 2 * MiB },
        { instanceId: d.id, databaseName: 'x', date: shift(-11), sizeBytes: MiB },
        { instanceId: d.id, databaseName: 'x', date: shift(-14), sizeBytes: MiB },
      ]);
      await t.app.get(AggregationService).recomputeRange(shift(-14), today, ['monthly']);
      const res = await get(`/instances/${d.id}/database-sizes/trends?period_type=monthly`).expect(200);
      expect(res.body.data.trends.map((p: { period: string }) => p.period)).toEqual([shift(-11).slice(0, 7), today.slice(0, 7)]);
      const short = await get(`/instances/${d.id}/database-sizes/trends?period_type=monthly&months=1`).expect(200);
      expect(short.body.data.trends.map((p: { period: string }) => p.period)).toEqual([today.slice(0, 7)]);
    });
  });
});
