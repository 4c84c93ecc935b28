import type { AggregationItem, AggregationsResponse, PeriodType, StatsTable, YearMonth } from '@capacity/contracts';
import type { DataSource } from 'typeorm';
import { AggregationService } from '../aggregation/aggregation.service';
import type { AuthUser } from '../auth/roles.decorator';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { InstanceAccessService } from '../instances/instance-access.service';
import { createInstance, insertDatabaseStats, insertInstanceStats, type DatabaseStatRow, type InstanceStatRow } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { COLD_TIER, type ColdRowFilter, type ColdTierPort } from './cold-tier.port';
import { HistoryRepository } from './history.repository';
import { HistoryService } from './history.service';

const MiB = 1024 * 1024;
const DATE_COLUMN: Record<StatsTable, string> = {
  database_size_stats: 'collected_date',
  instance_size_stats: 'collected_date',
  database_size_aggregations: 'period_start',
  instance_size_aggregations: 'period_start',
  table_size_stats: 'collected_date',
};

/** An in-memory cold tier holding rows moved out of PostgreSQL, answering as the port promises. */
class FakeColdTier implements ColdTierPort {
  readonly rows = new Map<StatsTable, Record<string, unknown>[]>();

  async archivedMonths(table: StatsTable, from: string, to: string): Promise<YearMonth[]> {
    const months = new Set((this.rows.get(table) ?? []).map((row) => String(row[DATE_COLUMN[table]]).slice(0, 7)));
    return [...months].filter((month) => month >= from.slice(0, 7) && month <= to.slice(0, 7)).sort();
  }

  async readRows(table: StatsTable, filter: ColdRowFilter): Promise<Record<string, unknown>[]> {
    return (this.rows.get(table) ?? []).filter((row) => {
      const day = String(row[DATE_COLUMN[table]]);
      return (
        day >= filter.from &&
        day <= filter.to &&
        (!filter.instanceIds || filter.instanceIds.includes(Number(row.instance_id))) &&
        (filter.databaseName === undefined || !('database_name' in row) || row.database_name === filter.databaseName) &&
        (!filter.periodType || row.period_type === filter.periodType)
      );
    });
  }
}

/** Rows as the cold tier gives them: bigint sizes as numbers, dates 'YYYY-MM-DD', timestamps ISO. */
function asColdRow(raw: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value instanceof Date) row[key] = value.toISOString();
    else if (typeof value === 'string' && /_bytes$|^id$|_count$|_percent$|growth_rate/.test(key)) row[key] = Number(value);
    else row[key] = value;
  }
  return row;
}

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

describe('history reads through the cold tier', () => {
  let t: TestApp;
  let ds: DataSource;
  let hot: HistoryService;
  let merged: HistoryService;
  let cold: FakeColdTier;
  let ids: number[];
  const admin: AuthUser = { id: 1, username: 'admin', role: 'admin' };
  let viewer: AuthUser;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
    const viewerLogin = await t.loginAs('viewer');
    viewer = { id: viewerLogin.id, username: 'viewer', role: 'viewer' };
    const one = await createInstance(ds, { name: 'one', owner_id: viewer.id });
    const two = await createInstance(ds, { name: 'two', db_type: 'oracle' });
    ids = [one.id, two.id];
    const statRows: DatabaseStatRow[] = [];
    const instanceRows: InstanceStatRow[] = [];
    const start = Date.UTC(2026, 8, 1);
    for (let day = 0; day < 91; day++) {
      const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
      for (const [index, id] of ids.entries()) {
        const names = index === 0 ? ['app', 'Audit', 'zeta'] : ['app', 'ledger'];
        let total = 0;
        for (const [n, name] of names.entries()) {
          // Some databases skip days, one appears in October; sizes grow unevenly.
          if (name === 'zeta' && day < 35) continue;
          if (name === 'ledger' && day % 4 === 1) continue;
          const size = (100 + n * 40 + index * 7) * MiB + day * (n + 1) * 12345 + ((day * 7919) % 1000);
          total += size;
          statRows.push({ instanceId: id, databaseName: name, date, sizeBytes: size, dataSizeBytes: name === 'app' ? null : size - MiB, logSizeBytes: n === 1 ? MiB : null });
        }
        instanceRows.push({ instanceId: id, date, totalSizeBytes: total, databaseCount: names.length });
      }
    }
    await insertDatabaseStats(ds, statRows);
    await insertInstanceStats(ds, instanceRows);
    await t.app.get(AggregationService).recomputeRange('2026-09-01', '2026-11-30');

    const repository = t.app.get(HistoryRepository);
    const access = t.app.get(InstanceAccessService);
    const config = t.app.get<AppConfig>(APP_CONFIG);
    // The app's own cold tier: nothing archived in this database, so every read is hot.
    hot = new HistoryService(repository, access, config, t.app.get<ColdTierPort>(COLD_TIER));
    cold = new FakeColdTier();
    merged = new HistoryService(repository, access, config, cold);
  });

  afterAll(async () => {
    await t?.close();
  });

  const queries = (): [string, (service: HistoryService) => Promise<unknown>][] => {
    const [one, two] = ids;
    const page = { page: 1, per_page: 20 };
    const agg = (instance: number, period_type: PeriodType, extra: Record<string, unknown> = {}) => (s: HistoryService) =>
      s.instanceAggregations(admin, instance, { ...page, period_type, ...extra } as never);
    return [
      ['database sizes across the archived month', (s) => s.databaseSizes(admin, one, { start_date: '2026-09-20', end_date: '2026-11-10' })],
      ['database sizes of one database', (s) => s.databaseSizes(admin, two, { start_date: '2026-09-01', end_date: '2026-11-30', database_name: 'ledger' })],
      ['daily aggregations, a page inside the archived month', (s) => agg(one, 'daily', { page: 5, per_page: 9 })(s)],
      ['daily aggregations with dates', agg(two, 'daily', { start_date: '2026-09-25', end_date: '2026-10-06', per_page: 100 })],
      ['weekly aggregations', agg(one, 'weekly', { per_page: 100 })],
      ['monthly aggregations of one database', agg(one, 'monthly', { database_name: 'zeta' })],
      ['quarterly aggregations', agg(two, 'quarterly')],
      ['cross-instance, admin, page 3', (s) => s.crossAggregations(admin, { page: 3, per_page: 25, period_type: 'daily' })],
      ['cross-instance by db type and dates', (s) => s.crossAggregations(admin, { page: 1, per_page: 500, db_type: 'oracle', start_date: '2026-10-01', end_date: '2026-10-31' })],
      ['cross-instance, viewer, all period types', (s) => s.crossAggregations(viewer, { page: 2, per_page: 50 })],
      ['cross-instance by a database name substring, any case', (s) => s.crossAggregations(admin, { page: 1, per_page: 500, period_type: 'daily', database_name: 'A' })],
      ['cross-instance export by a database name substring', (s) => collect(s.crossAggregationsExport(admin, { page: 1, per_page: 20, period_type: 'weekly', database_name: 'udi' }))],
      ['monthly trends', (s) => s.trends(admin, one, { period_type: 'monthly', months: 120 })],
      ['weekly trends', (s) => s.trends(admin, two, { period_type: 'weekly', months: 120 })],
      ['daily trends', (s) => s.trends(admin, one, { period_type: 'daily', months: 120 })],
      ['forecast of a database', (s) => s.forecast(admin, one, { database_name: 'Audit' })],
      ['forecast of the instance total', (s) => s.forecast(admin, two, { horizon_days: 45 })],
    ];
  };

  it('answers exactly as with every row hot after October moved to the cold tier', async () => {
    const before: unknown[] = [];
    for (const [, run] of queries()) before.push(await run(hot));
    const answerOf = (prefix: string) => before[queries().findIndex(([name]) => name.startsWith(prefix))];
    const databases = (items: AggregationItem[]) => new Set(items.map((item) => item.database_name));
    expect(databases((answerOf('cross-instance by a database name') as AggregationsResponse).data)).toEqual(new Set(['app', 'Audit', 'zeta']));
    expect(databases(answerOf('cross-instance export by a database name') as AggregationItem[])).toEqual(new Set(['Audit']));

    for (const table of ['database_size_stats', 'instance_size_stats', 'database_size_aggregations', 'instance_size_aggregations'] as const) {
      const column = DATE_COLUMN[table];
      const [moved] = (await ds.query(`DELETE FROM ${table} WHERE ${column} BETWEEN '2026-10-01' AND '2026-10-31' RETURNING *`)) as [Record<string, unknown>[], number];
      expect(moved.length).toBeGreaterThan(0);
      cold.rows.set(
        table,
        moved.map((raw) => asColdRow({ ...raw, [column]: (raw[column] as Date | string) instanceof Date ? (raw[column] as Date).toISOString().slice(0, 10) : raw[column] })),
      );
    }
    // The archived part is really gone: the hot-only service now answers differently.
    expect(await queries()[0][1](hot)).not.toEqual(before[0]);

    for (const [index, [name, run]] of queries().entries()) {
      expect({ name, answer: await run(merged) }).toEqual({ name, answer: before[index] });
    }
  });
});
