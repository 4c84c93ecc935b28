import { Global, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CronRegistrar } from './cron-registrar.service';
import { JobLockService } from './job-lock.service';
import { DEFAULT_ORPHANED_RUN_SWEEP_MS, ORPHANED_RUN_SWEEP_MS, OrphanedRunSweep } from './orphaned-run-sweep.service';

@Global()
@Module({
  imports: [ScheduleModule.forRoot()],
  providers: [JobLockService, CronRegistrar, OrphanedRunSweep, { provide: ORPHANED_RUN_SWEEP_MS, useValue: DEFAULT_ORPHANED_RUN_SWEEP_MS }],
  exports: [JobLockService, CronRegistrar],
})
export class SchedulerModule {}
