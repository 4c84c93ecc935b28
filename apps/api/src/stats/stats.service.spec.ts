import { toInstanceReading } from './stats.service';

describe('toInstanceReading', () => {
  const at = new Date('2026-11-28T16:30:00Z');

  it('adds the instance log to the databases in the total, keeping both parts', () => {
    const reading = toInstanceReading(
      7,
      {
        databases: [
          { name: 'a', sizeBytes: 100, dataSizeBytes: 100, logSizeBytes: null, sizeSource: 'files' },
          { name: 'b', sizeBytes: 50, dataSizeBytes: 50, logSizeBytes: null, sizeSource: 'files' },
        ],
        instanceLogBytes: 16_777_216,
        warnings: [],
        serverVersion: 'PostgreSQL 15',
      },
      at,
      'Asia/Shanghai',
    );
    expect(reading).toMatchObject({ instanceId: 7, collectedDate: '2026-11-29', totalSizeBytes: 150 + 16_777_216, dataSizeBytes: 150, logSizeBytes: 16_777_216 });
    expect(reading.databases).toHaveLength(2);
  });

  it('sums per-database logs when the engine has no instance log (SQL Server)', () => {
    const reading = toInstanceReading(
      1,
      {
        databases: [
          { name: 'x', sizeBytes: 30, dataSizeBytes: 20, logSizeBytes: 10, sizeSource: 'files' },
          { name: 'y', sizeBytes: 12, dataSizeBytes: 8, logSizeBytes: 4, sizeSource: 'files' },
        ],
        instanceLogBytes: null,
        warnings: [],
        serverVersion: 'SQL Server 16',
      },
      at,
      'UTC',
    );
    expect(reading).toMatchObject({ collectedDate: '2026-11-28', totalSizeBytes: 42, dataSizeBytes: 28, logSizeBytes: 14 });
  });

  it('keeps the log null when nothing is known about it, and drops duplicate names', () => {
    const reading = toInstanceReading(
      1,
      {
        databases: [
          { name: 'x', sizeBytes: 30, dataSizeBytes: 30, logSizeBytes: null, sizeSource: 'files' },
          { name: 'x', sizeBytes: 99, dataSizeBytes: 99, logSizeBytes: null, sizeSource: 'files' },
        ],
        instanceLogBytes: null,
        warnings: [],
        serverVersion: 'MySQL 8',
      },
      at,
      'UTC',
    );
    expect(reading).toMatchObject({ totalSizeBytes: 30, logSizeBytes: null });
    expect(reading.databases).toHaveLength(1);
  });

  it('leaves the total unknown (null) when a database size is, never the readable part as the total', () => {
    const reading = toInstanceReading(
      1,
      {
        databases: [
          { name: 'seen', sizeBytes: 40, dataSizeBytes: 40, logSizeBytes: null, sizeSource: 'statistics' },
          { name: 'hidden', sizeBytes: null, dataSizeBytes: null, logSizeBytes: null, sizeSource: null },
        ],
        instanceLogBytes: 8192,
        warnings: ['size of 1 schema(s) unknown'],
        serverVersion: 'MariaDB 10.11',
      },
      at,
      'UTC',
    );
    expect(reading).toMatchObject({ totalSizeBytes: null, dataSizeBytes: 40, logSizeBytes: 8192 });
    expect(reading.databases.map((d) => [d.name, d.sizeBytes, d.sizeSource])).toEqual([
      ['seen', 40, 'statistics'],
      ['hidden', null, null],
    ]);
  });
  it('keeps one reading per database, schema and table (the same-day key), and no tables without a scan', () => {
    const table = (database: string, name: string, totalBytes: number) => ({
      database, schema: 'public', name, totalBytes, dataBytes: totalBytes, indexBytes: 0, toastBytes: 0, rowEstimate: null, sizeSource: 'files' as const,
    });
    const base = { databases: [{ name: 'a', sizeBytes: 100, dataSizeBytes: 100, logSizeBytes: null, sizeSource: 'files' as const }], instanceLogBytes: null, warnings: [], serverVersion: 'PostgreSQL 15' };
    const reading = toInstanceReading(1, { ...base, tables: { databases: ['a', 'a'], tables: [table('a', 't', 10), table('a', 't', 99), table('a', 'u', 5)] } }, at, 'UTC');
    expect(reading.tables).toEqual({ databases: ['a'], tables: [table('a', 't', 10), table('a', 'u', 5)] });
    expect(toInstanceReading(1, base, at, 'UTC').tables).toBeUndefined();
  });
});
