import { spawnSync } from 'node:child_process';
import { addDays } from '@capacity/contracts';
import { insertDatabaseStats, insertInstanceStats } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';

const promtoolFound = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;
if (!promtoolFound) process.stdout.write('\n!!! SKIPPED promtool check of the capacity gauges: promtool is not on PATH (Debian package prometheus)\n');

const GB = 1024 ** 3;
const LAST = '2026-05-31';

describe('the capacity gauges of /metrics', () => {
  let t: TestApp;
  let text: string;

  /** The value of the one sample of `name` with exactly these labels (in any order). */
  const sample = (name: string, labels: Record<string, string>) => {
    const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`).sort().join(',');
    for (const line of text.split('\n')) {
      const match = /^(\w+)\{(.*)\} (\S+)$/.exec(line);
      if (match && match[1] === name && match[2].split(',').sort().join(',') === wanted) return match[3];
    }
    return undefined;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const ds = t.dataSource;
    const [{ id: growing }]: { id: number }[] = await ds.query(
      `INSERT INTO instances (name, db_type, host, port, username, capacity_limit_bytes) VALUES ('growing', 'mysql', 'h', 1, 'u', $1) RETURNING id`,
      [100 * GB],
    );
    const [{ id: young }]: { id: number }[] = await ds.query(`INSERT INTO instances (name, db_type, host, port, username, capacity_limit_bytes) VALUES ('young', 'postgresql', 'h', 1, 'u', $1) RETURNING id`, [
      100 * GB,
    ]);
    // growing: 20 days of exactly 1 GB/day from 41 GB to 60 GB (instance) and 21..40 GB for its database "app".
    const days = Array.from({ length: 20 }, (_, i) => ({ i, date: addDays(LAST, i - 19) }));
    await insertInstanceStats(ds, days.map(({ i, date }) => ({ instanceId: growing, date, totalSizeBytes: (41 + i) * GB, databaseCount: 1 })));
    await insertDatabaseStats(ds, days.map(({ i, date }) => ({ instanceId: growing, databaseName: 'app', date, sizeBytes: (21 + i) * GB })));
    await ds.query(`INSERT INTO database_capacity_limits (instance_id, database_name, limit_bytes) VALUES ($1, 'app', $2)`, [growing, 50 * GB]);
    // young: 5 days only: a limit, no forecast.
    await insertInstanceStats(ds, days.slice(-5).map(({ i, date }) => ({ instanceId: young, date, totalSizeBytes: i * GB, databaseCount: 1 })));
    text = (await t.http.get('/api/v1/metrics').auth(t.adminToken, { type: 'bearer' }).expect(200)).text;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives days until full and the limits, with no sample where there is no forecast', () => {
    // (100 − 60) GB at 1 GB a day; the database (50 − 40) GB.
    expect(sample('capacity_instance_days_until_full', { instance_name: 'growing', db_type: 'mysql' })).toBe('40');
    expect(sample('capacity_database_days_until_full', { instance_name: 'growing', database: 'app', db_type: 'mysql' })).toBe('10');
    expect(sample('capacity_instance_limit_bytes', { instance_name: 'growing', db_type: 'mysql' })).toBe(String(100 * GB));
    expect(sample('capacity_database_limit_bytes', { instance_name: 'growing', database: 'app', db_type: 'mysql' })).toBe(String(50 * GB));
    expect(sample('capacity_instance_limit_bytes', { instance_name: 'young', db_type: 'postgresql' })).toBe(String(100 * GB));
    expect(sample('capacity_instance_days_until_full', { instance_name: 'young', db_type: 'postgresql' })).toBeUndefined();
    expect(text).toContain('# TYPE capacity_instance_days_until_full gauge');
  });

  it.skipIf(!promtoolFound)('passes promtool check metrics but for the unit of the two names issue 17 prescribes', () => {
    // promtool's lint wants base units (seconds); the issue names the series in days, as DBAs and the rules read them.
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    const findings = check.stderr.split('\n').filter((line) => line !== '');
    expect(findings.sort()).toEqual([
      'capacity_database_days_until_full use base unit "seconds" instead of "days"',
      'capacity_instance_days_until_full use base unit "seconds" instead of "days"',
    ]);
    expect(check.stdout).toBe('');
  });
});
