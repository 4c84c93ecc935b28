import { STATS_TABLES } from '@capacity/contracts';
import { required } from '../common/required';
import { absentColumn, ARCHIVE_COLUMNS, coldConverter, coldSelectExpression, sortColumns, sumColumns } from './archive-columns';
import { monthDirectory, partFileName, sqlStringLiteral, temporaryName } from './archive-paths';

describe('archive columns and paths', () => {
  it('sums the id and every byte size of a table', () => {
    expect(sumColumns('database_size_stats')).toEqual(['id', 'size_bytes', 'data_size_bytes', 'log_size_bytes']);
    expect(sumColumns('instance_size_aggregations')).toContain('total_size_change_bytes');
    expect(sumColumns('instance_size_aggregations')).not.toContain('growth_rate');
  });

  it('sorts every file by instance first so a one-instance query skips row groups', () => {
    for (const table of STATS_TABLES) expect(sortColumns(table)[0]).toBe('instance_id');
    expect(sortColumns('database_size_aggregations')).toEqual(['instance_id', 'period_start', 'period_type', 'database_name', 'id']);
  });

  it('reads cold values in the hot shape: numbers, YYYY-MM-DD dates, ISO UTC timestamps', () => {
    const byName = (name: string) => required(ARCHIVE_COLUMNS.database_size_stats.find((c) => c.name === name), `column ${name}`);
    expect(coldSelectExpression(byName('size_bytes'))).toBe('CAST("size_bytes" AS DOUBLE) AS "size_bytes"');
    expect(coldSelectExpression(byName('collected_date'))).toBe('CAST("collected_date" AS VARCHAR) AS "collected_date"');
    expect(coldSelectExpression(byName('collected_at'))).toBe('CAST(epoch_ms("collected_at") AS DOUBLE) AS "collected_at"');
    const timestamps = coldConverter('timestamptz');
    const first = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
    // The same instant twice (remembered), another, null, then the first again.
    expect([first, first, first + 1, null, first].map(timestamps)).toEqual([
      '2025-01-02T03:04:05.678Z',
      '2025-01-02T03:04:05.678Z',
      '2025-01-02T03:04:05.679Z',
      null,
      '2025-01-02T03:04:05.678Z',
    ]);
    expect(absentColumn(byName('size_source'))).toBe('CAST(NULL AS VARCHAR) AS "size_source"');
    expect(absentColumn(byName('size_bytes'))).toBe('CAST(NULL AS DOUBLE) AS "size_bytes"');
    expect(coldConverter('bigint')(5_000_000_000)).toBe(5_000_000_000);
    expect(coldConverter('text')(undefined)).toBeNull();
  });

  it('lays files out as <table>/year=YYYY/month=MM/part-<n>.parquet', () => {
    expect(`${monthDirectory('instance_size_stats', '2025-03')}/${partFileName(0)}`).toBe('instance_size_stats/year=2025/month=03/part-0.parquet');
    expect(temporaryName('part-0.parquet', 'ab12')).toBe('part-0.parquet.ab12.tmp');
  });

  it('escapes quotes in a path used as a COPY target', () => {
    expect(sqlStringLiteral("/tmp/o'brien/x.parquet")).toBe("'/tmp/o''brien/x.parquet'");
  });
});
