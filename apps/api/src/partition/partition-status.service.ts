import { currentMonthIn, STATS_TABLES, type PartitionInfo, type PartitionStatusResponse, type StatsTable, type TablePartitionStatus } from '@capacity/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { tableHealth } from './partition-health';
import { PartitionRepository, type PartitionRow } from './partition.repository';

/** Month partitions in range order, then anything unreadable, then the default partition. */
function byRange(a: PartitionRow, b: PartitionRow): number {
  if (a.isDefault !== b.isDefault) return a.isDefault ? 1 : -1;
  return (a.rangeFrom ?? '9999').localeCompare(b.rangeFrom ?? '9999') || a.name.localeCompare(b.name);
}

function toInfo(row: PartitionRow): PartitionInfo {
  return {
    table: row.table,
    name: row.name,
    range_from: row.rangeFrom,
    range_to: row.rangeTo,
    row_count: row.rowCount,
    row_count_estimated: row.rowCountEstimated,
    total_bytes: row.totalBytes,
    is_default: row.isDefault,
  };
}

/** The partition list and the health report. */
@Injectable()
export class PartitionStatusService {
  constructor(
    private readonly repository: PartitionRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(table?: StatsTable): Promise<PartitionInfo[]> {
    const tables = table ? [table] : [...STATS_TABLES];
    const rows = await this.repository.listPartitions(tables);
    return tables.flatMap((name) => rows.filter((row) => row.table === name).sort(byRange).map(toInfo));
  }

  async status(): Promise<PartitionStatusResponse> {
    const current = currentMonthIn(this.config.timeZone);
    const [rows, inDefault] = await Promise.all([this.repository.listPartitions(STATS_TABLES), this.repository.defaultRowsByMonth()]);
    const tables: TablePartitionStatus[] = STATS_TABLES.map((table) => {
      const partitions = rows.filter((row) => row.table === table).sort(byRange);
      const defaults = inDefault.filter((row) => row.table === table);
      const findings = tableHealth({
        table,
        months: partitions.flatMap((p) => (p.month ? [p.month] : [])),
        defaultRowsByMonth: defaults,
        current,
        premakeMonths: this.config.partitionPremakeMonths,
      });
      return {
        table,
        partitions: partitions.map(toInfo),
        partition_count: partitions.filter((p) => !p.isDefault).length,
        total_bytes: partitions.reduce((sum, p) => sum + p.totalBytes, 0),
        default_rows: defaults.reduce((sum, row) => sum + row.rows, 0),
        healthy: findings.length === 0,
        findings,
      };
    });
    return {
      tables,
      healthy: tables.every((table) => table.healthy),
      current_month: current,
      premake_months: this.config.partitionPremakeMonths,
      retention_months: this.config.retentionMonths,
      checked_at: new Date().toISOString(),
    };
  }
}
