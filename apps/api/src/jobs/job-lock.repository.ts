import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { errorMessage } from '../common/error-message';
import type { JobName } from './job-names';

// Stable advisory-lock keys: one per job, shared by every replica on the repository (advisory locks are per database).
export const JOB_LOCK_KEYS: Record<JobName, number> = { collect: 7_364_101, aggregation: 7_364_102, partition: 7_364_103, cleanup: 7_364_104, alert: 7_364_105, digest: 7_364_106 };

export interface HeldJobLock {
  release(): Promise<void>;
}

/**
 * Session-level PostgreSQL advisory locks, each on a dedicated connection held for the run, so a job runs once
 * across every replica sharing the repository. A lock dies with its connection: a crashed owner frees it.
 */
@Injectable()
export class JobLockRepository {
  private readonly logger = new Logger(JobLockRepository.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The lock, or null when another run (here or on another replica) holds it. */
  async tryLock(job: JobName): Promise<HeldJobLock | null> {
    const connection = this.dataSource.createQueryRunner();
    await connection.connect();
    try {
      const [{ locked }]: { locked: boolean }[] = await connection.query('SELECT pg_try_advisory_lock($1) AS locked', [JOB_LOCK_KEYS[job]]);
      if (!locked) {
        await connection.release();
        return null;
      }
    } catch (error) {
      await connection.release();
      throw error;
    }
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        try {
          await connection.query('SELECT pg_advisory_unlock($1)', [JOB_LOCK_KEYS[job]]);
        } catch (error) {
          this.logger.warn(`could not release the ${job} lock: ${errorMessage(error)}`);
        } finally {
          await connection.release();
        }
      },
    };
  }
}
