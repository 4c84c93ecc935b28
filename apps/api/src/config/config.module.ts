import { Module } from '@nestjs/common';
import { APP_CONFIG, loadAppConfig } from './app-config';

/**
 * APP_CONFIG, validated from the environment (DESIGN.md §10); every module that injects it imports this one.
 * Not global: a test or a benchmark gives its own configuration with `overrideProvider(APP_CONFIG)`
 * (test-support/app-testing-module.ts).
 */
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: () => loadAppConfig() }],
  exports: [APP_CONFIG],
})
export class ConfigModule {}
