import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { CapacityForecastService } from '../capacity/capacity-forecast.service';
import { CapacityGauges } from './capacity-gauges';
import { METRICS_REGISTRY } from './collection-metrics';
import { MetricsRepository } from './metrics.repository';

type InstanceLabel = 'instance_name' | 'db_type';

/** Renders the registry; the size gauges are refreshed from the repository on every scrape. */
@Injectable()
export class MetricsService {
  private readonly databaseSize: Gauge<InstanceLabel | 'database'>;
  private readonly instanceSize: Gauge<InstanceLabel>;
  private readonly instanceLogSize: Gauge<InstanceLabel>;
  private readonly instanceDatabases: Gauge<InstanceLabel>;
  private readonly instanceCollectedAt: Gauge<InstanceLabel>;
  private readonly lastRun: Gauge;
  private readonly capacity: CapacityGauges;

  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    private readonly repository: MetricsRepository,
    private readonly forecast: CapacityForecastService,
  ) {
    const registers = [registry];
    const instanceLabels: InstanceLabel[] = ['instance_name', 'db_type'];
    this.databaseSize = new Gauge({
      name: 'capacity_database_size_bytes',
      help: "Size in bytes of each database in its instance's latest collection (no sample where it could not be read)",
      labelNames: ['instance_name', 'database', 'db_type'],
      registers,
    });
    this.instanceSize = new Gauge({
      name: 'capacity_instance_size_bytes',
      help: "Size in bytes of each instance's latest collection: its databases plus its instance-level log (WAL, binary logs) where readable (no sample if a database size is unknown)",
      labelNames: instanceLabels,
      registers,
    });
    this.instanceLogSize = new Gauge({
      name: 'capacity_instance_log_size_bytes',
      help: "Logs in bytes of each instance's latest collection: WAL, binary logs, redo, SQL Server's log files (no sample if not read)",
      labelNames: instanceLabels,
      registers,
    });
    this.instanceDatabases = new Gauge({
      name: 'capacity_instance_databases',
      help: "Number of databases in each instance's latest collection",
      labelNames: instanceLabels,
      registers,
    });
    this.instanceCollectedAt = new Gauge({
      name: 'capacity_instance_last_collected_timestamp_seconds',
      help: "Unix time in seconds of each instance's latest stored reading",
      labelNames: instanceLabels,
      registers,
    });
    this.lastRun = new Gauge({
      name: 'capacity_collection_last_run_timestamp_seconds',
      help: 'Unix time in seconds at which the latest collection run ended (any replica)',
      registers,
    });
    this.capacity = new CapacityGauges(registry);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async render(): Promise<string> {
    const [instances, databases, lastRun, figures] = await Promise.all([
      this.repository.latestInstanceSizes(),
      this.repository.latestDatabaseSizes(),
      this.repository.lastCollectionEnd(),
      this.forecast.forecastAll(),
    ]);
    this.capacity.refresh(figures);
    const refreshed = [this.instanceSize, this.instanceLogSize, this.instanceDatabases, this.instanceCollectedAt, this.databaseSize, this.lastRun];
    for (const gauge of refreshed) gauge.reset();
    for (const row of instances) {
      const labels = { instance_name: row.instance, db_type: row.db_type };
      // Unknown when a database's size is: no sample rather than the readable part.
      if (row.total_size_bytes !== null) this.instanceSize.set(labels, Number(row.total_size_bytes));
      // A reading without logs has no sample: 0 would claim an empty WAL / binlog.
      if (row.log_size_bytes !== null) this.instanceLogSize.set(labels, Number(row.log_size_bytes));
      this.instanceDatabases.set(labels, row.database_count);
      this.instanceCollectedAt.set(labels, new Date(row.collected_at).getTime() / 1000);
    }
    for (const row of databases) {
      if (row.size_bytes === null) continue;
      const labels = { instance_name: row.instance, database: row.database, db_type: row.db_type };
      this.databaseSize.set(labels, Number(row.size_bytes));
    }
    if (lastRun) this.lastRun.set(lastRun.getTime() / 1000);
    return this.registry.metrics();
  }
}
