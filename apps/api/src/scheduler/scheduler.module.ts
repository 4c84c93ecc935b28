import { Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CronRegistrar } from './cron-registrar.service';
import { JobLockService } from './job-lock.service';

@Global()
@Module({ imports: [ScheduleModule.forRoot()], providers: [JobLockService, CronRegistrar], exports: [JobLockService, CronRegistrar] })
export class SchedulerModule {}
