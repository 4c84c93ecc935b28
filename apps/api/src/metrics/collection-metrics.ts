import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The product's own Prometheus registry (no default process metrics of other libraries). */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/** In-process observations of collection runs, recorded by the collection service. */
@Injectable()
export class CollectionMetrics {
  readonly runDuration: Histogram<'type'>;
  readonly instanceDuration: Gauge<'instance' | 'db_type'>;
  readonly instanceFailures: Counter<'instance' | 'db_type' | 'reason'>;
  readonly instanceLastSuccess: Gauge<'instance' | 'db_type'>;

  constructor(registry: Registry) {
    this.runDuration = new Histogram({
      name: 'capacity_collection_run_duration_seconds',
      help: 'Duration of whole collection runs',
      labelNames: ['type'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600],
      registers: [registry],
    });
    this.instanceDuration = new Gauge({
      name: 'capacity_collection_instance_duration_seconds',
      help: 'Duration of the last collection of each instance',
      labelNames: ['instance', 'db_type'],
      registers: [registry],
    });
    this.instanceFailures = new Counter({
      name: 'capacity_collection_failures_total',
      help: 'Failed collections per instance since this process started, by cause',
      labelNames: ['instance', 'db_type', 'reason'],
      registers: [registry],
    });
    this.instanceLastSuccess = new Gauge({
      name: 'capacity_collection_instance_last_success_timestamp_seconds',
      help: 'Unix time of the last successful collection of each instance (this process)',
      labelNames: ['instance', 'db_type'],
      registers: [registry],
    });
  }

  observeInstance(instance: string, dbType: string, seconds: number, failure: string | null): void {
    this.instanceDuration.set({ instance, db_type: dbType }, seconds);
    if (failure) this.instanceFailures.inc({ instance, db_type: dbType, reason: failure });
    else this.instanceLastSuccess.set({ instance, db_type: dbType }, Date.now() / 1000);
  }

  observeRun(type: 'scheduled' | 'manual', seconds: number): void {
    this.runDuration.observe({ type }, seconds);
  }
}
