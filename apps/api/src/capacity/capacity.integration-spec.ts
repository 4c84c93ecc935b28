import { addDays, type CapacityItemResponse } from '@capacity/contracts';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import type { CollectionResult } from '../collector/collector.types';
import { required } from '../common/required';
import { StatsService } from '../stats/stats.service';
import { insertDatabaseStats, insertInstanceStats } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { CapacityForecastService } from './capacity-forecast.service';

const LAST = '2026-03-31';
const GB = 1024 ** 3;

/** Student's t, 0.975 quantile, from the printed tables (df = n − 2). */
const T_TABLE: Record<number, number> = { 12: 2.178813, 18: 2.100922, 28: 2.048407 };

/** The day `back` days before LAST. */
const day = (back: number) => addDays(LAST, -back);

/** A series of `n` daily sizes ending on LAST: size(x) for x = −(n−1) … 0. */
function series(n: number, size: (x: number) => number): { date: string; bytes: number }[] {
  return Array.from({ length: n }, (_, i) => {
    const x = i - (n - 1);
    return { date: day(-x), bytes: Math.round(size(x)) };
  });
}

/**
 * The textbook computation, independent of the SQL: ordinary least squares by its sums, the 95 % prediction interval
 * ŷ(x) ± t·s·√(1 + 1/n + (x − x̄)²/Sxx) with t from the table, and the days at which its bounds reach the limit found
 * by bisection (not by the quadratic the code solves).
 */
function byHand(points: { bytes: number }[], limit: number) {
  const n = points.length;
  const xs = points.map((_, i) => i - (n - 1));
  const ys = points.map((p) => p.bytes);
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const sxy = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0);
  const b = sxy / sxx;
  const a = my - b * mx; // the fitted size at x = 0, the latest day
  const sse = xs.reduce((s, x, i) => s + (ys[i] - (a + b * x)) ** 2, 0);
  const sd = Math.sqrt(sse / (n - 2));
  const t = T_TABLE[n - 2];
  const half = (x: number) => t * sd * Math.sqrt(1 + 1 / n + (x - mx) ** 2 / sxx);
  const crossing = (bound: (x: number) => number) => {
    let lo = 0;
    let hi = 100_000;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (bound(mid) >= limit) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  const days = (limit - a) / b;
  return {
    growth: b,
    days,
    early: crossing((x) => a + b * x + half(x)),
    late: crossing((x) => a + b * x - half(x)),
  };
}

describe('capacity: limits and the forecast to them (PostgreSQL)', () => {
  let t: TestApp;
  let ds: DataSource;
  const admin = () => t.adminToken;
  const get = (path: string, query: Record<string, string | number> = {}, token = admin()) => t.http.get(`/api/v1${path}`).query(query).auth(token, { type: 'bearer' });

  async function instance(name: string, extra: { owner_id?: number; tags?: string[]; db_type?: string } = {}): Promise<number> {
    const [row]: { id: number }[] = await ds.query(
      `INSERT INTO instances (name, db_type, host, port, username, owner_id, tags) VALUES ($1, $2, 'h', 1, 'u', $3, $4) RETURNING id`,
      [name, extra.db_type ?? 'postgresql', extra.owner_id ?? null, extra.tags ?? []],
    );
    return row.id;
  }

  /** Database and instance readings of one database per instance (the instance total = the database). */
  async function readings(instanceId: number, databaseName: string, points: { date: string; bytes: number }[]): Promise<void> {
    await insertDatabaseStats(ds, points.map((p) => ({ instanceId, databaseName, date: p.date, sizeBytes: p.bytes })));
    await insertInstanceStats(ds, points.map((p) => ({ instanceId, date: p.date, totalSizeBytes: p.bytes, databaseCount: 1 })));
  }

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('the forecast of a known series', () => {
    // 20 days of 1 GB/day with an alternating ±0.2 GB wobble: the fit is not exact, so the band has a width.
    const points = series(20, (x) => 100 * GB + GB * x + (x % 2 === 0 ? 0.2 : -0.2) * GB);
    const limit = 200 * GB;
    let id: number;

    beforeAll(async () => {
      id = await instance('known-series');
      await readings(id, 'orders', points);
      await t.http.put(`/api/v1/instances/${id}/databases/orders/limit`).auth(admin(), { type: 'bearer' }).send({ limit_bytes: limit }).expect(200);
    });

    it('gives growth per day, days to full and its 95 % band as computed by hand', async () => {
      const expected = byHand(points, limit);
      const res = await get(`/instances/${id}/capacity`).expect(200);
      const [database] = res.body.databases as CapacityItemResponse[];
      expect(database).toMatchObject({ database_name: 'orders', status: 'ok', limit_bytes: limit, limit_source: 'configured', points: 20, last_date: LAST });
      expect(database.growth_bytes_per_day).toBe(Math.round(expected.growth));
      expect(database.days_to_full).toBeCloseTo(expected.days, 1);
      expect(database.days_to_full_early).toBeCloseTo(expected.early, 1);
      expect(database.days_to_full_late).toBeCloseTo(expected.late, 1);
      expect(Number(database.days_to_full_early)).toBeLessThan(Number(database.days_to_full));
      expect(Number(database.days_to_full_late)).toBeGreaterThan(Number(database.days_to_full));
      expect(database.full_date).toBe(addDays(LAST, Math.ceil(expected.days)));
      expect(database.used_percent).toBe(Math.round((points[19].bytes / limit) * 10_000) / 100);
    });

    it('uses only the last FORECAST_POINTS points', async () => {
      // An older, much steeper stretch before the 20 points: with the default 30 points, 10 of its days count.
      const older = series(40, (x) => (x < -19 ? 100 * GB + 5 * GB * (x + 19) : 0)).slice(0, 20);
      const id2 = await instance('window');
      await readings(id2, 'orders', [...older, ...points]);
      await ds.query(`UPDATE instances SET capacity_limit_bytes = $2 WHERE id = $1`, [id2, limit]);
      const used = [...older, ...points].slice(-30);
      const res = await get(`/instances/${id2}/capacity`).expect(200);
      expect(res.body.instance.points).toBe(30);
      expect(res.body.instance.days_to_full).toBeCloseTo(byHand(used, limit).days, 1);
    });
  });

  describe('the statuses', () => {
    it('gives no forecast from 1 to 13 points, and one from 14', async () => {
      for (const n of [1, 2, 7, 13, 14]) {
        const id = await instance(`history-${n}`);
        await readings(id, 'db', series(n, (x) => 10 * GB + GB * x));
        await ds.query(`UPDATE instances SET capacity_limit_bytes = $2 WHERE id = $1`, [id, 100 * GB]);
        const res = await get(`/instances/${id}/capacity`).expect(200);
        for (const item of [res.body.instance, res.body.databases[0]] as CapacityItemResponse[]) {
          expect(item.points).toBe(n);
          if (n < 14) {
            expect(item).toMatchObject({ status: 'not_enough_history', growth_bytes_per_day: null, days_to_full: null, days_to_full_early: null, full_date: null });
          }
        }
        if (n === 14) {
          // A perfect line: the band closes on the point, (100 − 10) GB at 1 GB a day.
          expect(res.body.instance).toMatchObject({ status: 'ok', growth_bytes_per_day: GB, days_to_full: 90, days_to_full_early: 90, days_to_full_late: 90 });
          // The database has no limit of its own.
          expect(res.body.databases[0]).toMatchObject({ status: 'no_limit', limit_source: null, days_to_full: null });
        }
      }
    });

    it('says not_growing for a flat or shrinking series, full at the limit', async () => {
      const id = await instance('shrinking');
      await readings(id, 'db', series(20, (x) => 50 * GB - GB * x));
      await ds.query(`UPDATE instances SET capacity_limit_bytes = $2 WHERE id = $1`, [id, 100 * GB]);
      const shrinking = await get(`/instances/${id}/capacity`).expect(200);
      expect(shrinking.body.instance).toMatchObject({ status: 'not_growing', days_to_full: null, used_percent: 50 });
      expect(shrinking.body.instance.growth_bytes_per_day).toBe(-GB);

      const full = await instance('full');
      await readings(full, 'db', series(3, () => 100 * GB));
      await ds.query(`UPDATE instances SET capacity_limit_bytes = $2 WHERE id = $1`, [full, 100 * GB]);
      const res = await get(`/instances/${full}/capacity`).expect(200);
      expect(res.body.instance).toMatchObject({ status: 'full', days_to_full: 0, used_percent: 100, full_date: LAST });
    });
  });

  describe('limits', () => {
    it('prefers the configured limit to the engine-reported one, and says which applies', async () => {
      const id = await instance('engine', { db_type: 'sqlserver' });
      await readings(id, 'sales', series(20, (x) => 10 * GB + GB * x));
      await ds.query(`INSERT INTO engine_database_limits (instance_id, database_name, limit_bytes, collected_at) VALUES ($1, 'sales', $2, now())`, [id, 50 * GB]);
      const engine = await get(`/instances/${id}/capacity`).expect(200);
      expect(engine.body.databases[0]).toMatchObject({ limit_source: 'engine', limit_bytes: 50 * GB, engine_limit_bytes: 50 * GB, configured_limit_bytes: null, days_to_full: 40 });
      await t.http.put(`/api/v1/instances/${id}/databases/sales/limit`).auth(admin(), { type: 'bearer' }).send({ limit_bytes: 30 * GB }).expect(200);
      const configured = await get(`/instances/${id}/capacity`).expect(200);
      expect(configured.body.databases[0]).toMatchObject({ limit_source: 'configured', limit_bytes: 30 * GB, engine_limit_bytes: 50 * GB, days_to_full: 20 });
      await t.http.delete(`/api/v1/instances/${id}/databases/sales/limit`).auth(admin(), { type: 'bearer' }).expect(204);
      await t.http.delete(`/api/v1/instances/${id}/databases/sales/limit`).auth(admin(), { type: 'bearer' }).expect(404);
      expect((await get(`/instances/${id}/capacity`).expect(200)).body.databases[0].limit_source).toBe('engine');
    });

    it('stores the engine-reported limits a collection read with the sizes, replacing the previous ones', async () => {
      const id = await instance('collected', { db_type: 'oracle' });
      const stats = t.app.get(StatsService);
      const reading = (limit: number, pdbs: string[]): CollectionResult => ({
        databases: pdbs.map((name) => ({ name, sizeBytes: 10 * GB, dataSizeBytes: 10 * GB, logSizeBytes: null, sizeSource: 'files' as const })),
        instanceLogBytes: null,
        warnings: [],
        serverVersion: 'Oracle 23',
        limits: {
          instanceLimitBytes: limit * pdbs.length,
          volumeTotalBytes: null,
          volumeAvailableBytes: null,
          volumes: [],
          databases: pdbs.map((name) => ({ database: name, limitBytes: limit, allocatedBytes: 10 * GB, usedBytes: 4 * GB, details: [{ tablespace: 'USERS' }] })),
        },
      });
      await stats.saveReading(id, reading(40 * GB, ['PDB1', 'PDB2']), new Date(`${LAST}T03:00:00Z`));
      const first = await get(`/instances/${id}/capacity`).expect(200);
      expect(first.body.instance).toMatchObject({ limit_source: 'engine', engine_limit_bytes: 80 * GB, used_percent: 25 });
      expect(first.body.databases.map((d: CapacityItemResponse) => [d.database_name, d.limit_source, d.limit_bytes])).toEqual([
        ['PDB1', 'engine', 40 * GB],
        ['PDB2', 'engine', 40 * GB],
      ]);
      await stats.saveReading(id, reading(60 * GB, ['PDB1']), new Date(`${LAST}T04:00:00Z`));
      const stored: { database_name: string; limit_bytes: string; used_bytes: string }[] = await ds.query(
        `SELECT database_name, limit_bytes, used_bytes FROM engine_database_limits WHERE instance_id = $1`,
        [id],
      );
      expect(stored).toEqual([{ database_name: 'PDB1', limit_bytes: String(60 * GB), used_bytes: String(4 * GB) }]);
      // A run that could not read the limits (a warning) keeps the last ones.
      await stats.saveReading(id, { ...reading(0, ['PDB1']), limits: undefined }, new Date(`${LAST}T05:00:00Z`));
      expect((await get(`/instances/${id}/capacity`).expect(200)).body.instance.engine_limit_bytes).toBe(60 * GB);
    });

    it('validates capacity_limit_bytes on the instance and audits every change with who, old and new', async () => {
      const created = await t.http
        .post('/api/v1/instances')
        .auth(admin(), { type: 'bearer' })
        .send({ name: 'audited', db_type: 'postgresql', host: 'h', username: 'u', capacity_limit_bytes: 10 * GB })
        .expect(201);
      expect(created.body.capacity_limit_bytes).toBe(10 * GB);
      const id = created.body.id as number;
      for (const bad of [0, -1, 1.5, '100', 2 ** 53, true]) {
        const res = await t.http.patch(`/api/v1/instances/${id}`).auth(admin(), { type: 'bearer' }).send({ capacity_limit_bytes: bad }).expect(400);
        expect(res.body.fields).toEqual(['capacity_limit_bytes']);
      }
      const bad = await t.http.put(`/api/v1/instances/${id}/databases/x/limit`).auth(admin(), { type: 'bearer' }).send({ limit_bytes: 0 }).expect(400);
      expect(bad.body.fields).toEqual(['limit_bytes']);
      await t.http.patch(`/api/v1/instances/${id}`).auth(admin(), { type: 'bearer' }).send({ capacity_limit_bytes: 20 * GB }).expect(200);
      await t.http.patch(`/api/v1/instances/${id}`).auth(admin(), { type: 'bearer' }).send({ capacity_limit_bytes: 20 * GB }).expect(200); // no change, no record
      const cleared = await t.http.patch(`/api/v1/instances/${id}`).auth(admin(), { type: 'bearer' }).send({ capacity_limit_bytes: null }).expect(200);
      expect(cleared.body.capacity_limit_bytes).toBeNull();
      await t.http.put(`/api/v1/instances/${id}/databases/app/limit`).auth(admin(), { type: 'bearer' }).send({ limit_bytes: GB }).expect(200);
      const changes = await get(`/instances/${id}/limit-changes`).expect(200);
      expect(changes.body.data.map((c: Record<string, unknown>) => [c.database_name, c.old_limit_bytes, c.new_limit_bytes, c.changed_by_username])).toEqual([
        ['app', null, GB, 'admin'],
        [null, 20 * GB, null, 'admin'],
        [null, 10 * GB, 20 * GB, 'admin'],
        [null, null, 10 * GB, 'admin'],
      ]);
      const list = await get('/instances', { search: 'audited' }).expect(200);
      expect(list.body.data[0].capacity_limit_bytes).toBeNull();
    });

    it('lets only an admin set limits and a viewer read only its own instances', async () => {
      const viewer = await t.loginAs('viewer');
      const own = await instance('viewer-own', { owner_id: viewer.id });
      const other = await instance('viewer-other');
      await t.http.put(`/api/v1/instances/${own}/databases/db/limit`).auth(viewer.token, { type: 'bearer' }).send({ limit_bytes: GB }).expect(403);
      await get(`/instances/${own}/capacity`, {}, viewer.token).expect(200);
      await get(`/instances/${other}/capacity`, {}, viewer.token).expect(404);
      await get(`/instances/${other}/limit-changes`, {}, viewer.token).expect(404);
    });
  });

  describe('at fleet scale', () => {
    const FLEET = 600;
    const DATABASES = 3;
    let viewer: { id: number; token: string };
    let fleetIds: number[];

    beforeAll(async () => {
      viewer = await t.loginAs('viewer');
      // Instance k grows k MB a day towards a 1 TB limit; its databases grow 1, 2 and 3 MB a day towards 100 GB
      // (database 3 of every fifth instance has no limit); 20 days each.
      const rows: { id: number }[] = await ds.query(
        `INSERT INTO instances (name, db_type, host, port, username, owner_id, tags, capacity_limit_bytes)
         SELECT 'fleet-' || lpad(k::text, 4, '0'), (ARRAY['postgresql','mysql','sqlserver','oracle'])[1 + k % 4], 'h', 1, 'u',
                CASE WHEN k <= 3 THEN $2::int END, CASE WHEN k % 2 = 0 THEN ARRAY['even'] ELSE '{}'::text[] END, $3::bigint
         FROM generate_series(1, $1::int) k ORDER BY k RETURNING id`,
        [FLEET, viewer.id, 1024 * GB],
      );
      fleetIds = rows.map((r) => r.id);
      await ds.query(
        `INSERT INTO instance_size_stats (instance_id, total_size_bytes, data_size_bytes, database_count, collected_date, collected_at)
         SELECT i.id, $3::bigint + k * 1048576::bigint * (19 - x), NULL, $4, $2::date - x, now()
         FROM unnest($1::int[]) WITH ORDINALITY AS i(id, k), generate_series(0, 19) x`,
        [fleetIds, LAST, 100 * GB, DATABASES],
      );
      await ds.query(
        `INSERT INTO database_size_stats (instance_id, database_name, size_bytes, collected_date, collected_at)
         SELECT i.id, 'db' || d, $3::bigint + d * 1048576::bigint * (19 - x) + k, $2::date - x, now()
         FROM unnest($1::int[]) WITH ORDINALITY AS i(id, k), generate_series(1, $4::int) d, generate_series(0, 19) x`,
        [fleetIds, LAST, 10 * GB, DATABASES],
      );
      await ds.query(
        `INSERT INTO database_capacity_limits (instance_id, database_name, limit_bytes)
         SELECT i.id, 'db' || d, $2::bigint FROM unnest($1::int[]) WITH ORDINALITY AS i(id, k), generate_series(1, $3::int) d
         WHERE NOT (d = 3 AND k % 5 = 0)`,
        [fleetIds, 100 * GB, DATABASES],
      );
    });

    async function allItems(query: Record<string, string | number>, token = admin()): Promise<CapacityItemResponse[]> {
      const items: CapacityItemResponse[] = [];
      for (let page = 1; ; page++) {
        const res = await get('/fleet/capacity', { ...query, page, per_page: 500 }, token).expect(200);
        items.push(...(res.body.data as CapacityItemResponse[]));
        if (!res.body.pagination.has_next) {
          expect(res.body.pagination.total).toBe(items.length);
          return items;
        }
      }
    }

    it('lists which instance fills first across pages, fastest grower first', async () => {
      const items = (await allItems({ level: 'instance', sort: 'days_to_full' })).filter((item) => item.instance.name.startsWith('fleet-'));
      expect(items).toHaveLength(FLEET);
      expect(items[0].instance.name).toBe('fleet-0600');
      expect(items[FLEET - 1].instance.name).toBe('fleet-0001');
      for (let i = 1; i < items.length; i++) expect(Number(items[i].days_to_full)).toBeGreaterThanOrEqual(Number(items[i - 1].days_to_full));
      // fleet-0600: (1024 − 100) GB less the 19 × 600 MB grown, at 600 MB a day
      expect(items[0].days_to_full).toBeCloseTo((924 * 1024) / 600 - 19, 1);
    });

    it('sorts databases by used percent, puts those without a forecast last, filters by tag and engine', async () => {
      const sorted = await allItems({ level: 'database', sort: 'days_to_full' });
      const fleet = sorted.filter((item) => item.instance.name.startsWith('fleet-'));
      expect(fleet).toHaveLength(FLEET * DATABASES);
      const firstNull = sorted.findIndex((item) => item.days_to_full === null);
      expect(sorted.slice(firstNull).every((item) => item.days_to_full === null)).toBe(true);
      expect(fleet.filter((item) => item.status === 'no_limit')).toHaveLength(FLEET / 5);
      const page = await get('/fleet/capacity', { level: 'database', sort: '-used_percent', per_page: 7 }).expect(200);
      const percents = (page.body.data as CapacityItemResponse[]).map((item) => Number(item.used_percent));
      expect([...percents].sort((a, b) => b - a)).toEqual(percents);
      const tagged = await allItems({ level: 'instance', tag: 'even', db_type: 'sqlserver' });
      expect(tagged.length).toBeGreaterThan(0);
      expect(tagged.every((item) => item.instance.db_type === 'sqlserver' && Number(item.instance.name.slice(6)) % 2 === 0)).toBe(true);
      await get('/fleet/capacity', { sort: 'nope' }).expect(400);
    });

    it('shows a viewer only its own instances, and answers CSV', async () => {
      const own = await allItems({ level: 'instance' }, viewer.token);
      expect(own.map((item) => item.instance.name).sort()).toEqual(['fleet-0001', 'fleet-0002', 'fleet-0003']);
      const csv = await get('/fleet/capacity', { level: 'database', format: 'csv' }).expect(200);
      const rows: Record<string, string>[] = parse(csv.text.replace(/^\ufeff/, ''), { columns: true });
      expect(rows.filter((row) => row.instance_name.startsWith('fleet-'))).toHaveLength(FLEET * DATABASES);
      expect(Object.keys(rows[0])).toContain('days_to_full_late');
    });

    it('pages an instance\'s databases, and the fleet-wide forecast has every instance and database in one pass', async () => {
      const id = fleetIds[9];
      const res = await get(`/instances/${id}/capacity`, { per_page: 2 }).expect(200);
      expect(res.body.pagination).toMatchObject({ total: DATABASES, pages: 2 });
      expect(res.body.databases.map((d: CapacityItemResponse) => d.database_name)).toEqual(['db3', 'db2']);
      const figures = await t.app.get(CapacityForecastService).forecastAll();
      const mine = figures.filter((f) => fleetIds.includes(f.instanceId));
      expect(mine).toHaveLength(FLEET * (DATABASES + 1));
      const tenth = required(mine.find((f) => f.instanceId === id && f.databaseName === null), 'the instance figure');
      expect(tenth).toMatchObject({ limitBytes: 1024 * GB, limitSource: 'configured', status: 'ok', growthBytesPerDay: 10 * 1048576 });
      expect(tenth.daysToFull).toBeCloseTo((924 * 1024) / 10 - 19, 1);
    });
  });
});
