import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { ConfigError, loadAppConfig, type AppConfig } from './config/app-config';
import { configureApp } from './configure-app';
import { startEmbeddedPostgres, type EmbeddedRepository } from './database/embedded-postgres';
import { EmbeddedPostgresError } from './database/embedded-postgres-error';
import { runMigrations } from './database/run-migrations';
import { describeStartupError } from './startup-error';

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

/** Exit code when the embedded server died and could not be restarted: a process supervisor restarts us. */
const EXIT_REPOSITORY_LOST = 1;

async function bootstrap(config: AppConfig): Promise<void> {
  const levels = LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.logLevel) + 1);
  Logger.overrideLogger([...levels]);
  const logger = new Logger('Capacity');
  let embedded: EmbeddedRepository | undefined;
  let repositoryUrl = config.databaseUrl;
  if (!repositoryUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, new Logger('EmbeddedPostgres'), {
      onGiveUp: () => {
        logger.error('the embedded PostgreSQL is gone and could not be restarted; exiting so that a supervisor restarts Capacity');
        process.exit(EXIT_REPOSITORY_LOST);
      },
    });
    repositoryUrl = embedded.url;
  }
  const databaseUrl = repositoryUrl;
  const stopEmbedded = async () => embedded?.stop().catch((error: unknown) => logger.error(`stopping PostgreSQL: ${describeStartupError(error)}`));

  try {
    await runMigrations(databaseUrl);
    // ConfigModule validates the same environment again for the app's APP_CONFIG.
    const app = await NestFactory.create(AppModule.forRoot({ databaseUrl, role: config.scale.role, readUrls: config.scale.readUrls }), {
      abortOnError: false,
      logger: [...levels],
    });
    configureApp(app, undefined, config.scale.role);
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
    // HOST unset: every interface, as Node does.
    await (config.host ? app.listen(config.port, config.host) : app.listen(config.port));
    const host = !config.host ? 'localhost' : config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
    logger.log(`Capacity is running at http://${host}:${config.port} (API docs at /api/docs)`);
  } catch (error) {
    await stopEmbedded();
    throw error;
  }
}

let config: AppConfig;
try {
  config = loadAppConfig();
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : describeStartupError(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
bootstrap(config).catch((error: unknown) => {
  // Our own start-up errors say what to do; their stack adds nothing.
  process.stderr.write(`Capacity failed to start: ${error instanceof EmbeddedPostgresError ? error.message : describeStartupError(error)}\n`);
  process.exit(1);
});
