import { DB_TYPES, INSTANCE_SORT_KEYS, type DbType, type InstanceResponse, type InstanceSortKey, type RecordStatus } from '@capacity/contracts';
import { addDays } from '@capacity/contracts';
import { parse } from 'csv-parse/sync';
import { insertInstanceStats, type InstanceStatRow } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { testServerKind } from '../test-support/test-database';

/** What the spec itself knows of each instance it inserted, to compute every expected order and figure. */
interface Known {
  id: number;
  name: string;
  db_type: DbType;
  host: string;
  is_active: boolean;
  tags: string[];
  owner_id: number | null;
  readings: { date: string; total: number | null; count: number }[];
  /** Capacity records, oldest first. */
  records: { status: RecordStatus; at: string }[];
}

interface Expected {
  size: number | null;
  database_count: number | null;
  growth_7d: number | null;
  growth_7d_percent: number | null;
  growth_30d: number | null;
  growth_30d_percent: number | null;
  last_collected_at: string | null;
  last_status: RecordStatus | null;
}

const COUNT = 600;
const LAST_DAY = '2026-11-30';
const WORDS = ['orders', 'billing', 'catalog', 'search'];
const TAGS = [['prod'], ['prod', 'team-a'], []];
/** A name every CSV must quote: a comma, a quote and a line break. */
const AWKWARD_NAME = 'acme, "east"\nwing';

/** PostgreSQL's round(growth * 100.0 / base, 2): half away from zero, in exact integer arithmetic. */
function percent(growth: number, base: number): number | null {
  if (base === 0) return null;
  const numerator = BigInt(growth) * 10_000n;
  const divisor = BigInt(base);
  let quotient = numerator / divisor;
  const remainder = numerator % divisor;
  const abs = (value: bigint) => (value < 0n ? -value : value);
  if (2n * abs(remainder) >= abs(divisor)) quotient += (numerator < 0n) === (divisor < 0n) ? 1n : -1n;
  return Number(quotient) / 100;
}

function expectedOf(instance: Known): Expected {
  const readings = [...instance.readings].sort((a, b) => a.date.localeCompare(b.date));
  const latest = readings.at(-1);
  const growth = (days: number) => {
    if (!latest || latest.total === null) return { bytes: null, percent: null };
    const base = readings.filter((reading) => reading.date <= addDays(latest.date, -days) && reading.total !== null).at(-1);
    if (!base || base.total === null) return { bytes: null, percent: null };
    return { bytes: latest.total - base.total, percent: percent(latest.total - base.total, base.total) };
  };
  const g7 = growth(7);
  const g30 = growth(30);
  const record = instance.records.at(-1);
  return {
    size: latest?.total ?? null,
    database_count: latest?.count ?? null,
    growth_7d: g7.bytes,
    growth_7d_percent: g7.percent,
    growth_30d: g30.bytes,
    growth_30d_percent: g30.percent,
    last_collected_at: record ? new Date(record.at).toISOString() : null,
    last_status: record?.status ?? null,
  };
}

const SORT_VALUE: Record<InstanceSortKey, (instance: Known, expected: Expected) => string | number | null> = {
  name: (instance) => instance.name.toLowerCase(),
  db_type: (instance) => instance.db_type,
  size: (_, expected) => expected.size,
  growth_7d: (_, expected) => expected.growth_7d,
  growth_7d_percent: (_, expected) => expected.growth_7d_percent,
  growth_30d: (_, expected) => expected.growth_30d,
  growth_30d_percent: (_, expected) => expected.growth_30d_percent,
  database_count: (_, expected) => expected.database_count,
  last_collected_at: (_, expected) => expected.last_collected_at,
  last_status: (_, expected) => expected.last_status,
};

/** The order the API promises: by the key (code-unit order for text), nulls last either way, ties by id. */
function expectedOrder(instances: Known[], key: InstanceSortKey, descending: boolean): number[] {
  const keyed = instances.map((instance) => ({ id: instance.id, value: SORT_VALUE[key](instance, expectedOf(instance)) }));
  return keyed
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? a.id - b.id : a.value === null ? 1 : -1;
      const order = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
      return (descending ? -order : order) || a.id - b.id;
    })
    .map((item) => item.id);
}

/** Instance `g` of the data set: engines, tags, owners, case-only name twins, gaps and nulls in the readings. */
function plan(g: number, viewerId: number): Omit<Known, 'id'> {
  const base = `${WORDS[g % 4]}-${String(g % 300).padStart(3, '0')}`;
  const lastDay = addDays(LAST_DAY, -(g % 3));
  const readings: Known['readings'] = [];
  if (g % 11 !== 0) {
    const unit = 1_000 * (1 + (g % 20));
    readings.push({ date: lastDay, total: g % 13 === 0 ? null : unit * (100 + (g % 9)), count: 1 + (g % 5) });
    // The base of the 7-day growth: exactly 7 days before, or 8 (the newest known on or before), or a zero total.
    readings.push({ date: addDays(lastDay, g % 4 === 0 ? -8 : -7), total: g % 17 === 0 ? 0 : unit * (90 + (g % 7)), count: 1 });
    if (g % 5 !== 0) readings.push({ date: addDays(lastDay, -30), total: unit * (80 + (g % 6)), count: 1 });
    else if (g % 2 === 0) readings.push({ date: addDays(lastDay, -35), total: unit * 70, count: 1 });
    // A newer reading than the 30-day base but older than the 7-day one must not be the 30-day base.
    readings.push({ date: addDays(lastDay, -20), total: g % 19 === 0 ? null : unit * 85, count: 1 });
  }
  const records: Known['records'] = [];
  if (g % 7 !== 0) {
    const at = `2026-11-29T03:${String(g % 20).padStart(2, '0')}:00Z`; // ties every 20 instances
    if (g % 7 === 2) records.push({ status: 'failed', at: '2026-11-28T03:00:00Z' });
    records.push({ status: g % 7 === 1 ? 'failed' : 'completed', at });
  }
  return {
    name: g === 1 ? AWKWARD_NAME : g > 300 ? base.toUpperCase() : base,
    db_type: DB_TYPES[(g * 7) % 4],
    host: `db${g % 37}.${g % 5 === 0 ? 'EU' : 'us'}.internal`,
    is_active: g % 6 !== 0,
    tags: TAGS[g % 3],
    owner_id: g % 10 === 0 ? viewerId : null,
    readings,
    records,
  };
}

describe(`GET /instances with ${COUNT} instances: sort, filters, pages and CSV (${testServerKind()} PostgreSQL)`, () => {
  let t: TestApp;
  let viewer: { id: number; token: string };
  let known: Known[];

  async function seed(): Promise<void> {
    const plans = Array.from({ length: COUNT }, (_, index) => plan(index + 1, viewer.id));
    const ids: { id: number }[] = await t.dataSource.query(
      `INSERT INTO instances (name, db_type, host, port, username, is_active, tags, owner_id)
       SELECT n, d, h, 5432, 'monitor', a, CASE WHEN tg = '' THEN '{}'::text[] ELSE string_to_array(tg, ',') END, o
       FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::text[], $6::int[]) WITH ORDINALITY AS t(n, d, h, a, tg, o, k)
       ORDER BY k
       RETURNING id`,
      [plans.map((p) => p.name), plans.map((p) => p.db_type), plans.map((p) => p.host), plans.map((p) => p.is_active), plans.map((p) => p.tags.join(',')), plans.map((p) => p.owner_id)],
    );
    known = plans.map((p, index) => ({ ...p, id: ids[index].id }));
    const stats: InstanceStatRow[] = known.flatMap((instance) =>
      instance.readings.map((reading) => ({ instanceId: instance.id, date: reading.date, totalSizeBytes: reading.total, databaseCount: reading.count })),
    );
    await insertInstanceStats(t.dataSource, stats);
    await t.dataSource.query(
      `INSERT INTO sync_sessions (session_id, sync_type, sync_category, status, started_at) VALUES
         ('00000000-0000-4000-8000-0000000000c1', 'scheduled', 'capacity', 'partial', '2026-11-28T03:00:00Z'),
         ('00000000-0000-4000-8000-0000000000c2', 'scheduled', 'capacity', 'partial', '2026-11-29T03:00:00Z'),
         ('00000000-0000-4000-8000-0000000000a1', 'manual', 'aggregation', 'completed', '2026-11-30T03:00:00Z')`,
    );
    const records = known.flatMap((instance) =>
      instance.records.map((record, index) => ({ id: instance.id, name: instance.name, ...record, session: index === 0 && instance.records.length > 1 ? 'c1' : 'c2' })),
    );
    // Oldest first, so the newest of an instance has the higher id (the list reads the newest by id).
    records.sort((a, b) => a.at.localeCompare(b.at));
    await t.dataSource.query(
      `INSERT INTO sync_instance_records (session_id, instance_id, instance_name, status, started_at, completed_at)
       SELECT ('00000000-0000-4000-8000-0000000000' || s)::uuid, i, n, st, at - interval '1 minute', at
       FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::timestamptz[]) WITH ORDINALITY AS t(s, i, n, st, at, k)
       ORDER BY k`,
      [records.map((r) => r.session), records.map((r) => r.id), records.map((r) => r.name), records.map((r) => r.status), records.map((r) => r.at)],
    );
    // An aggregation run's record is no collection: the "never collected" instances keep their status.
    const never = known.filter((instance) => instance.records.length === 0).slice(0, 3);
    await t.dataSource.query(
      `INSERT INTO sync_instance_records (session_id, instance_id, instance_name, status, completed_at)
       SELECT '00000000-0000-4000-8000-0000000000a1', i, 'x', 'completed', '2026-11-30T04:00:00Z' FROM unnest($1::int[]) AS t(i)`,
      [never.map((instance) => instance.id)],
    );
  }

  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.loginAs('viewer');
    await seed();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const get = (query: string, token = t.adminToken) => t.http.get(`/api/v1/instances?${query}`).auth(token, { type: 'bearer' });

  /** Every page of a query, as the API pages it. */
  async function allPages(query: string, perPage: number, token = t.adminToken): Promise<{ items: InstanceResponse[]; total: number }> {
    const items: InstanceResponse[] = [];
    let total = 0;
    for (let page = 1; ; page++) {
      const response = await get(`${query}&per_page=${perPage}&page=${page}`, token).expect(200);
      items.push(...(response.body.data as InstanceResponse[]));
      total = response.body.pagination.total;
      expect(response.body.pagination).toMatchObject({ page, per_page: perPage, has_prev: page > 1 });
      if (!response.body.pagination.has_next) {
        expect(response.body.pagination.pages).toBe(page);
        break;
      }
    }
    return { items, total };
  }

  describe('sort', () => {
    it.each(INSTANCE_SORT_KEYS.flatMap((key) => [[key, false] as const, [key, true] as const]))(
      'pages by %s (descending: %s) in the order computed from the data, nulls last, ties by id',
      async (key, descending) => {
        const { items, total } = await allPages(`sort=${descending ? '-' : ''}${key}`, 250);
        expect(total).toBe(COUNT);
        expect(items.map((item) => item.id)).toEqual(expectedOrder(known, key, descending));
      },
    );

    it('sorts by name when no sort is given, and serves the figures it sorts by', async () => {
      const { items } = await allPages('', 500);
      expect(items.map((item) => item.id)).toEqual(expectedOrder(known, 'name', false));
      const byId = new Map(known.map((instance) => [instance.id, instance]));
      for (const item of items) {
        const expected = expectedOf(byId.get(item.id) as Known);
        expect(item).toMatchObject({
          latest_total_size_bytes: expected.size,
          database_count: expected.database_count,
          growth_7d_bytes: expected.growth_7d,
          growth_7d_percent: expected.growth_7d_percent,
          growth_30d_bytes: expected.growth_30d,
          growth_30d_percent: expected.growth_30d_percent,
          last_collected_at: expected.last_collected_at,
          last_collection_status: expected.last_status,
        });
      }
      // The data set has what the sort must handle: ties, nulls, a zero base, case-only twins.
      expect(items.filter((item) => item.growth_7d_percent === null && item.growth_7d_bytes !== null).length).toBeGreaterThan(0);
      expect(items.filter((item) => item.growth_30d_bytes === null).length).toBeGreaterThan(0);
      expect(new Set(items.map((item) => item.name.toLowerCase())).size).toBeLessThan(COUNT);
    });
  });

  describe('filters', () => {
    const filters: [string, (instance: Known) => boolean][] = [
      ['db_type=mysql', (instance) => instance.db_type === 'mysql'],
      ['status=completed', (instance) => instance.records.at(-1)?.status === 'completed'],
      ['status=failed', (instance) => instance.records.at(-1)?.status === 'failed'],
      ['status=never', (instance) => instance.records.length === 0],
      ['tag=team-a', (instance) => instance.tags.includes('team-a')],
      ['search=ORDERS-0', (instance) => instance.name.toLowerCase().includes('orders-0') || instance.host.toLowerCase().includes('orders-0')],
      ['search=eu.INTERNAL', (instance) => instance.host.toLowerCase().includes('eu.internal')],
      ['is_active=false', (instance) => !instance.is_active],
      ['db_type=oracle&status=completed&tag=prod&is_active=true&search=db1', (instance) =>
        instance.db_type === 'oracle' &&
        instance.records.at(-1)?.status === 'completed' &&
        instance.tags.includes('prod') &&
        instance.is_active &&
        `${instance.name} ${instance.host}`.toLowerCase().includes('db1')],
    ];

    it.each(filters)('%s keeps exactly the matching instances, sorted and paged', async (query, matches) => {
      const expected = known.filter(matches);
      expect(expected.length).toBeGreaterThan(0);
      const { items, total } = await allPages(`${query}&sort=-size`, 40);
      expect(total).toBe(expected.length);
      expect(items.map((item) => item.id)).toEqual(expectedOrder(expected, 'size', true));
    });

    it.each([
      ['sort', 'sort=colour'],
      ['sort', 'sort=--name'],
      ['sort', 'sort=name%20desc'],
      ['status', 'status=running'],
      ['tag', `tag=${'x'.repeat(200)}`],
      ['format', 'format=xml'],
    ])('answers 400 naming %s for %s', async (field, query) => {
      const response = await get(query).expect(400);
      expect(response.body.fields).toEqual([field]);
      expect(JSON.stringify(response.body.message)).toContain(field);
    });
  });

  describe('viewer scope', () => {
    it('lists a viewer only its own instances, whatever the sort and the filters', async () => {
      const own = known.filter((instance) => instance.owner_id === viewer.id);
      const { items, total } = await allPages('sort=-growth_30d', 7, viewer.token);
      expect(total).toBe(own.length);
      expect(items.map((item) => item.id)).toEqual(expectedOrder(own, 'growth_30d', true));
      const failed = await get('status=failed&per_page=500', viewer.token).expect(200);
      expect(failed.body.data.map((item: InstanceResponse) => item.id).sort()).toEqual(
        own.filter((instance) => instance.records.at(-1)?.status === 'failed').map((instance) => instance.id).sort(),
      );
    });

    it("exports a viewer only its own instances as CSV", async () => {
      const response = await get('format=csv', viewer.token).expect(200);
      const records: Record<string, string>[] = parse(response.text, { bom: true, columns: true });
      expect(records.map((record) => Number(record.id)).sort((a, b) => a - b)).toEqual(
        known.filter((instance) => instance.owner_id === viewer.id).map((instance) => instance.id).sort((a, b) => a - b),
      );
    });
  });

  describe('CSV', () => {
    /** The CSV text of a JSON value, as the export writes a cell. */
    const cell = (value: unknown): string => (value === null ? '' : Array.isArray(value) ? value.join('; ') : String(value));

    it('exports every row of the filtered, sorted list (all pages) as the JSON has them', async () => {
      const query = 'sort=-growth_7d_percent&tag=prod';
      const { items } = await allPages(query, 100);
      const response = await get(`${query}&format=csv`).expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="instances\.csv"/);
      expect(response.text.charCodeAt(0)).toBe(0xfeff);
      const records: Record<string, string>[] = parse(response.text, { bom: true, columns: true });
      expect(records.length).toBe(items.length);
      expect(items.length).toBeGreaterThan(300);
      const headers = Object.keys(records[0]);
      expect(headers).toEqual(expect.arrayContaining(['id', 'name', 'db_type', 'host', 'tags', 'latest_total_size_bytes', 'growth_7d_percent', 'last_collection_status']));
      records.forEach((record, index) => {
        const item = items[index] as unknown as Record<string, unknown>;
        for (const header of headers) expect([header, record[header]]).toEqual([header, cell(item[header])]);
      });
    });

    it('answers CSV for Accept: text/csv, and quotes a name with a comma, a quote and a line break', async () => {
      const response = await get('search=acme').set('Accept', 'text/csv').expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.text).toContain('"acme, ""east""\nwing"');
      expect(response.text.split('\r\n')[0]).toBe('\ufeffid,name,db_type,host,port,username,database_name,is_active,tags,zone,owner_id,description,latest_total_size_bytes,latest_total_size_mb,growth_7d_bytes,growth_7d_percent,growth_30d_bytes,growth_30d_percent,database_count,last_collected_at,last_collection_status,capacity_limit_bytes,created_at,updated_at');
      const records: Record<string, string>[] = parse(response.text, { bom: true, columns: true });
      expect(records.map((record) => record.name)).toEqual([AWKWARD_NAME]);
    });

    it('answers JSON for format=json whatever Accept says, and a header line alone when nothing matches', async () => {
      const json = await get('format=json&per_page=1').set('Accept', 'text/csv').expect(200);
      expect(json.headers['content-type']).toMatch(/^application\/json/);
      const empty = await get('format=csv&search=no-such-instance').expect(200);
      expect(parse(empty.text, { bom: true, columns: true })).toEqual([]);
      expect(empty.text.startsWith('\ufeffid,name,')).toBe(true);
    });

    it('refuses bad input before any CSV is written', async () => {
      const response = await get('format=csv&sort=size%3Bdrop').expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body.fields).toEqual(['sort']);
    });
  });
});
