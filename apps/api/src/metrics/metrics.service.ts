import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { METRICS_REGISTRY } from './collection-metrics';
import { MetricsRepository } from './metrics.repository';

/** Renders the registry; the size gauges are refreshed from the repository on every scrape. */
@Injectable()
export class MetricsService {
  private readonly databaseSize: Gauge<'instance' | 'database' | 'db_type'>;
  private readonly instanceSize: Gauge<'instance' | 'db_type'>;
  private readonly instanceDatabases: Gauge<'instance' | 'db_type'>;
  private readonly instanceCollectedAt: Gauge<'instance' | 'db_type'>;
  private readonly lastRun: Gauge;

  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    private readonly repository: MetricsRepository,
  ) {
    const registers = [registry];
    this.databaseSize = new Gauge({
      name: 'capacity_database_size_bytes',
      help: 'Size of each database in its instance\'s latest collection',
      labelNames: ['instance', 'database', 'db_type'],
      registers,
    });
    this.instanceSize = new Gauge({
      name: 'capacity_instance_size_bytes',
      help: 'Total size of each instance (sum of its databases) in its latest collection',
      labelNames: ['instance', 'db_type'],
      registers,
    });
    this.instanceDatabases = new Gauge({
      name: 'capacity_instance_database_count',
      help: 'Number of databases in each instance\'s latest collection',
      labelNames: ['instance', 'db_type'],
      registers,
    });
    this.instanceCollectedAt = new Gauge({
      name: 'capacity_instance_last_collected_timestamp_seconds',
      help: 'Unix time of each instance\'s latest stored reading',
      labelNames: ['instance', 'db_type'],
      registers,
    });
    this.lastRun = new Gauge({
      name: 'capacity_collection_last_run_timestamp_seconds',
      help: 'Unix time at which the latest collection run ended (any replica)',
      registers,
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async render(): Promise<string> {
    const [instances, databases, lastRun] = await Promise.all([
      this.repository.latestInstanceSizes(),
      this.repository.latestDatabaseSizes(),
      this.repository.lastCollectionEnd(),
    ]);
    this.instanceSize.reset();
    this.instanceDatabases.reset();
    this.instanceCollectedAt.reset();
    this.databaseSize.reset();
    this.lastRun.reset();
    for (const row of instances) {
      const labels = { instance: row.instance, db_type: row.db_type };
      this.instanceSize.set(labels, Number(row.total_size_bytes));
      this.instanceDatabases.set(labels, row.database_count);
      this.instanceCollectedAt.set(labels, new Date(row.collected_at).getTime() / 1000);
    }
    for (const row of databases) {
      this.databaseSize.set({ instance: row.instance, database: row.database, db_type: row.db_type }, Number(row.size_bytes));
    }
    if (lastRun) this.lastRun.set(lastRun.getTime() / 1000);
    return this.registry.metrics();
  }
}
