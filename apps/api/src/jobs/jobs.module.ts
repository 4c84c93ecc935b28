import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { JobEvents } from './job-events';
import { JobLockRepository } from './job-lock.repository';
import { JobQueue } from './job-queue';
import { JobRunner } from './job-runner.service';
import { DEFAULT_ORPHANED_RUN_SWEEP_MS, ORPHANED_RUN_SWEEP_MS, OrphanedRunSweep } from './orphaned-run-sweep.service';

/** The job runner (lock → session → records → work → finish → release), the job queue of fanned-out runs, and the recovery of interrupted runs. */
@Module({
  imports: [SessionsModule],
  providers: [JobEvents, JobLockRepository, JobQueue, JobRunner, OrphanedRunSweep, { provide: ORPHANED_RUN_SWEEP_MS, useValue: DEFAULT_ORPHANED_RUN_SWEEP_MS }],
  exports: [JobRunner, JobEvents, JobQueue],
})
export class JobsModule {}
