import type { LatestDatabaseSizeResponse, TableGrowthItem, TableSizeItem } from '../../../lib/api-types';
import { largestDatabase, withGrowth } from './top-tables';

const table = (schema_name: string, table_name: string, total_bytes: number): TableSizeItem => ({
  schema_name,
  table_name,
  total_bytes,
  total_mb: total_bytes / 1024 / 1024,
  data_bytes: total_bytes,
  index_bytes: 0,
  toast_bytes: null,
  row_estimate: null,
  size_source: 'files',
  collected_at: '2026-12-01T03:00:00Z',
});

const growth = (schema_name: string, table_name: string, change_bytes: number): TableGrowthItem => ({
  schema_name,
  table_name,
  start_date: '2026-11-24',
  start_total_bytes: 100,
  end_total_bytes: 100 + change_bytes,
  change_bytes,
  change_mb: 0,
  change_percent: change_bytes,
});

const database = (database_name: string, size_bytes: number | null): LatestDatabaseSizeResponse => ({
  database_name,
  size_bytes,
  size_mb: null,
  size_source: size_bytes === null ? null : 'files',
  data_size_bytes: size_bytes,
  data_size_mb: null,
  log_size_bytes: null,
  log_size_mb: null,
  collected_date: '2026-12-01',
  collected_at: '2026-12-01T03:00:00Z',
});

describe('withGrowth', () => {
  it('joins each window by schema and table name, not by table name alone', () => {
    const rows = withGrowth([table('public', 'events', 300), table('audit', 'events', 200)], {
      7: [growth('audit', 'events', 5), growth('public', 'events', 7)],
      30: [growth('public', 'events', 70)],
    });
    expect(rows.map((row) => [row.schema_name, row.growth[7]?.change_bytes, row.growth[30]?.change_bytes ?? null])).toEqual([
      ['public', 7, 70],
      ['audit', 5, null],
    ]);
  });

  it('keeps the tables in their order and leaves the growth null while a window has no answer', () => {
    const rows = withGrowth([table('public', 'a', 2), table('public', 'b', 1)], {});
    expect(rows.map((row) => [row.table_name, row.growth[7], row.growth[30]])).toEqual([
      ['a', null, null],
      ['b', null, null],
    ]);
  });
});

describe('largestDatabase', () => {
  it('picks the database with the largest latest size, an unknown size counting as the smallest', () => {
    expect(largestDatabase([database('hidden', null), database('small', 10), database('big', 30)])).toBe('big');
  });

  it('falls back to the only database even when its size is unknown, and to nothing without databases', () => {
    expect(largestDatabase([database('hidden', null)])).toBe('hidden');
    expect(largestDatabase([])).toBe('');
  });
});
