import { Inject, Injectable } from '@nestjs/common';
import { toNumberOrNull } from '../common/units';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { CapacityFigure } from './capacity-figure';
import type { CapacityRow } from './capacity-sql';
import { CapacityRepository } from './capacity.repository';

export function toCapacityFigure(row: CapacityRow): CapacityFigure {
  return {
    instanceId: row.instance_id,
    instanceName: row.instance_name,
    dbType: row.db_type,
    databaseName: row.database_name,
    sizeBytes: toNumberOrNull(row.size_bytes),
    limitBytes: toNumberOrNull(row.limit_bytes),
    limitSource: row.limit_source,
    usedPercent: row.used_percent,
    growthBytesPerDay: toNumberOrNull(row.growth_bytes_per_day),
    daysToFull: row.days_to_full,
    daysToFullEarly: row.days_to_full_early,
    daysToFullLate: row.days_to_full_late,
    fullDate: row.full_date,
    status: row.status,
  };
}

/**
 * The forecast to the limit of the whole fleet, for the modules that act on it (alerts, metrics): one statement
 * over every instance and every database of its latest reading.
 */
@Injectable()
export class CapacityForecastService {
  constructor(
    private readonly repository: CapacityRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Per instance (databaseName null) and per database of its latest reading: by instance id, the instance first, then its databases by name. */
  async forecastAll(): Promise<CapacityFigure[]> {
    const rows = await this.repository.all({}, this.config.forecastPoints);
    return rows.map(toCapacityFigure);
  }
}
