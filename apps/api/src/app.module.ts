import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module';
import { dataSourceOptions } from './database/data-source-options';
import { FEATURE_MODULES } from './feature-modules';
import { HealthModule } from './health/health.module';
import { JobSchedulerModule } from './jobs/job-scheduler.module';
import { SessionsModule } from './sessions/sessions.module';

/**
 * The root: the data source (global by design of @nestjs/typeorm) and the top-level modules. Nothing else is
 * global; each module imports what it uses (README "Architecture"), APP_CONFIG through ConfigModule.
 */
@Module({})
export class AppModule {
  static forRoot(options: { databaseUrl: string }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(options.databaseUrl)),
        JobSchedulerModule,
        SessionsModule,
        AuthModule,
        HealthModule,
        ...FEATURE_MODULES,
      ],
    };
  }
}
