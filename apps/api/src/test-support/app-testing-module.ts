import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { AppModule } from '../app.module';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** The whole app over `databaseUrl`, configured by `config` instead of the process environment. */
export function appTestingModule(config: AppConfig, databaseUrl: string): TestingModuleBuilder {
  return Test.createTestingModule({ imports: [AppModule.forRoot({ databaseUrl, role: config.scale.role, readUrls: config.scale.readUrls })] }).overrideProvider(APP_CONFIG).useValue(config);
}
