import { Gauge, type Registry } from 'prom-client';
import type { CapacityFigure } from '../capacity/capacity-figure';

/**
 * The forecast to the limit as gauges, refreshed from `CapacityForecastService.forecastAll()` on every scrape. A
 * series has no sample where the figure is unknown (no limit, not enough history, not growing): never a made-up 0 or
 * +Inf. A full database or instance is 0 days.
 */
export class CapacityGauges {
  private readonly databaseDays: Gauge<'instance_name' | 'database' | 'db_type'>;
  private readonly instanceDays: Gauge<'instance_name' | 'db_type'>;
  private readonly databaseLimit: Gauge<'instance_name' | 'database' | 'db_type'>;
  private readonly instanceLimit: Gauge<'instance_name' | 'db_type'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.databaseDays = new Gauge({
      name: 'capacity_database_days_until_full',
      help: 'Days until each database reaches its limit at its least-squares growth over the last FORECAST_POINTS days (no sample without a forecast)',
      labelNames: ['instance_name', 'database', 'db_type'],
      registers,
    });
    this.instanceDays = new Gauge({
      name: 'capacity_instance_days_until_full',
      help: 'Days until each instance reaches its limit at its least-squares growth over the last FORECAST_POINTS days (no sample without a forecast)',
      labelNames: ['instance_name', 'db_type'],
      registers,
    });
    this.databaseLimit = new Gauge({
      name: 'capacity_database_limit_bytes',
      help: 'The effective limit in bytes of each database: configured, else reported by the engine (no sample when none is known)',
      labelNames: ['instance_name', 'database', 'db_type'],
      registers,
    });
    this.instanceLimit = new Gauge({
      name: 'capacity_instance_limit_bytes',
      help: 'The effective limit in bytes of each instance: configured, else reported by the engine (no sample when none is known)',
      labelNames: ['instance_name', 'db_type'],
      registers,
    });
  }

  refresh(figures: readonly CapacityFigure[]): void {
    for (const gauge of [this.databaseDays, this.instanceDays, this.databaseLimit, this.instanceLimit]) gauge.reset();
    for (const figure of figures) {
      const instance = { instance_name: figure.instanceName, db_type: figure.dbType };
      if (figure.databaseName === null) {
        if (figure.daysToFull !== null) this.instanceDays.set(instance, figure.daysToFull);
        if (figure.limitBytes !== null) this.instanceLimit.set(instance, figure.limitBytes);
      } else {
        const labels = { ...instance, database: figure.databaseName };
        if (figure.daysToFull !== null) this.databaseDays.set(labels, figure.daysToFull);
        if (figure.limitBytes !== null) this.databaseLimit.set(labels, figure.limitBytes);
      }
    }
  }
}
