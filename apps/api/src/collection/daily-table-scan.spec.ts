import type { InstanceReading } from '../stats/stats.repository';
import { tableScanDetails, tableScanOf } from './daily-table-scan';

const collectedAt = new Date('2026-12-03T03:00:05.000Z');
const reading = (tables?: InstanceReading['tables']): InstanceReading => ({
  instanceId: 1,
  collectedDate: '2026-12-03',
  collectedAt,
  databases: [],
  totalSizeBytes: 0,
  dataSizeBytes: 0,
  logSizeBytes: null,
  ...(tables ? { tables } : {}),
});
const table = { database: 'app', schema: 'public', name: 't', totalBytes: 1, dataBytes: 1, indexBytes: 0, toastBytes: 0, rowEstimate: 1, sizeSource: 'files' as const };

describe('the once-a-day table scan', () => {
  const scan = { maxDatabases: 200, signal: new AbortController().signal };

  it('scans when no table of today is stored, not when one is, never with COLLECT_TABLES off', () => {
    expect(tableScanOf(scan, null)).toBe(scan);
    expect(tableScanOf(scan, collectedAt)).toBeUndefined();
    expect(tableScanOf(null, null)).toBeUndefined();
  });

  it('says in the record whether the tables were read, already read today (and when), failed or are off', () => {
    expect(tableScanDetails(true, null, reading({ databases: ['app'], tables: [table] }))).toEqual({
      table_scan: 'read',
      table_count: 1,
      tables_read_at: '2026-12-03T03:00:05.000Z',
    });
    const earlier = new Date('2026-12-03T01:00:00.000Z');
    expect(tableScanDetails(true, earlier, reading())).toEqual({
      table_scan: 'already_read_today',
      table_count: null,
      tables_read_at: '2026-12-03T01:00:00.000Z',
      table_scan_note: "top tables not read again: today's were read at 2026-12-03T01:00:00.000Z (the table history is daily)",
    });
    expect(tableScanDetails(true, null, reading())).toEqual({ table_scan: 'failed', table_count: null });
    expect(tableScanDetails(false, null, reading())).toEqual({ table_scan: 'off', table_count: null });
  });
});
