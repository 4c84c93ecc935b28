import type { LoggerService } from '@nestjs/common';
import { Client } from 'pg';
import { bootApp, type BootedApp } from '../test-support/boot-app';
import { TEST_ADMIN_PASSWORD } from '../test-support/test-app';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';

describe('first admin on an empty repository', () => {
  let database: TestDatabase;
  const apps: BootedApp[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await database?.drop();
  });

  it('two replicas starting together create exactly one admin and log no error', async () => {
    const logger = { log: vi.fn(), error: vi.fn(), warn: vi.fn(), debug: vi.fn(), verbose: vi.fn(), fatal: vi.fn() } satisfies LoggerService;
    // TypeORM reports a failed statement on the console, not through Nest's logger.
    const consoleError = vi.spyOn(console, 'error');
    const consoleLog = vi.spyOn(console, 'log');
    // Replicas are separate processes that really do overlap; here the table is held so that both find it
    // empty and both insert (readers pass an EXCLUSIVE lock, writers wait), then let go at once.
    const gate = new Client({ connectionString: database.url });
    await gate.connect();
    let printed: unknown[][] = [];
    let printedErrors: unknown[][] = [];
    try {
      await gate.query('BEGIN');
      await gate.query('LOCK TABLE users IN EXCLUSIVE MODE');
      const booting = Promise.all([bootApp(database.url, { logger }), bootApp(database.url, { logger })]);
      await vi.waitFor(
        async () => {
          const { rows } = await gate.query<{ waiting: number }>(
            `SELECT count(*)::int AS waiting FROM pg_locks WHERE relation = 'users'::regclass AND NOT granted`,
          );
          expect(rows[0].waiting).toBe(2);
        },
        { timeout: 30_000, interval: 50 },
      );
      await gate.query('COMMIT');
      apps.push(...(await booting));
    } finally {
      // Read before restoring: mockRestore also forgets the calls.
      printed = [...consoleLog.mock.calls];
      printedErrors = [...consoleError.mock.calls];
      consoleError.mockRestore();
      consoleLog.mockRestore();
    }

    const { rows } = await gate.query<{ username: string; role: string }>('SELECT username, role FROM users');
    await gate.end();
    expect(rows).toEqual([{ username: 'admin', role: 'admin' }]);

    expect(logger.error).not.toHaveBeenCalled();
    expect(logger.fatal).not.toHaveBeenCalled();
    expect(printedErrors).toEqual([]);
    expect(printed.filter((call) => /error|failed/i.test(call.map(String).join(' ')))).toEqual([]);
    // One of the two said it created the admin; both let it log in.
    expect(logger.log.mock.calls.filter(([message]) => String(message).includes('created the first admin user'))).toHaveLength(1);
    for (const app of apps) {
      await app.http.post('/api/v1/auth/login').send({ username: 'admin', password: TEST_ADMIN_PASSWORD }).expect(200);
    }
  });
});
