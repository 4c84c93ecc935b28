import { addDays, DEFAULT_GROWTH_WINDOW_DAYS, type TableGrowthQueryDto, type TableGrowthResponse, type TopTablesQueryDto, type TopTablesResponse } from '@capacity/contracts';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/roles.decorator';
import { COLD_TIER, type ColdTierPort } from '../history/cold-tier.port';
import { InstanceAccessService } from '../instances/instance-access.service';
import { compareBySize, TABLE_READING_COLUMNS, tableGrowth, tableKey, toTableReading, toTableSizeItem, type TableReading } from './table-readings';
import { TablesRepository } from './tables.repository';

/** The top tables of a database per day and their growth; hot rows and, for archived months, the cold tier merged. */
@Injectable()
export class TablesService {
  constructor(
    private readonly repository: TablesRepository,
    private readonly access: InstanceAccessService,
    @Inject(COLD_TIER) private readonly cold: ColdTierPort,
  ) {}

  async topTables(user: AuthUser, instanceId: number, databaseName: string, query: TopTablesQueryDto): Promise<TopTablesResponse> {
    await this.access.assertReadable(user, instanceId);
    const date = query.date ?? (await this.repository.latestDate(instanceId, databaseName));
    const rows = date === null ? [] : await this.readings(instanceId, databaseName, date, date);
    return {
      instance_id: instanceId,
      database_name: databaseName,
      collected_date: date,
      data: rows.sort(compareBySize).map(toTableSizeItem),
    };
  }

  async growth(user: AuthUser, instanceId: number, databaseName: string, query: TableGrowthQueryDto): Promise<TableGrowthResponse> {
    await this.access.assertReadable(user, instanceId);
    const windowDays = query.window_days ?? DEFAULT_GROWTH_WINDOW_DAYS;
    const end = await this.repository.latestDate(instanceId, databaseName);
    if (end === null) return { instance_id: instanceId, database_name: databaseName, window_days: windowDays, start_date: null, end_date: null, data: [] };
    const start = addDays(end, -windowDays);
    return {
      instance_id: instanceId,
      database_name: databaseName,
      window_days: windowDays,
      start_date: start,
      end_date: end,
      data: tableGrowth(await this.readings(instanceId, databaseName, start, end), end),
    };
  }

  /** Readings in [from, to]: hot, plus the cold tier's when part of the range is archived (a hot row wins). */
  private async readings(instanceId: number, databaseName: string, from: string, to: string): Promise<TableReading[]> {
    const [hot, archived] = await Promise.all([
      this.repository.readings(instanceId, databaseName, from, to),
      this.cold.archivedMonths('table_size_stats', from, to),
    ]);
    const rows = hot.map(toTableReading);
    if (archived.length === 0) return rows;
    const seen = new Set(rows.map((row) => `${row.collected_date}\u0000${tableKey(row)}`));
    const cold = (await this.cold.readRows('table_size_stats', { from, to, instanceIds: [instanceId], databaseName, columns: TABLE_READING_COLUMNS }))
      .filter((raw) => Number(raw.instance_id) === instanceId && raw.database_name === databaseName)
      .map(toTableReading)
      .filter((row) => row.collected_date >= from && row.collected_date <= to && !seen.has(`${row.collected_date}\u0000${tableKey(row)}`));
    return [...rows, ...cold];
  }
}
