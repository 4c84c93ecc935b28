import { Registry } from 'prom-client';
import { CollectionMetrics } from './collection-metrics';

describe('CollectionMetrics', () => {
  it('counts a 30 ms run in the 50 ms bucket, not the 25 ms one', async () => {
    const registry = new Registry();
    new CollectionMetrics(registry).observeRun('scheduled', 0.03);
    const text = await registry.metrics();
    expect(text).toContain('capacity_collection_run_duration_seconds_bucket{le="0.025",type="scheduled"} 0');
    expect(text).toContain('capacity_collection_run_duration_seconds_bucket{le="0.05",type="scheduled"} 1');
    expect(text).toContain('capacity_collection_run_duration_seconds_bucket{le="300",type="scheduled"} 1');
  });

  it('labels instance observations instance_name, leaving `instance` to Prometheus', async () => {
    const registry = new Registry();
    const metrics = new CollectionMetrics(registry);
    metrics.observeInstance('orders', 'mysql', 0.5, 'timeout');
    metrics.observeInstance('orders', 'mysql', 0.25, 'timeout');
    const text = await registry.metrics();
    expect(text).toContain('capacity_collection_failures_total{instance_name="orders",db_type="mysql",reason="timeout"} 2');
    expect(text).toContain('capacity_collection_instance_duration_seconds{instance_name="orders",db_type="mysql"} 0.25');
    expect(text).not.toMatch(/[{,]instance="/);
  });

  it('records the time of a success and no failure for it', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T00:00:00Z') });
    try {
      const registry = new Registry();
      new CollectionMetrics(registry).observeInstance('billing', 'postgresql', 0.04, null);
      const text = await registry.metrics();
      const success = 'capacity_collection_instance_last_success_timestamp_seconds{instance_name="billing",db_type="postgresql"}';
      expect(text).toContain(`${success} ${Date.parse('2026-03-01T00:00:00Z') / 1000}`);
      expect(text).not.toContain('capacity_collection_failures_total{');
    } finally {
      vi.useRealTimers();
    }
  });
});
