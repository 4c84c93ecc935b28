import 'reflect-metadata';
import { type INestApplication, type LoggerService } from '@nestjs/common';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadAppConfig } from '../config/app-config';
import { configureApp } from '../configure-app';
import { ORPHANED_RUN_SWEEP_MS } from '../jobs/orphaned-run-sweep.service';
import { appTestingModule } from './app-testing-module';
import { TEST_ADMIN_PASSWORD } from './test-app';
import { validatedAppHttp } from './validated-http';

export interface BootedApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

export interface BootOptions {
  env?: Record<string, string>;
  /** Every log line of the app goes here (default: errors only, on the console). */
  logger?: LoggerService;
  /** Period of the interrupted-run sweep (default: the production minute). */
  sweepMs?: number;
}

/**
 * One more process of the product on an existing database: a restart after a crash, or a second replica.
 * Jobs are off unless `env` switches them on, as in createTestApp; the database is left to its owner.
 */
export async function bootApp(databaseUrl: string, options: BootOptions = {}): Promise<BootedApp> {
  const config = loadAppConfig({
    DATA_DIR: await mkdtemp(join(tmpdir(), 'capacity-test-data-')),
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    COLLECT_ENABLED: 'false',
    AGGREGATION_ENABLED: 'false',
    PARTITION_ENABLED: 'false',
    CLEANUP_ENABLED: 'false',
    ALERT_DIGEST_ENABLED: 'false',
    ...options.env,
  });
  let builder = appTestingModule(config, databaseUrl);
  if (options.sweepMs !== undefined) builder = builder.overrideProvider(ORPHANED_RUN_SWEEP_MS).useValue(options.sweepMs);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ logger: options.logger ?? ['error'] });
  configureApp(app, join(config.dataDir, 'no-web'));
  await app.init();
  return { app, http: await validatedAppHttp(app), close: () => app.close() };
}
