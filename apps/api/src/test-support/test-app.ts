import 'reflect-metadata';
import { type INestApplication, Logger } from '@nestjs/common';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadAppConfig, type AppConfig } from '../config/app-config';
import { configureApp } from '../configure-app';
import { appTestingModule } from './app-testing-module';
import { createTestDatabase, type TestDatabase } from './test-database';
import { validatedAppHttp } from './validated-http';

export const TEST_ADMIN_PASSWORD = 'admin-password-1';

export interface TestApp {
  app: INestApplication;
  /** Checks every answer against the app's OpenAPI document (./response-validator.ts). */
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  database: TestDatabase;
  config: AppConfig;
  /** Bearer token of the bootstrap admin. */
  adminToken: string;
  /** Creates a user of the role and returns its id and token. */
  loginAs(role: 'admin' | 'viewer', username?: string): Promise<{ id: number; token: string }>;
  close(): Promise<void>;
}

/**
 * The real Nest app over a fresh migrated database; jobs off unless `env` switches them on.
 * `env` takes the same variables as production (DESIGN.md §10).
 */
export async function createTestApp(env: Record<string, string> = {}, webDir?: string): Promise<TestApp> {
  Logger.overrideLogger(['error']);
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'capacity-test-data-'));
  const config = loadAppConfig({
    DATA_DIR: dataDir,
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    COLLECT_ENABLED: 'false',
    AGGREGATION_ENABLED: 'false',
    PARTITION_ENABLED: 'false',
    CLEANUP_ENABLED: 'false',
    ALERT_DIGEST_ENABLED: 'false',
    ...env,
  });
  const moduleRef = await appTestingModule(config, database.url).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  configureApp(app, webDir ?? join(dataDir, 'no-web'));
  await app.init();
  const http = await validatedAppHttp(app);
  const login = async (username: string, password: string): Promise<string> => {
    const response = await http.post('/api/v1/auth/login').send({ username, password }).expect(200);
    return response.body.access_token as string;
  };
  const adminToken = await login('admin', TEST_ADMIN_PASSWORD);
  let userCounter = 0;
  return {
    app,
    http,
    dataSource: app.get(DataSource),
    database,
    config,
    adminToken,
    async loginAs(role, username = `${role}${++userCounter}`) {
      const password = `${username}-password`;
      const created = await http.post('/api/v1/users').auth(adminToken, { type: 'bearer' }).send({ username, password, role }).expect(201);
      return { id: created.body.id as number, token: await login(username, password) };
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
