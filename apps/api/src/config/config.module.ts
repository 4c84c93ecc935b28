import { Module } from '@nestjs/common';
import { APP_CONFIG, loadAppConfig } from './app-config';
import { ZonedClock } from './zoned-clock';

/**
 * APP_CONFIG, validated from the environment (DESIGN.md §10), and the ZonedClock built on it; every module that injects
 * either imports this one.
 * Not global: a test or a benchmark gives its own configuration with `overrideProvider(APP_CONFIG)`
 * (test-support/app-testing-module.ts).
 */
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: () => loadAppConfig() }, ZonedClock],
  exports: [APP_CONFIG, ZonedClock],
})
export class ConfigModule {}
