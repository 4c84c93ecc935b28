import { addDays, todayIn, type FleetChangeItem, type FleetGroupBy, type FleetRankingItem, type FleetSeries } from '@capacity/contracts';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { preparedQuery, preparedQueryWithWorkMem } from '../database/prepared-query';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { RANKING_WORK_MEM } from './fleet.repository';

const INSTANCES = 520;
const TIME_ZONE = 'Asia/Shanghai';
/** The series' own data: daily aggregation rows of 2026-03-01 … 2026-03-10 and monthly ones of January … March 2026. */
const DAILY = { start: '2026-03-01', end: '2026-03-10' };
const MONTHS = ['2026-01-01', '2026-02-01', '2026-03-01'];

interface Reading {
  instanceId: number;
  databaseName: string | null;
  size: bigint;
}

/** Fleet rows of a page of a paginated fleet endpoint. */
type Item = FleetRankingItem | FleetChangeItem;

describe('fleet API on PostgreSQL', () => {
  let t: TestApp;
  let ds: DataSource;
  let viewer: { id: number; token: string };
  /** ids[n - 1] is the id of instance fleet-n. */
  let ids: number[];
  let viewerIds: number[];
  let newInstanceId: number;
  /** The day of the changes and the default "as of" of the rankings: yesterday in TIME_ZONE. */
  let day: string;
  const get = (path: string, query: Record<string, string | number> = {}, token = t.adminToken) =>
    t.http.get(`/api/v1/fleet/${path}`).query(query).auth(token, { type: 'bearer' });
  const byOrdinal = (n: number) => ids[n - 1];

  /** Every item of a paginated endpoint, 500 a page. */
  async function allItems<T extends Item>(path: string, query: Record<string, string | number>, token = t.adminToken): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; ; page++) {
      const res = await get(path, { ...query, page, per_page: 500 }, token).expect(200);
      items.push(...(res.body.data as T[]));
      if (!res.body.pagination.has_next) {
        expect(res.body.pagination.total).toBe(items.length);
        return items;
      }
    }
  }

  beforeAll(async () => {
    t = await createTestApp({ APP_TIMEZONE: TIME_ZONE });
    ds = t.dataSource;
    viewer = await t.loginAs('viewer');
    day = addDays(todayIn(TIME_ZONE), -1);
    const inserted: { id: number }[] = await ds.query(
      `INSERT INTO instances (name, db_type, host, port, username, owner_id, tags)
       SELECT 'fleet-' || lpad(n::text, 4, '0'), (ARRAY['postgresql','mysql','sqlserver','oracle'])[1 + n % 4], 'h', 5432, 'u',
              CASE WHEN n <= 3 THEN $2::int END,
              CASE n % 3 WHEN 0 THEN ARRAY['prod'] WHEN 1 THEN ARRAY['prod', 'eu'] ELSE '{}'::text[] END
       FROM generate_series(1, $1::int) n ORDER BY n RETURNING id`,
      [INSTANCES, viewer.id],
    );
    ids = inserted.map((row) => row.id);
    viewerIds = ids.slice(0, 3);

    // Aggregation rows for the series: 2 databases per instance (1,040 database rows and 520 instance rows a period).
    // Sizes repeat every 50 instances, so ranks tie; one database and one instance total are unknown (null) one day.
    await ds.query(
      `WITH periods AS (
         SELECT 'daily' AS period_type, d::date AS period_start, d::date AS period_end FROM generate_series($1::date, $2::date, interval '1 day') d
         UNION ALL
         SELECT 'monthly', m::date, (m + interval '1 month')::date - 1 FROM unnest($3::date[]) m
       )
       INSERT INTO database_size_aggregations (instance_id, database_name, period_type, period_start, period_end, avg_size_bytes, max_size_bytes, min_size_bytes, data_count)
       SELECT i.id, 'db_' || k, p.period_type, p.period_start, p.period_end, s, s, s, 1
       FROM instances i CROSS JOIN generate_series(1, 2) k CROSS JOIN periods p
       CROSS JOIN LATERAL (SELECT CASE WHEN i.name = 'fleet-0010' AND k = 2 AND p.period_start = $1::date + 2 THEN NULL
                                       ELSE ((i.id % 50 + 1) * 1000000 + k * 1000 + (p.period_start - $1::date) * (i.id % 7) * 100 * k)::bigint END AS s) x`,
      [DAILY.start, DAILY.end, MONTHS],
    );
    await ds.query(
      `INSERT INTO instance_size_aggregations (instance_id, period_type, period_start, period_end, avg_total_size_bytes, max_total_size_bytes, min_total_size_bytes, data_count)
       SELECT instance_id, period_type, period_start, period_end, t, t, t, 1
       FROM (SELECT a.instance_id, a.period_type, a.period_start, max(a.period_end) AS period_end,
                    CASE WHEN i.name = 'fleet-0020' AND a.period_start = $1::date + 4 THEN NULL ELSE sum(a.avg_size_bytes) + 5000 END AS t
             FROM database_size_aggregations a JOIN instances i ON i.id = a.instance_id
             GROUP BY a.instance_id, a.period_type, a.period_start, i.name) x`,
      [DAILY.start],
    );

    // Daily readings for the rankings and the changes: day − 90 … day; every 11th instance shrinks.
    await ds.query(
      `INSERT INTO database_size_stats (instance_id, database_name, size_bytes, collected_date, collected_at)
       SELECT i.id, 'db_' || k, ((i.id % 50 + 1) * 1000000 + k * 1000
                                 + (d::date - ($1::date - 90)) * CASE WHEN i.id % 11 = 0 THEN -1 ELSE 1 END * (i.id % 7 + 1) * 100 * k)::bigint,
              d::date, d + time '03:00'
       FROM instances i CROSS JOIN generate_series(1, 2) k CROSS JOIN generate_series($1::date - 90, $1::date, interval '1 day') d`,
      [day],
    );
    // What changed on `day`: fleet-5 has a new database, fleet-6 lost one, fleet-8 was not read at all, fleet-9's db_1
    // grew by half, fleet-2's (the viewer's) db_2 doubled, and a new instance was read for the first time.
    newInstanceId = (await ds.query(`INSERT INTO instances (name, db_type, host, port, username) VALUES ('fleet-new', 'oracle', 'h', 1521, 'u') RETURNING id`))[0].id;
    await ds.query(
      `INSERT INTO database_size_stats (instance_id, database_name, size_bytes, collected_date, collected_at)
       VALUES ($1, 'db_new', 777000, $3::date, now()), ($2, 'db_1', 123456, $3::date, now())`,
      [byOrdinal(5), newInstanceId, day],
    );
    await ds.query(`DELETE FROM database_size_stats WHERE collected_date = $1::date AND (instance_id = $2 AND database_name = 'db_2' OR instance_id = $3)`, [day, byOrdinal(6), byOrdinal(8)]);
    for (const [ordinal, database, factor] of [[9, 'db_1', 1.5], [2, 'db_2', 2]] as const) {
      await ds.query(
        `UPDATE database_size_stats s SET size_bytes = round(p.size_bytes * $4::numeric)
         FROM database_size_stats p
         WHERE s.instance_id = $1 AND s.database_name = $2 AND s.collected_date = $3::date
           AND p.instance_id = s.instance_id AND p.database_name = s.database_name AND p.collected_date = $3::date - 1`,
        [byOrdinal(ordinal), database, day, factor],
      );
    }
    await ds.query(
      `INSERT INTO instance_size_stats (instance_id, total_size_bytes, data_size_bytes, log_size_bytes, database_count, collected_date, collected_at)
       SELECT instance_id, sum(size_bytes) + 5000, sum(size_bytes), 5000, count(*), collected_date, max(collected_at)
       FROM database_size_stats GROUP BY instance_id, collected_date`,
    );
    await ds.query('ANALYZE');
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('GET /fleet/series', () => {
    /** The direct sum of every reading of each period (of the instances given, or all). */
    async function directTotals(groupBy: FleetGroupBy, periodType: string, from: string, to: string, instanceIds: number[] | null = null): Promise<Map<string, number>> {
      const [table, size] = groupBy === 'database' ? ['database_size_aggregations', 'avg_size_bytes'] : ['instance_size_aggregations', 'avg_total_size_bytes'];
      const rows: { period_start: string; total: string }[] = await ds.query(
        `SELECT to_char(period_start, 'YYYY-MM-DD') AS period_start, sum(${size})::text AS total FROM ${table}
         WHERE period_type = $1 AND period_start BETWEEN $2::date AND $3::date AND ($4::int[] IS NULL OR instance_id = ANY($4::int[]))
         GROUP BY period_start`,
        [periodType, from, to, instanceIds],
      );
      return new Map(rows.map((row) => [row.period_start, Number(row.total)]));
    }

    const cases = (['instance', 'database', 'db_type', 'tag'] as const).flatMap((groupBy) => [
      { groupBy, periodType: 'daily', query: { start_date: DAILY.start, end_date: DAILY.end }, periods: 10 },
      { groupBy, periodType: 'monthly', query: { start_date: '2026-01-15', end_date: '2026-03-31' }, periods: 3 },
    ]);

    it.each(cases)('has a total equal to the direct SQL sum for every period ($groupBy, $periodType)', async ({ groupBy, periodType, query, periods }) => {
      const res = await get('series', { ...query, period_type: periodType, group_by: groupBy, top: 5 }).expect(200);
      const series = res.body.data as FleetSeries;
      const expected = await directTotals(groupBy, periodType, '2026-01-01', DAILY.end);
      expect(series.periods).toHaveLength(periods);
      expect(series.total).toHaveLength(periods);
      for (const point of series.total) expect(point.size_bytes).toBe(expected.get(point.period_start));
      for (const group of series.series) expect(group.points.map((p) => p.period_start)).toEqual(series.periods.map((p) => p.period_start));
      if (groupBy !== 'tag') {
        // The groups partition the readings: top groups + others = total in every period.
        series.total.forEach((total, index) => {
          expect(series.series.reduce((sum, group) => sum + group.points[index].size_bytes, 0) + series.others[index].size_bytes).toBe(total.size_bytes);
        });
      }
    });

    it('picks the top instances by their size in the last period, ties in id order, and gives their own readings', async () => {
      const res = await get('series', { period_type: 'daily', start_date: DAILY.start, end_date: DAILY.end, group_by: 'instance', top: 12 }).expect(200);
      const series = res.body.data as FleetSeries;
      const rows: { instance_id: number; period_start: string; size: string | null }[] = await ds.query(
        `SELECT instance_id, to_char(period_start, 'YYYY-MM-DD') AS period_start, avg_total_size_bytes::text AS size
         FROM instance_size_aggregations WHERE period_type = 'daily' AND period_start BETWEEN $1::date AND $2::date`,
        [DAILY.start, DAILY.end],
      );
      const last = rows.filter((row) => row.period_start === DAILY.end && row.size !== null).map((row) => ({ id: row.instance_id, size: Number(row.size) }));
      last.sort((a, b) => b.size - a.size || a.id - b.id);
      expect(series.series.map((group) => group.instance?.id)).toEqual(last.slice(0, 12).map((row) => row.id));
      expect(series.series.map((group) => group.score_bytes)).toEqual(last.slice(0, 12).map((row) => row.size));
      const [first] = series.series;
      expect(first).toMatchObject({ rank: 1, key: `instance:${first.instance?.id}`, database_name: null, tag: null });
      for (const point of first.points) {
        const reading = rows.find((row) => row.instance_id === first.instance?.id && row.period_start === point.period_start);
        expect(point.size_bytes).toBe(Number(reading?.size ?? 0));
      }
    });

    it('ranks by growth from the first period to the last', async () => {
      const res = await get('series', { period_type: 'daily', start_date: DAILY.start, end_date: DAILY.end, group_by: 'database', rank_by: 'growth', top: 3 }).expect(200);
      const rows: { instance_id: number; database_name: string; growth: string }[] = await ds.query(
        `SELECT l.instance_id, l.database_name, (l.avg_size_bytes - f.avg_size_bytes)::text AS growth
         FROM database_size_aggregations l JOIN database_size_aggregations f USING (instance_id, database_name, period_type)
         WHERE l.period_type = 'daily' AND l.period_start = $2::date AND f.period_start = $1::date`,
        [DAILY.start, DAILY.end],
      );
      const expected = rows
        .map((row) => ({ ...row, growth: Number(row.growth) }))
        .sort((a, b) => b.growth - a.growth || a.instance_id - b.instance_id || (a.database_name < b.database_name ? -1 : 1))
        .slice(0, 3);
      expect((res.body.data as FleetSeries).series.map((group) => [group.instance?.id, group.database_name, group.score_bytes])).toEqual(
        expected.map((row) => [row.instance_id, row.database_name, row.growth]),
      );
    });

    it('counts an instance under each of its tags and keeps the others to the instances without a top tag', async () => {
      const res = await get('series', { period_type: 'monthly', start_date: '2026-01-01', end_date: '2026-03-31', group_by: 'tag', top: 1 }).expect(200);
      const series = res.body.data as FleetSeries;
      expect(series.series.map((group) => group.key)).toEqual(['tag:prod']);
      const [{ prod, rest }]: { prod: string; rest: string }[] = await ds.query(
        `SELECT sum(a.avg_total_size_bytes) FILTER (WHERE 'prod' = ANY(i.tags))::text AS prod, sum(a.avg_total_size_bytes) FILTER (WHERE NOT 'prod' = ANY(i.tags))::text AS rest
         FROM instance_size_aggregations a JOIN instances i ON i.id = a.instance_id WHERE a.period_type = 'monthly' AND a.period_start = '2026-03-01'`,
      );
      expect(series.series[0].points.at(-1)?.size_bytes).toBe(Number(prod));
      expect(series.others.at(-1)?.size_bytes).toBe(Number(rest));
      const all = await get('series', { period_type: 'monthly', start_date: '2026-01-01', end_date: '2026-03-31', group_by: 'tag', top: 5 }).expect(200);
      expect((all.body.data as FleetSeries).series.map((group) => group.label).sort()).toEqual(['(untagged)', 'eu', 'prod']);
    });

    it('filters databases by a case-insensitive substring and sums database sizes then', async () => {
      const res = await get('series', { period_type: 'daily', start_date: DAILY.start, end_date: DAILY.end, database_name: 'DB_2' }).expect(200);
      expect(res.body.data.measure).toBe('database_size');
      const rows: { period_start: string; total: string }[] = await ds.query(
        `SELECT to_char(period_start, 'YYYY-MM-DD') AS period_start, sum(avg_size_bytes)::text AS total FROM database_size_aggregations
         WHERE period_type = 'daily' AND database_name = 'db_2' GROUP BY period_start ORDER BY period_start`,
      );
      expect((res.body.data as FleetSeries).total.map((p) => [p.period_start, p.size_bytes])).toEqual(rows.map((row) => [row.period_start, Number(row.total)]));
    });

    it('defaults to the 30 days up to today in APP_TIMEZONE', async () => {
      const res = await get('series').expect(200);
      expect(res.body.data).toMatchObject({ period_type: 'daily', group_by: 'instance', rank_by: 'size', top: 10, measure: 'instance_total', end_date: todayIn(TIME_ZONE), start_date: addDays(todayIn(TIME_ZONE), -29) });
    });
  });

  describe('GET /fleet/rankings', () => {
    /** The hand computation: readings read back from the tables, ranked here. */
    async function readings(level: 'database' | 'instance', date: string): Promise<Map<string, Reading>> {
      const rows: { instance_id: number; database_name: string | null; size: string }[] =
        level === 'database'
          ? await ds.query(`SELECT instance_id, database_name, size_bytes::text AS size FROM database_size_stats WHERE collected_date = $1::date AND size_bytes IS NOT NULL`, [date])
          : await ds.query(`SELECT instance_id, NULL AS database_name, total_size_bytes::text AS size FROM instance_size_stats WHERE collected_date = $1::date AND total_size_bytes IS NOT NULL`, [date]);
      return new Map(rows.map((row) => [`${row.instance_id}/${row.database_name}`, { instanceId: row.instance_id, databaseName: row.database_name, size: BigInt(row.size) }]));
    }

    /** Half away from zero to 2 decimals of change / then × 100, exactly. */
    function percent(change: bigint, then: bigint): number {
      const scaled = change * 10000n;
      const magnitude = ((scaled < 0n ? -scaled : scaled) * 2n + then) / (2n * then);
      return Number(scaled < 0n ? -magnitude : magnitude) / 100;
    }

    async function expectedRanking(level: 'database' | 'instance', metric: string, windowDays: number) {
      const now = await readings(level, day);
      const earlier = await readings(level, addDays(day, -windowDays));
      const rows = [...now.entries()].map(([key, reading]) => {
        const before = earlier.get(key)?.size ?? null;
        return { ...reading, before, change: before === null ? null : reading.size - before };
      });
      const kept = rows.filter((row) =>
        metric === 'size' ? true : metric === 'shrink' ? row.change !== null && row.change < 0n : row.change !== null && row.change > 0n && (metric === 'growth_bytes' || (row.before as bigint) > 0n),
      );
      const sign = (value: bigint) => (value > 0n ? 1 : value < 0n ? -1 : 0);
      const byMetric = (a: (typeof kept)[number], b: (typeof kept)[number]): number => {
        if (metric === 'size') return sign(b.size - a.size);
        if (metric === 'shrink') return sign((a.change as bigint) - (b.change as bigint));
        if (metric === 'growth_bytes') return sign((b.change as bigint) - (a.change as bigint));
        return sign((b.change as bigint) * (a.before as bigint) - (a.change as bigint) * (b.before as bigint));
      };
      kept.sort((a, b) => byMetric(a, b) || a.instanceId - b.instanceId || ((a.databaseName ?? '') < (b.databaseName ?? '') ? -1 : (a.databaseName ?? '') > (b.databaseName ?? '') ? 1 : 0));
      return kept.map((row, index) => ({
        rank: index + 1,
        instance_id: row.instanceId,
        database_name: row.databaseName,
        size_then_bytes: row.before === null ? null : Number(row.before),
        size_now_bytes: Number(row.size),
        change_bytes: row.change === null ? null : Number(row.change),
        change_percent: row.change === null || !row.before ? null : percent(row.change, row.before),
      }));
    }

    it.each([
      ['database', 'growth_bytes', 30],
      ['database', 'growth_percent', 7],
      ['database', 'size', 1],
      ['database', 'shrink', 30],
      ['instance', 'growth_bytes', 7],
      ['instance', 'growth_percent', 90],
      ['instance', 'shrink', 1],
      ['instance', 'size', 30],
    ] as const)('matches the hand computation at level %s, metric %s, %d days, in every row of every page', async (level, metric, windowDays) => {
      const items = await allItems<FleetRankingItem>('rankings', { level, metric, window_days: windowDays });
      const expected = await expectedRanking(level, metric, windowDays);
      expect(items.length).toBeGreaterThan(0);
      expect(items.map((item) => ({ rank: item.rank, instance_id: item.instance.id, database_name: item.database_name, size_then_bytes: item.size_then_bytes, size_now_bytes: item.size_now_bytes, change_bytes: item.change_bytes, change_percent: item.change_percent }))).toEqual(expected);
      expect(items[0]).toMatchObject({ date_now: day, date_then: addDays(day, -windowDays) });
    });

    it('keeps ties in instance id then database name order, on every page', async () => {
      const pages = [1, 2, 3].map((page) => get('rankings', { metric: 'growth_bytes', window_days: 30, page, per_page: 7 }).expect(200));
      const items = (await Promise.all(pages)).flatMap((res) => res.body.data as FleetRankingItem[]);
      expect(items.map((item) => item.rank)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
      const tied = items.filter((item, index) => index > 0 && item.change_bytes === items[index - 1].change_bytes);
      expect(tied.length).toBeGreaterThan(0);
      for (let i = 1; i < items.length; i++) {
        if (items[i].change_bytes === items[i - 1].change_bytes) expect(items[i].instance.id).toBeGreaterThanOrEqual(items[i - 1].instance.id);
      }
    });

    it('filters by engine, tag and a case-insensitive database name substring', async () => {
      const mysql = await allItems<FleetRankingItem>('rankings', { metric: 'size', window_days: 1, db_type: 'mysql' });
      expect(mysql.length).toBeGreaterThan(0);
      expect(new Set(mysql.map((item) => item.instance.db_type))).toEqual(new Set(['mysql']));
      const eu: number[] = (await ds.query(`SELECT id FROM instances WHERE 'eu' = ANY(tags)`)).map((row: { id: number }) => row.id);
      const tagged = await allItems<FleetRankingItem>('rankings', { metric: 'size', window_days: 1, tag: 'eu', level: 'instance' });
      expect(tagged.map((item) => item.instance.id).sort((a, b) => a - b)).toEqual(eu.filter((id) => id !== byOrdinal(8)).sort((a, b) => a - b));
      const named = await allItems<FleetRankingItem>('rankings', { metric: 'size', window_days: 1, database_name: 'DB_N' });
      expect(named).toEqual([expect.objectContaining({ instance: expect.objectContaining({ id: byOrdinal(5) }), database_name: 'db_new', size_then_bytes: null, size_now_bytes: 777000, change_bytes: null })]);
    });

    it('raises work_mem for the ranking statement alone, the pooled connections keep the default', async () => {
      const setting = `SELECT current_setting('work_mem') AS work_mem`;
      const [{ work_mem: defaultWorkMem }] = await preparedQuery<{ work_mem: string }>(ds, setting, []);
      expect(defaultWorkMem).not.toBe(RANKING_WORK_MEM);
      expect(await preparedQueryWithWorkMem(ds, setting, [], RANKING_WORK_MEM)).toEqual([{ work_mem: RANKING_WORK_MEM }]);
      await get('rankings', { metric: 'growth_bytes', window_days: 1 }).expect(200);
      // As many reads at once as the pool has connections: every one of them answers with the default.
      const pool = (ds.driver as unknown as { master: { options: { max?: number } } }).master;
      const settings = await Promise.all(Array.from({ length: pool.options.max ?? 10 }, () => ds.query(`SELECT current_setting('work_mem') AS work_mem, pg_sleep(0.05)`)));
      expect(new Set(settings.map(([row]: { work_mem: string }[]) => row.work_mem))).toEqual(new Set([defaultWorkMem]));
      await expect(preparedQueryWithWorkMem(ds, setting, [], "1MB'; SELECT '1")).rejects.toThrow(/work_mem must be a number of MB/);
    });
  });

  describe('database name filter', () => {
    it('takes % and _ literally, in rankings, changes and series', async () => {
      // As LIKE wildcards, 'b%1' and 'd_' would match db_1 (and every db_*).
      for (const database_name of ['b%1', 'd_']) {
        expect((await get('rankings', { metric: 'size', window_days: 1, database_name }).expect(200)).body.pagination.total).toBe(0);
        expect((await get('changes', { threshold_percent: 0, database_name }).expect(200)).body.pagination.total).toBe(0);
        const series = (await get('series', { period_type: 'daily', start_date: DAILY.start, end_date: DAILY.end, database_name }).expect(200)).body.data as FleetSeries;
        expect(series.total).toEqual([]);
      }
      const underscored = await allItems<FleetRankingItem>('rankings', { metric: 'size', window_days: 1, database_name: 'B_1' });
      expect(new Set(underscored.map((item) => item.database_name))).toEqual(new Set(['db_1']));
      expect(underscored.length).toBeGreaterThan(500);
    });
  });

  describe('GET /fleet/rankings as CSV', () => {
    type Line = Record<string, string>;
    const HEADER = ['rank', 'instance_id', 'instance_name', 'db_type', 'database_name', 'date_then', 'date_now', 'size_then_bytes', 'size_then_mb',
      'size_now_bytes', 'size_now_mb', 'change_bytes', 'change_mb', 'change_percent'];
    const cell = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
    const parseCsv = (text: string): Line[] => parse(text, { bom: true, columns: true });
    const line = (item: FleetRankingItem): Line => ({
      rank: cell(item.rank),
      instance_id: cell(item.instance.id),
      instance_name: item.instance.name,
      db_type: item.instance.db_type,
      database_name: cell(item.database_name),
      date_then: item.date_then,
      date_now: item.date_now,
      size_then_bytes: cell(item.size_then_bytes),
      size_then_mb: cell(item.size_then_mb),
      size_now_bytes: cell(item.size_now_bytes),
      size_now_mb: cell(item.size_now_mb),
      change_bytes: cell(item.change_bytes),
      change_mb: cell(item.change_mb),
      change_percent: cell(item.change_percent),
    });

    it('exports every row of the ranking (not one page), as the JSON pages have them, with a BOM', async () => {
      const query = { metric: 'growth_bytes', window_days: 30 };
      const items = await allItems<FleetRankingItem>('rankings', query);
      expect(items.length).toBeGreaterThan(500);
      const res = await get('rankings', { ...query, format: 'csv', page: 2, per_page: 5 }).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="fleet-rankings\.csv"/);
      expect(res.text.charCodeAt(0)).toBe(0xfeff);
      expect(res.text.slice(1, res.text.indexOf('\r\n'))).toBe(HEADER.join(','));
      expect(parseCsv(res.text)).toEqual(items.map(line));
    });

    it('applies the filters for Accept: text/csv (instance level, engine, tag; database substring)', async () => {
      const queries: Record<string, string | number>[] = [
        { level: 'instance', metric: 'shrink', window_days: 7, db_type: 'oracle', tag: 'prod' },
        { metric: 'size', window_days: 1, database_name: 'B_1' },
      ];
      for (const query of queries) {
        const items = await allItems<FleetRankingItem>('rankings', query);
        expect(items.length).toBeGreaterThan(0);
        const res = await get('rankings', query).set('Accept', 'text/csv').expect(200);
        expect(parseCsv(res.text)).toEqual(items.map(line));
      }
    });

    it("exports a viewer only its instances' rows, and a viewer without instances the header alone", async () => {
      const query = { metric: 'size', window_days: 7 };
      const res = await get('rankings', { ...query, format: 'csv' }, viewer.token).expect(200);
      const lines = parseCsv(res.text);
      expect(new Set(lines.map((row) => Number(row.instance_id)))).toEqual(new Set(viewerIds));
      expect(lines).toEqual((await allItems<FleetRankingItem>('rankings', query, viewer.token)).map(line));
      const lonely = await t.loginAs('viewer', 'lonely-csv');
      const empty = await get('rankings', { ...query, format: 'csv' }, lonely.token).expect(200);
      expect(empty.text).toBe(`\ufeff${HEADER.join(',')}\r\n`);
    });

    it('answers 400 naming the field before any CSV', async () => {
      expect((await get('rankings', { format: 'xlsx' }).expect(400)).body.fields).toEqual(['format']);
      expect((await get('rankings', { format: 'csv', level: 'instance', database_name: 'db' }).expect(400)).body.fields).toEqual(['database_name']);
    });
  });

  describe('GET /fleet/changes', () => {
    it('lists what appeared, disappeared and changed by more than the threshold since the day before (default: yesterday in APP_TIMEZONE)', async () => {
      const items = await allItems<FleetChangeItem>('changes', {});
      expect(items.map((item) => item.change)).toEqual(['appeared', 'appeared', 'disappeared', 'changed', 'changed']);
      expect(new Set(items.map((item) => `${item.change} ${item.instance.id} ${item.database_name}`))).toEqual(
        new Set([
          `appeared ${byOrdinal(5)} db_new`,
          `appeared ${newInstanceId} db_1`,
          `disappeared ${byOrdinal(6)} db_2`,
          `changed ${byOrdinal(2)} db_2`,
          `changed ${byOrdinal(9)} db_1`,
        ]),
      );
      // Within a kind, the biggest change first.
      for (let i = 1; i < items.length; i++) {
        if (items[i].change === items[i - 1].change) expect(Math.abs(items[i].change_bytes ?? 0)).toBeLessThanOrEqual(Math.abs(items[i - 1].change_bytes ?? 0));
      }
      for (const item of items) expect(item).toMatchObject({ date: day, previous_date: addDays(day, -1) });
      const [before]: { size: string }[] = await ds.query(`SELECT size_bytes::text AS size FROM database_size_stats WHERE instance_id = $1 AND database_name = 'db_1' AND collected_date = $2::date - 1`, [byOrdinal(9), day]);
      const changed = items.find((item) => item.instance.id === byOrdinal(9));
      expect(changed).toMatchObject({ size_before_bytes: Number(before.size), change_percent: 50 });
      expect(changed?.change_bytes).toBe((changed?.size_after_bytes ?? 0) - Number(before.size));
      expect(items.find((item) => item.change === 'disappeared')).toMatchObject({ size_after_bytes: null, change_percent: null });
      // fleet-8 missed the collection of `day`: its databases did not disappear.
      expect(items.some((item) => item.instance.id === byOrdinal(8))).toBe(false);
    });

    it('applies the threshold, the kind filter and an explicit date', async () => {
      const high = await allItems<FleetChangeItem>('changes', { date: day, threshold_percent: '60' });
      expect(high.filter((item) => item.change === 'changed').map((item) => item.instance.id)).toEqual([byOrdinal(2)]);
      const gone = await allItems<FleetChangeItem>('changes', { date: day, change: 'disappeared' });
      expect(gone.map((item) => [item.instance.id, item.database_name])).toEqual([[byOrdinal(6), 'db_2']]);
      // Every database grows a little every day: at threshold 0 every reading present both days is a change.
      const all = await get('changes', { date: day, threshold_percent: 0, change: 'changed', per_page: 1 }).expect(200);
      expect(all.body.pagination.total).toBeGreaterThan(1000);
    });
  });

  describe('viewer scope', () => {
    it('shows a viewer only its instances in every fleet endpoint', async () => {
      const series = (await get('series', { period_type: 'daily', start_date: DAILY.start, end_date: DAILY.end, top: 50 }, viewer.token).expect(200)).body.data as FleetSeries;
      expect(series.series.map((group) => group.instance?.id).sort()).toEqual([...viewerIds].sort());
      const rows: { period_start: string; total: string }[] = await ds.query(
        `SELECT to_char(period_start, 'YYYY-MM-DD') AS period_start, sum(avg_total_size_bytes)::text AS total FROM instance_size_aggregations
         WHERE period_type = 'daily' AND instance_id = ANY($1::int[]) GROUP BY period_start ORDER BY period_start`,
        [viewerIds],
      );
      expect(series.total.map((p) => [p.period_start, p.size_bytes])).toEqual(rows.map((row) => [row.period_start, Number(row.total)]));
      for (const groupBy of ['database', 'db_type', 'tag']) {
        const grouped = (await get('series', { period_type: 'daily', start_date: DAILY.start, end_date: DAILY.end, group_by: groupBy, top: 50 }, viewer.token).expect(200)).body.data as FleetSeries;
        expect(grouped.total.length).toBe(10);
        if (groupBy === 'database') expect(new Set(grouped.series.map((group) => group.instance?.id))).toEqual(new Set(viewerIds));
      }

      const ranked = await allItems<FleetRankingItem>('rankings', { metric: 'size', window_days: 7 }, viewer.token);
      expect(ranked).toHaveLength(6);
      expect(new Set(ranked.map((item) => item.instance.id))).toEqual(new Set(viewerIds));
      const changes = await allItems<FleetChangeItem>('changes', {}, viewer.token);
      expect(changes.map((item) => [item.change, item.instance.id, item.database_name])).toEqual([['changed', byOrdinal(2), 'db_2']]);
    });

    it('gives a viewer without instances empty answers', async () => {
      const lonely = await t.loginAs('viewer', 'lonely');
      const series = (await get('series', { period_type: 'daily', start_date: DAILY.start, end_date: DAILY.end }, lonely.token).expect(200)).body.data as FleetSeries;
      expect(series).toMatchObject({ periods: [], series: [], others: [], total: [] });
      for (const path of ['rankings', 'changes']) expect((await get(path, {}, lonely.token).expect(200)).body.pagination.total).toBe(0);
    });
  });

  describe('validation', () => {
    it.each([
      ['series', { group_by: 'schema' }, 'group_by'],
      ['series', { top: 0 }, 'top'],
      ['series', { top: 51 }, 'top'],
      ['series', { top: '1e1' }, 'top'],
      ['series', { rank_by: 'speed' }, 'rank_by'],
      ['series', { period_type: 'hourly' }, 'period_type'],
      ['series', { start_date: '2026-02-30' }, 'start_date'],
      ['series', { start_date: '2026-03-10', end_date: '2026-03-01' }, 'end_date'],
      ['series', { start_date: '2020-01-01', end_date: '2026-01-01' }, 'start_date'],
      ['series', { db_type: 'db2' }, 'db_type'],
      ['rankings', { metric: 'fastest' }, 'metric'],
      ['rankings', { window_days: 5 }, 'window_days'],
      ['rankings', { window_days: 'week' }, 'window_days'],
      ['rankings', { level: 'table' }, 'level'],
      ['rankings', { level: 'instance', database_name: 'x' }, 'database_name'],
      ['rankings', { per_page: 501 }, 'per_page'],
      ['changes', { date: 'yesterday' }, 'date'],
      ['changes', { threshold_percent: '-1' }, 'threshold_percent'],
      ['changes', { threshold_percent: 'ten' }, 'threshold_percent'],
      ['changes', { change: 'renamed' }, 'change'],
      ['changes', { unknown: '1' }, 'unknown'],
    ] as const)('GET /fleet/%s with %j is a 400 naming %s', async (path, query, field) => {
      const res = await get(path, query).expect(400);
      expect(res.body.fields).toContain(field);
      expect(JSON.stringify(res.body.message)).toContain(field);
    });

    it('answers 401 without a token', async () => {
      for (const path of ['series', 'rankings', 'changes']) await t.http.get(`/api/v1/fleet/${path}`).expect(401);
    });
  });
});
