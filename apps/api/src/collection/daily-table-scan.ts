import type { TableScanOptions } from '../collector/collector.types';
import type { InstanceReading } from '../stats/stats.repository';

/**
 * The table history is daily (one top list per database and day), so an instance's tables are read by the first run
 * of the day that stores them; later runs of that day collect the sizes alone and their record says why. A day whose
 * scan stored nothing (it failed, or no scanned database has a table) is scanned again by the next run.
 */
export function tableScanOf(scan: TableScanOptions | null, readToday: Date | null): TableScanOptions | undefined {
  return scan && readToday === null ? scan : undefined;
}

/** What the collection record says about the table scan of its run (details.table_scan and its companions). */
export function tableScanDetails(enabled: boolean, readToday: Date | null, reading: InstanceReading): Record<string, unknown> {
  if (!enabled) return { table_scan: 'off', table_count: null };
  if (readToday !== null) {
    return {
      table_scan: 'already_read_today',
      table_count: null,
      tables_read_at: readToday.toISOString(),
      table_scan_note: `top tables not read again: today's were read at ${readToday.toISOString()} (the table history is daily)`,
    };
  }
  if (!reading.tables) return { table_scan: 'failed', table_count: null };
  return { table_scan: 'read', table_count: reading.tables.tables.length, tables_read_at: reading.collectedAt.toISOString() };
}
