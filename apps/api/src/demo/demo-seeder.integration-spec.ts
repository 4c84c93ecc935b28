import { todayIn } from '@capacity/contracts';
import { required } from '../common/required';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { DEMO_DESCRIPTION, DEMO_HISTORY_DAYS, DEMO_INSTANCES, demoSizeBytes } from './demo-dataset';
import { DemoSeederService } from './demo-seeder.service';

const synthetic = DEMO_INSTANCES.filter((instance) => instance.databases.length > 0);
const databaseCount = synthetic.reduce((sum, instance) => sum + instance.databases.length, 0);

describe('demo seeder (DEMO=1)', () => {
  let t: TestApp;
  let ids: Map<string, number>;
  const today = todayIn('UTC');

  beforeAll(async () => {
    t = await createTestApp({ DEMO: 'true' });
    const rows: { id: number; name: string }[] = await t.dataSource.query('SELECT id, name FROM instances');
    ids = new Map(rows.map((row) => [row.name, row.id]));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates the demo instances, clearly marked as demo data', async () => {
    const response = await t.http.get('/api/v1/instances').auth(t.adminToken, { type: 'bearer' }).expect(200);
    expect(response.body.data.map((item: { name: string }) => item.name).sort()).toEqual(DEMO_INSTANCES.map((i) => i.name).sort());
    for (const item of response.body.data) {
      expect(item.name.startsWith('demo-')).toBe(true);
      expect(item.tags).toEqual(['demo']);
      expect(item.description).toContain(DEMO_DESCRIPTION);
    }
    const local = response.body.data.find((item: { name: string }) => item.name === 'demo-local-pg');
    expect(local).toMatchObject({ db_type: 'postgresql', host: '127.0.0.1', port: 5432, username: 'postgres', is_active: true });
  });

  it(`writes ${DEMO_HISTORY_DAYS} consecutive days per database, ending today, with the sizes of the formula`, async () => {
    const rows: { instance_id: number; database_name: string; days: string; first: string; last: string }[] = await t.dataSource.query(
      `SELECT instance_id, database_name, count(*) AS days, min(collected_date)::text AS first, max(collected_date)::text AS last
       FROM database_size_stats GROUP BY instance_id, database_name`,
    );
    expect(rows).toHaveLength(databaseCount);
    const first = new Date(`${today}T00:00:00Z`);
    first.setUTCDate(first.getUTCDate() - (DEMO_HISTORY_DAYS - 1));
    for (const row of rows) {
      expect(row).toMatchObject({ days: String(DEMO_HISTORY_DAYS), first: first.toISOString().slice(0, 10), last: today });
    }

    const billing = required(synthetic.find((instance) => instance.name === 'demo-billing-mssql'), 'demo-billing-mssql');
    const database = billing.databases[0];
    const instanceId = required(ids.get(billing.name), billing.name);
    const [stored]: { size_bytes: string; data_size_bytes: string; log_size_bytes: string }[] = await t.dataSource.query(
      `SELECT size_bytes, data_size_bytes, log_size_bytes FROM database_size_stats
       WHERE instance_id = $1 AND database_name = $2 AND collected_date = $3::date - 30`,
      [instanceId, database.name, today],
    );
    const expected = demoSizeBytes(database, DEMO_HISTORY_DAYS - 1 - 30, instanceId);
    expect(Math.abs(Number(stored.size_bytes) - expected)).toBeLessThanOrEqual(1);
    expect(Math.abs(Number(stored.log_size_bytes) - expected * database.logRatio)).toBeLessThanOrEqual(1);
    expect(Math.abs(Number(stored.data_size_bytes) - expected * (1 - database.logRatio))).toBeLessThanOrEqual(1);
  });

  it('gives engines without per-database log a null log size', async () => {
    const rows: { n: string }[] = await t.dataSource.query(
      `SELECT count(*) AS n FROM database_size_stats WHERE instance_id = $1 AND log_size_bytes IS NOT NULL`,
      [ids.get('demo-orders-pg')],
    );
    expect(rows[0].n).toBe('0');
  });

  it('writes instance totals equal to the sum of the databases of the day', async () => {
    const orders = required(synthetic.find((instance) => instance.name === 'demo-orders-pg'), 'demo-orders-pg');
    const instanceId = required(ids.get(orders.name), orders.name);
    const n = DEMO_HISTORY_DAYS - 1;
    const expected = orders.databases.reduce((sum, database) => sum + Math.round(demoSizeBytes(database, n, instanceId)), 0);
    const [row]: { total_size_bytes: string; database_count: number }[] = await t.dataSource.query(
      `SELECT total_size_bytes, database_count FROM instance_size_stats WHERE instance_id = $1 AND collected_date = $2`,
      [instanceId, today],
    );
    expect(Math.abs(Number(row.total_size_bytes) - expected)).toBeLessThanOrEqual(orders.databases.length);
    expect(row.database_count).toBe(orders.databases.length);
    const [{ n: days }]: { n: string }[] = await t.dataSource.query('SELECT count(*) AS n FROM instance_size_stats');
    expect(Number(days)).toBe(DEMO_HISTORY_DAYS * synthetic.length);
  });

  it('shows the latest total size in the instance list', async () => {
    const response = await t.http.get('/api/v1/instances?search=demo-crm').auth(t.adminToken, { type: 'bearer' }).expect(200);
    const [{ total }]: { total: string }[] = await t.dataSource.query(
      `SELECT total_size_bytes AS total FROM instance_size_stats WHERE instance_id = $1 AND collected_date = $2`,
      [ids.get('demo-crm-mysql'), today],
    );
    expect(response.body.data[0]).toMatchObject({ latest_total_size_bytes: Number(total), database_count: 3 });
  });

  it('aggregates the history: every period type covers all 90 days of every database', async () => {
    const rows: { period_type: string; covered: string; databases: string }[] = await t.dataSource.query(
      `SELECT period_type, sum(data_count) AS covered, count(DISTINCT (instance_id, database_name)) AS databases
       FROM database_size_aggregations GROUP BY period_type ORDER BY period_type`,
    );
    expect(rows.map((row) => row.period_type)).toEqual(['daily', 'monthly', 'quarterly', 'weekly']);
    for (const row of rows) {
      expect(Number(row.databases)).toBe(databaseCount);
      expect(Number(row.covered)).toBe(databaseCount * DEMO_HISTORY_DAYS);
    }
  });

  it('files the history into month partitions, nothing left in the default partitions', async () => {
    for (const table of ['database_size_stats', 'instance_size_stats', 'database_size_aggregations', 'instance_size_aggregations']) {
      const [{ n }]: { n: string }[] = await t.dataSource.query(`SELECT count(*) AS n FROM ${table}_default`);
      expect(`${table}: ${n}`).toBe(`${table}: 0`);
    }
  });

  it('seeds nothing once any instance exists', async () => {
    const before: { n: string }[] = await t.dataSource.query('SELECT count(*) AS n FROM database_size_stats');
    expect(await t.app.get(DemoSeederService).seed()).toBeNull();
    const after: { n: string }[] = await t.dataSource.query('SELECT count(*) AS n FROM database_size_stats');
    expect(after).toEqual(before);
    const [{ n }]: { n: string }[] = await t.dataSource.query('SELECT count(*) AS n FROM instances');
    expect(Number(n)).toBe(DEMO_INSTANCES.length);
  });
});

describe('demo seeder without DEMO', () => {
  it('seeds nothing', async () => {
    const t = await createTestApp();
    try {
      const [{ n }]: { n: string }[] = await t.dataSource.query('SELECT count(*) AS n FROM instances');
      expect(n).toBe('0');
    } finally {
      await t.close();
    }
  });
});
