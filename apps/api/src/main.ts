import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { ConfigError, loadAppConfig, type AppConfig } from './config/app-config';
import { configureApp } from './configure-app';
import { startEmbeddedPostgres, type EmbeddedRepository } from './database/embedded-postgres';
import { runMigrations } from './database/run-migrations';

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

async function bootstrap(config: AppConfig): Promise<void> {
  const levels = LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.logLevel) + 1);
  Logger.overrideLogger([...levels]);
  const logger = new Logger('Capacity');
  let embedded: EmbeddedRepository | undefined;
  const databaseUrl = config.databaseUrl ?? (embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort)).url;
  const stopEmbedded = async () => embedded?.stop().catch((error: Error) => logger.error(`stopping PostgreSQL: ${error.message}`));

  try {
    await runMigrations(databaseUrl);
    const app = await NestFactory.create(AppModule.forRoot({ config, databaseUrl }), {
      abortOnError: false,
      logger: [...levels],
    });
    configureApp(app);
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.log(`${signal} received, shutting down`);
      await app.close();
      await stopEmbedded();
      process.exit(0);
    };
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    await app.listen(config.port);
    logger.log(`Capacity is running at http://localhost:${config.port} (API docs at /api/docs)`);
  } catch (error) {
    await stopEmbedded();
    throw error;
  }
}

let config: AppConfig;
try {
  config = loadAppConfig();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
bootstrap(config).catch((error: Error) => {
  process.stderr.write(`Capacity failed to start: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
