import { toInstanceReading } from './stats.service';

describe('toInstanceReading', () => {
  const at = new Date('2026-11-28T16:30:00Z');

  it('sums databases into the instance total and uses the instance log when there is one', () => {
    const reading = toInstanceReading(
      7,
      {
        databases: [
          { name: 'a', sizeBytes: 100, dataSizeBytes: 100, logSizeBytes: null },
          { name: 'b', sizeBytes: 50, dataSizeBytes: 50, logSizeBytes: null },
        ],
        instanceLogBytes: 16_777_216,
        warnings: [],
        serverVersion: 'PostgreSQL 15',
      },
      at,
      'Asia/Shanghai',
    );
    expect(reading).toMatchObject({ instanceId: 7, collectedDate: '2026-11-29', totalSizeBytes: 150, dataSizeBytes: 150, logSizeBytes: 16_777_216 });
    expect(reading.databases).toHaveLength(2);
  });

  it('sums per-database logs when the engine has no instance log (SQL Server)', () => {
    const reading = toInstanceReading(
      1,
      {
        databases: [
          { name: 'x', sizeBytes: 30, dataSizeBytes: 20, logSizeBytes: 10 },
          { name: 'y', sizeBytes: 12, dataSizeBytes: 8, logSizeBytes: 4 },
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
          { name: 'x', sizeBytes: 30, dataSizeBytes: 30, logSizeBytes: null },
          { name: 'x', sizeBytes: 99, dataSizeBytes: 99, logSizeBytes: null },
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
});
