import { ConfigError, loadAppConfig } from './app-config';

describe('loadAppConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadAppConfig({});
    expect(config.port).toBe(3000);
    expect(config.cron).toEqual({ collect: '0 3 * * *', aggregation: '0 5 * * *', partition: '0 2 * * *', cleanup: '0 4 * * *', digest: '0 8 * * *' });
    expect(config.collectConcurrency).toBe(8);
    expect(config.collectTimeoutMs).toBe(60_000);
    expect(config.collectTables).toEqual({ enabled: true, maxDatabases: 200 });
    expect(config.partitionPremakeMonths).toBe(3);
    expect(config.retentionMonths).toBe(12);
    expect(config.forecastPoints).toBe(30);
    expect(config.enabled.archive).toBe(true);
    expect(config.archiveDir.endsWith('/data/archive')).toBe(true);
    expect(config.host).toBeUndefined();
    expect(config.metricsPublic).toBe(false);
    expect(config.loginThrottle).toEqual({ userLimit: 5, ipLimit: 20, windowSeconds: 60 });
  });

  it('parses numbers and switches from strings', () => {
    const config = loadAppConfig({ PORT: '8080', COLLECT_ENABLED: 'false', RETENTION_MONTHS: '24', COLLECT_TABLES: 'off', COLLECT_TABLES_MAX_DATABASES: '50' });
    expect(config.port).toBe(8080);
    expect(config.enabled.collect).toBe(false);
    expect(config.retentionMonths).toBe(24);
    expect(config.collectTables).toEqual({ enabled: false, maxDatabases: 50 });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['COLLECT_CRON', 'every day'],
    ['APP_TIMEZONE', 'Mars/Olympus'],
    ['ARCHIVE_ENABLED', 'maybe'],
    ['DATABASE_URL', 'mysql://x'],
    ['APP_SECRET_KEY', 'short'],
    ['ADMIN_PASSWORD', 'é'.repeat(37)],
    ['HOST', 'bad host'],
    ['METRICS_PUBLIC', 'perhaps'],
    ['LOGIN_THROTTLE_USER_LIMIT', '0'],
    ['COLLECT_TABLES', 'sometimes'],
    ['COLLECT_TABLES_MAX_DATABASES', '0'],
    ['FORECAST_POINTS', '13'],
    ['FORECAST_POINTS', 'thirty'],
  ])('names %s when it is %s', (name, value) => {
    expect(() => loadAppConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadAppConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
