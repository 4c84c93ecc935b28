import { ConfigError, loadAppConfig } from './app-config';

describe('scale-out configuration', () => {
  it('defaults to the whole product taking the default zone, one retry, a lease of twice the timeout plus 30 s', () => {
    expect(loadAppConfig({}).scale).toEqual({ role: 'all', zones: ['default'], retries: 1, leaseSeconds: 150, zoneTimeoutMs: 120_000, readUrls: [] });
  });

  it('reads the role, the zones (deduplicated), the retries, the lease and the read replicas', () => {
    const { scale } = loadAppConfig({
      CAPACITY_ROLE: 'collector',
      COLLECTOR_ZONES: 'dc-east,dc_west,dc-east',
      COLLECT_RETRIES: '3',
      COLLECT_LEASE_SECONDS: '20',
      COLLECT_ZONE_TIMEOUT_MS: '5000',
      DATABASE_READ_URLS: 'postgres://a/x,postgresql://b:5433/x',
    });
    expect(scale).toEqual({ role: 'collector', zones: ['dc-east', 'dc_west'], retries: 3, leaseSeconds: 20, zoneTimeoutMs: 5000, readUrls: ['postgres://a/x', 'postgresql://b:5433/x'] });
  });

  it.each([
    ['CAPACITY_ROLE', 'web'],
    ['COLLECTOR_ZONES', 'DC East'],
    ['COLLECTOR_ZONES', 'a,,b'],
    ['COLLECT_RETRIES', '11'],
    ['COLLECT_LEASE_SECONDS', '1'],
    ['COLLECT_ZONE_TIMEOUT_MS', '10'],
    ['DATABASE_READ_URLS', 'mysql://a/x'],
  ])('names %s when it is %s', (name, value) => {
    expect(() => loadAppConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadAppConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
