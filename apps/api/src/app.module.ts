import type { CapacityRole } from '@capacity/contracts';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from './auth/auth.module';
import { dataSourceOptions } from './database/data-source-options';
import { reachableReplicas } from './database/read-replicas';
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
  /**
   * `role: 'collector'` (CAPACITY_ROLE) leaves the schedules out (configureApp serves only the health endpoint);
   * the modules stay, so that a run ended by a collector tells every JobEvents listener (alerts) as any replica does.
   */
  static forRoot(options: { databaseUrl: string; role?: CapacityRole; readUrls?: readonly string[] }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRootAsync({ useFactory: async () => dataSourceOptions(options.databaseUrl, undefined, await reachableReplicas(options.readUrls ?? [])) }),
        ...(options.role === 'collector' ? [] : [JobSchedulerModule]),
        SessionsModule,
        AuthModule,
        HealthModule,
        ...FEATURE_MODULES,
      ],
    };
  }
}
