import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConflictError } from '../common/domain-errors';

export const JOB_NAMES = ['collect', 'aggregation', 'partition', 'cleanup'] as const;
export type JobName = (typeof JOB_NAMES)[number];

// Stable advisory-lock keys: one per job, shared by every replica on the repository.
const LOCK_KEYS: Record<JobName, number> = { collect: 7_364_101, aggregation: 7_364_102, partition: 7_364_103, cleanup: 7_364_104 };

export interface HeldJobLock {
  release(): Promise<void>;
}

/**
 * Session-level PostgreSQL advisory locks on a dedicated connection, so a job runs once across
 * every replica sharing the repository, and a manual run while one is going is refused.
 */
@Injectable()
export class JobLockService {
  private readonly logger = new Logger(JobLockService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    return {
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
  }

  /** The lock or a 409 naming the job. */
  async acquireOrConflict(job: JobName): Promise<HeldJobLock> {
    const lock = await this.tryAcquire(job);
    if (!lock) throw new ConflictError(`a ${job} run is already in progress`);
    return lock;
  }

  /** Whether any connection currently holds the job's lock (e.g. a live run on another replica). */
  async isHeld(job: JobName): Promise<boolean> {
    const [{ held }]: { held: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted) AS held`,
      [LOCK_KEYS[job]],
    );
    return held;
  }
}
