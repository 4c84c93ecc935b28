import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The product's own Prometheus registry (no default process metrics of other libraries). */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/**
 * Buckets of the run-duration histogram, 10 ms to 5 min: a run over a few instances on a LAN takes
 * 0.02–0.06 s, a large fleet or a server held to COLLECT_TIMEOUT_MS (60 s by default) minutes.
 */
export const RUN_DURATION_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

// Not `instance`: Prometheus sets that label to the scrape target and renames ours to `exported_instance`.
type InstanceLabel = 'instance_name' | 'db_type';

/** In-process observations of collection runs, recorded by the collection service. */
@Injectable()
export class CollectionMetrics {
  readonly runDuration: Histogram<'type'>;
  readonly instanceDuration: Gauge<InstanceLabel>;
  readonly instanceFailures: Counter<InstanceLabel | 'reason'>;
  readonly instanceLastSuccess: Gauge<InstanceLabel>;

  constructor(registry: Registry) {
    this.runDuration = new Histogram({
      name: 'capacity_collection_run_duration_seconds',
      help: 'Duration of whole collection runs in seconds, by trigger (scheduled or manual)',
      labelNames: ['type'],
      buckets: RUN_DURATION_BUCKETS,
      registers: [registry],
    });
    this.instanceDuration = new Gauge({
      name: 'capacity_collection_instance_duration_seconds',
      help: 'Duration of the last collection of each instance in seconds (this process)',
      labelNames: ['instance_name', 'db_type'],
      registers: [registry],
    });
    this.instanceFailures = new Counter({
      name: 'capacity_collection_failures_total',
      help: 'Failed collections per instance since this process started, by cause',
      labelNames: ['instance_name', 'db_type', 'reason'],
      registers: [registry],
    });
    this.instanceLastSuccess = new Gauge({
      name: 'capacity_collection_instance_last_success_timestamp_seconds',
      help: 'Unix time in seconds of the last successful collection of each instance (this process)',
      labelNames: ['instance_name', 'db_type'],
      registers: [registry],
    });
  }

  observeInstance(instance: string, dbType: string, seconds: number, failure: string | null): void {
    const labels = { instance_name: instance, db_type: dbType };
    this.instanceDuration.set(labels, seconds);
    if (failure) this.instanceFailures.inc({ ...labels, reason: failure });
    else this.instanceLastSuccess.set(labels, Date.now() / 1000);
  }

  observeRun(type: 'scheduled' | 'manual', seconds: number): void {
    this.runDuration.observe({ type }, seconds);
  }
}
