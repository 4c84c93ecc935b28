import type { AggregationItem, DatabaseSizesResponse } from '@capacity/contracts';
import { addDays } from '@capacity/contracts';
import { parse } from 'csv-parse/sync';
import { insertDatabaseStats } from '../../test-support/factories';
import { createTestApp, type TestApp } from '../../test-support/test-app';
import { testServerKind } from '../../test-support/test-database';

const INSTANCES = 300;
const DAYS = ['2026-11-28', '2026-11-29'];
const DATABASES = ['orders', 'weird, "db"'];

type Row = Record<string, string>;
const parseCsv = (text: string): Row[] => parse(text, { bom: true, columns: true });
const cell = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

describe(`CSV exports of the aggregations and of one instance's history (${testServerKind()} PostgreSQL)`, () => {
  let t: TestApp;
  let viewer: { id: number; token: string };
  let ids: number[];

  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.loginAs('viewer');
    const rows: { id: number }[] = await t.dataSource.query(
      `INSERT INTO instances (name, db_type, host, port, username, owner_id)
       SELECT 'agg-' || lpad(g::text, 3, '0'), (ARRAY['postgresql', 'mysql', 'sqlserver', 'oracle'])[1 + g % 4], 'db', 5432, 'u',
              CASE WHEN g % 25 = 0 THEN $1::int END
       FROM generate_series(1, $2::int) g ORDER BY g RETURNING id`,
      [viewer.id, INSTANCES],
    );
    ids = rows.map((row) => row.id);
    // 300 instances × 2 databases × 2 days: 1,200 daily items, more than two full pages.
    await t.dataSource.query(
      `INSERT INTO database_size_aggregations (instance_id, database_name, period_type, period_start, period_end, avg_size_bytes, max_size_bytes,
         min_size_bytes, avg_data_size_bytes, max_data_size_bytes, min_data_size_bytes, data_count, size_change_bytes, size_change_percent, growth_rate)
       SELECT i, d, 'daily', day, day, 1048576 * (i % 50 + 1), 1048576 * (i % 50 + 2), 1048576 * (i % 50), 1048576 * (i % 50 + 1), NULL, NULL, 1,
              CASE WHEN day = $3::date THEN NULL ELSE 524288 END, CASE WHEN day = $3::date THEN NULL ELSE 1.25 END, 0
       FROM unnest($1::int[]) AS i CROSS JOIN unnest($2::text[]) AS d CROSS JOIN unnest($4::date[]) AS day`,
      [ids, DATABASES, DAYS[0], DAYS],
    );
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  async function allAggregationPages(query: string, token: string): Promise<AggregationItem[]> {
    const items: AggregationItem[] = [];
    for (let page = 1; ; page++) {
      const response = await t.http.get(`/api/v1/aggregations?${query}&per_page=500&page=${page}`).auth(token, { type: 'bearer' }).expect(200);
      items.push(...response.body.data);
      if (!response.body.pagination.has_next) return items;
    }
  }

  const aggregationLine = (item: AggregationItem): Row => ({
    instance_id: cell(item.instance.id),
    instance_name: item.instance.name,
    db_type: item.instance.db_type,
    database_name: item.database_name,
    period_type: item.period_type,
    period_start: item.period_start,
    period_end: item.period_end,
    ...Object.fromEntries(Object.entries(item.statistics).map(([key, value]) => [key, cell(value)])),
    calculated_at: item.calculated_at,
  });

  it('exports every aggregation item of the filters (not one page), in the JSON order, with a BOM', async () => {
    const query = 'period_type=daily&db_type=mysql';
    const items = await allAggregationPages(query, t.adminToken);
    expect(items.length).toBe((INSTANCES / 4) * DATABASES.length * DAYS.length);
    const response = await t.http.get(`/api/v1/aggregations?${query}&format=csv`).auth(t.adminToken, { type: 'bearer' }).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="aggregations\.csv"/);
    expect(response.text.charCodeAt(0)).toBe(0xfeff);
    expect(response.text).toContain('"weird, ""db"""');
    expect(parseCsv(response.text)).toEqual(items.map(aggregationLine));
  });

  it('exports every item across instances for Accept: text/csv (more rows than the largest page)', async () => {
    const response = await t.http.get('/api/v1/aggregations').set('Accept', 'text/csv').auth(t.adminToken, { type: 'bearer' }).expect(200);
    const lines = parseCsv(response.text);
    expect(lines.length).toBe(INSTANCES * DATABASES.length * DAYS.length);
    expect(new Set(lines.map((line) => line.instance_id)).size).toBe(INSTANCES);
  });

  it("exports a viewer only its instances' aggregations, and none of an instance it may not read", async () => {
    const own = ids.filter((_, index) => (index + 1) % 25 === 0);
    const response = await t.http.get('/api/v1/aggregations?format=csv').auth(viewer.token, { type: 'bearer' }).expect(200);
    const lines = parseCsv(response.text);
    expect([...new Set(lines.map((line) => Number(line.instance_id)))].sort((a, b) => a - b)).toEqual(own);
    expect(lines).toEqual((await allAggregationPages('period_type=daily', viewer.token)).map(aggregationLine));
    const foreign = await t.http.get(`/api/v1/aggregations?format=csv&instance_id=${ids[0]}`).auth(viewer.token, { type: 'bearer' }).expect(200);
    expect(parseCsv(foreign.text)).toEqual([]);
  });

  it('answers 400 naming format for an unknown format, before any CSV', async () => {
    const response = await t.http.get('/api/v1/aggregations?format=xlsx').auth(t.adminToken, { type: 'bearer' }).expect(400);
    expect(response.body.fields).toEqual(['format']);
  });

  describe("one instance's history", () => {
    it('exports the daily readings of every database as the JSON series have them', async () => {
      const instanceId = ids[1];
      const days = Array.from({ length: 10 }, (_, index) => addDays('2026-11-20', index));
      await insertDatabaseStats(
        t.dataSource,
        DATABASES.flatMap((databaseName, d) =>
          days.map((date, index) => ({ instanceId, databaseName, date, sizeBytes: index === 3 && d === 0 ? null : (d + 1) * 1_048_576 * (index + 1), logSizeBytes: 4096 })),
        ),
      );
      const range = `start_date=${days[0]}&end_date=${days.at(-1)}`;
      const json = await t.http.get(`/api/v1/instances/${instanceId}/database-sizes?${range}`).auth(t.adminToken, { type: 'bearer' }).expect(200);
      const body = json.body as DatabaseSizesResponse;
      const csv = await t.http.get(`/api/v1/instances/${instanceId}/database-sizes?${range}&format=csv`).auth(t.adminToken, { type: 'bearer' }).expect(200);
      expect(csv.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="instance-${instanceId}-database-sizes\\.csv"`));
      expect(csv.text.charCodeAt(0)).toBe(0xfeff);
      const expected = body.data.flatMap((series) =>
        series.stats.map((point) => ({
          database_name: series.database_name,
          collected_date: point.collected_date,
          collected_at: point.collected_at,
          size_bytes: cell(point.size_bytes),
          size_mb: cell(point.size_mb),
          data_size_mb: cell(point.data_size_mb),
          log_size_mb: cell(point.log_size_mb),
          size_source: cell(point.size_source),
        })),
      );
      expect(expected.length).toBe(DATABASES.length * days.length);
      expect(parseCsv(csv.text)).toEqual(expected);
    });

    it("answers a viewer 404 for another's instance, in CSV as in JSON", async () => {
      await t.http.get(`/api/v1/instances/${ids[0]}/database-sizes?format=csv`).auth(viewer.token, { type: 'bearer' }).expect(404);
      const own = ids[24];
      const response = await t.http.get(`/api/v1/instances/${own}/database-sizes`).set('Accept', 'text/csv').auth(viewer.token, { type: 'bearer' }).expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    });
  });
});
