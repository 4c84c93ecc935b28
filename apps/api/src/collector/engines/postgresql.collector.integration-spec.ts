import { required } from '../../common/required';
import { LOCAL_PG, createPgDatabase, dropPgDatabases, pgDatabaseSizes, quotePg, uniqueSuffix, withPg } from '../../collection/testing/local-engines';
import type { ConnectionOptions } from '../connections/connection-options';
import { PostgresqlCollector } from './postgresql.collector';

describe('PostgresqlCollector against the local PostgreSQL', () => {
  const suffix = uniqueSuffix();
  const plain = `cap_b_${suffix}_plain`;
  const odd = `cap b ${suffix} 'ö数据`;
  const locked = `cap_b_${suffix}_locked`;
  const closed = `cap_b_${suffix}_closed`;
  const monitor = `cap_b_${suffix}_monitor`;
  const collector = new PostgresqlCollector();
  const options = (username: string): ConnectionOptions => ({ ...LOCAL_PG, username, password: null, database: 'postgres', connectTimeoutMs: 5000 });

  beforeAll(async () => {
    await createPgDatabase(plain, 5000);
    await createPgDatabase(odd, 200);
    await createPgDatabase(locked, 100);
    await createPgDatabase(closed, 300);
    await withPg(async (client) => {
      await client.query(`ALTER DATABASE ${quotePg(closed)} WITH ALLOW_CONNECTIONS false`);
      await client.query(`CREATE ROLE ${quotePg(monitor)} LOGIN`);
      await client.query(`REVOKE CONNECT ON DATABASE ${quotePg(locked)} FROM PUBLIC`);
    });
  });

  afterAll(async () => {
    await dropPgDatabases([plain, odd, locked, closed]);
    await withPg((client) => client.query(`DROP ROLE IF EXISTS ${quotePg(monitor)}`));
  });

  it('sizes every database it may connect to exactly as pg_database_size does, odd names included', async () => {
    const result = await collector.collect(options(monitor), new AbortController().signal);
    const expected = await pgDatabaseSizes([plain, odd]);
    const byName = new Map(result.databases.map((d) => [d.name, d]));
    expect(byName.get(plain)?.sizeBytes).toBe(expected.get(plain));
    expect(byName.get(odd)?.sizeBytes).toBe(expected.get(odd));
    expect(byName.get(plain)).toMatchObject({ dataSizeBytes: expected.get(plain), logSizeBytes: null });
    // The 5000-row database is bigger than the 200-row one: the figures are real readings, not defaults.
    expect(required(expected.get(plain), plain)).toBeGreaterThan(required(expected.get(odd), odd));
    expect(result.serverVersion).toMatch(/^PostgreSQL \d+/);
  });

  it('sizes a database closed to connections (ALLOW_CONNECTIONS false) without connecting to it; templates stay out', async () => {
    const result = await collector.collect(options(monitor), new AbortController().signal);
    const expected = await pgDatabaseSizes([closed]);
    expect(result.databases.find((d) => d.name === closed)?.sizeBytes).toBe(expected.get(closed));
    expect(result.databases.map((d) => d.name)).not.toContain('template0');
    expect(result.databases.map((d) => d.name)).not.toContain('template1');
  });

  it('skips the database the monitoring user may not CONNECT to, with a warning naming it', async () => {
    const result = await collector.collect(options(monitor), new AbortController().signal);
    expect(result.databases.map((d) => d.name)).not.toContain(locked);
    expect(result.warnings).toContain(`skipped database "${locked}": the user has no CONNECT privilege on it`);
  });

  it('leaves the WAL size null with a warning when the user may not list the WAL directory', async () => {
    const result = await collector.collect(options(monitor), new AbortController().signal);
    expect(result.instanceLogBytes).toBeNull();
    expect(result.warnings.some((w) => w.startsWith('WAL size not collected'))).toBe(true);
  });

  it('reads the WAL size and every database, the locked one too, as a superuser', async () => {
    const result = await collector.collect(options('postgres'), new AbortController().signal);
    const [wal] = await withPg(async (client) => (await client.query<{ segment: string }>(`SELECT setting AS segment FROM pg_settings WHERE name = 'wal_segment_size'`)).rows);
    expect(result.instanceLogBytes).toBeGreaterThanOrEqual(Number(wal.segment));
    expect(result.databases.map((d) => d.name)).toEqual(expect.arrayContaining([plain, odd, locked, closed]));
    expect(result.warnings).toEqual([]);
  });
});
