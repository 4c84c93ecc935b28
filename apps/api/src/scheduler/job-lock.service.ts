import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConflictError } from '../common/domain-errors';
import { JOB_NAMES, type JobName } from '../jobs/job-names';
import { SessionsService } from '../sessions/sessions.service';

export { JOB_NAMES, type JobName };

// Stable advisory-lock keys: one per job, shared by every replica on the repository (advisory locks are per database).
const LOCK_KEYS: Record<JobName, number> = { collect: 7_364_101, aggregation: 7_364_102, partition: 7_364_103, cleanup: 7_364_104 };

export interface HeldJobLock {
  release(): Promise<void>;
}

/**
 * Session-level PostgreSQL advisory locks on a dedicated connection, so a job runs once across
 * every replica sharing the repository, and a manual run while one is going is refused.
 * Whoever takes a job's lock first fails the sessions of that job still marked running: holding the
 * lock proves that their owner (here or on a replica that died) is gone.
 */
@Injectable()
export class JobLockService {
  private readonly logger = new Logger(JobLockService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
  ) {}

  /** The lock, or null when another run (here or on another replica) holds it. */
  async tryAcquire(job: JobName): Promise<HeldJobLock | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }]: { locked: boolean }[] = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [LOCK_KEYS[job]]);
      if (!locked) {
        await runner.release();
        return null;
      }
    } catch (error) {
      await runner.release();
      throw error;
    }
    let released = false;
    const lock: HeldJobLock = {
      release: async () => {
        if (released) return;
        released = true;
        try {
          await runner.query('SELECT pg_advisory_unlock($1)', [LOCK_KEYS[job]]);
        } catch (error) {
          this.logger.warn(`could not release the ${job} lock: ${(error as Error).message}`);
        } finally {
          await runner.release();
        }
      },
    };
    try {
      await this.sessions.failInterrupted([job]);
    } catch (error) {
      await lock.release();
      throw error;
    }
    return lock;
  }

  /** The lock or a 409 naming the job. */
  async acquireOrConflict(job: JobName): Promise<HeldJobLock> {
    const lock = await this.tryAcquire(job);
    if (!lock) throw new ConflictError(`a ${job} run is already in progress`);
    return lock;
  }
}
