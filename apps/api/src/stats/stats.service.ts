import { calendarDateIn, type LatestDatabaseSizeResponse } from '@capacity/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { CollectedTable, CollectedTables, CollectionResult } from '../collector/collector.types';
import { bytesToMb, toNumberOrNull } from '../common/units';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EngineLimitsRepository } from './engine-limits.repository';
import { StatsRepository, type InstanceReading } from './stats.repository';

/**
 * A collector result → the rows of one reading (names deduplicated, instance totals summed).
 * The instance total is its databases plus the instance-level log (PostgreSQL WAL, MySQL/MariaDB
 * binary logs, Oracle redo) when that was readable; both parts are kept: data = the databases,
 * log = the instance log. An engine without an instance log (SQL Server) has the log inside each
 * database's size: the total is the sum of the databases, data and log the sums of their parts.
 */
export function toInstanceReading(instanceId: number, result: CollectionResult, collectedAt: Date, timeZone: string): InstanceReading {
  const seen = new Set<string>();
  const databases = result.databases.filter((d) => (seen.has(d.name) ? false : (seen.add(d.name), true)));
  const sum = (values: (number | null)[]): number | null =>
    values.some((v) => v !== null) ? values.reduce<number>((total, v) => total + (v ?? 0), 0) : null;
  return {
    instanceId,
    collectedDate: calendarDateIn(collectedAt, timeZone),
    collectedAt,
    databases,
    // Unknown when a database's size is (never the readable part passed off as the total).
    totalSizeBytes: databases.some((d) => d.sizeBytes === null)
      ? null
      : databases.reduce((total, d) => total + (d.sizeBytes ?? 0), 0) + (result.instanceLogBytes ?? 0),
    dataSizeBytes: sum(databases.map((d) => d.dataSizeBytes)),
    logSizeBytes: result.instanceLogBytes ?? sum(databases.map((d) => d.logSizeBytes)),
    ...(result.tables ? { tables: uniqueTables(result.tables) } : {}),
  };
}

/** One row per database, schema and table (the same-day key): a name read twice keeps its first reading. */
function uniqueTables(tables: CollectedTables): CollectedTables {
  const seen = new Set<string>();
  const key = (t: CollectedTable) => `${t.database}\u0000${t.schema}\u0000${t.name}`;
  return {
    databases: [...new Set(tables.databases)],
    tables: tables.tables.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true))),
  };
}

@Injectable()
export class StatsService {
  constructor(
    private readonly repository: StatsRepository,
    private readonly engineLimits: EngineLimitsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Stores one instance's reading dated today in APP_TIMEZONE, and the engine-reported limits read with it (kept as
   * they were when this run could not read them); returns the reading written.
   */
  async saveReading(instanceId: number, result: CollectionResult, collectedAt = new Date()): Promise<InstanceReading> {
    const reading = toInstanceReading(instanceId, result, collectedAt, this.config.timeZone);
    await this.repository.saveReading(reading);
    if (result.limits) await this.engineLimits.save(instanceId, result.limits, collectedAt);
    return reading;
  }

  /**
   * When the instance's top tables of today (APP_TIMEZONE) were read; null when no scan has stored any today. The
   * table history is daily: a later run of the same day does not scan again.
   */
  tablesCollectedToday(instanceId: number, now = new Date()): Promise<Date | null> {
    return this.repository.tablesCollectedAt(instanceId, calendarDateIn(now, this.config.timeZone));
  }

  /** The newest instance_size_stats row as the table names its columns; undefined before the first reading. */
  latestInstanceRow(instanceId: number): Promise<Record<string, unknown> | undefined> {
    return this.repository.latestInstance(instanceId);
  }

  async latestDatabaseSizes(instanceId: number): Promise<LatestDatabaseSizeResponse[]> {
    const rows = await this.repository.latestDatabases(instanceId);
    return rows.map((row) => ({
      database_name: row.database_name,
      size_bytes: toNumberOrNull(row.size_bytes),
      size_mb: bytesToMb(row.size_bytes),
      size_source: row.size_source,
      data_size_bytes: toNumberOrNull(row.data_size_bytes),
      data_size_mb: bytesToMb(row.data_size_bytes),
      log_size_bytes: toNumberOrNull(row.log_size_bytes),
      log_size_mb: bytesToMb(row.log_size_bytes),
      collected_date: row.collected_date,
      collected_at: new Date(row.collected_at).toISOString(),
    }));
  }
}
