import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { errorMessage } from '../common/error-message';

/** The pg-boss schema in the repository: the queue lives in the database every replica already shares. */
export const QUEUE_SCHEMA = 'pgboss';

/** pg-boss 10 does not lock its create_queue(): two processes creating the same queue at once deadlock. */
const QUEUE_CREATE_LOCK_KEY = 7_364_300;

export interface QueueJob<T> {
  id: string;
  data: T;
  /** 0 on the first attempt, 1 on the first retry… */
  retryCount: number;
}

export interface QueueOptions {
  retryLimit: number;
  expireInSeconds: number;
  /** Where a job goes once it has failed for good (retries used up, or its lease expired on the last attempt). */
  deadLetter?: string;
}

/** The primary's URL: where pg-boss leases jobs (writes never go to a read replica). */
export function primaryUrl(options: DataSource['options']): string {
  const postgres = options as { url?: string; replication?: { master: { url?: string } } };
  const url = postgres.replication?.master.url ?? postgres.url;
  if (!url) throw new Error('the repository has no URL for the job queue');
  return url;
}

/**
 * The kept job queue (pg-boss, `SKIP LOCKED` leases) on the repository itself: no new server, and the embedded
 * default keeps working with one process. Jobs are leased for `expireInSeconds`; a lease that runs out (its worker
 * died) is failed by pg-boss's maintenance on any live process and retried up to `retryLimit` times.
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobQueue.name);
  private readonly boss: PgBoss;
  private readonly queues = new Map<string, Promise<void>>();
  private started = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.boss = new PgBoss({
      connectionString: primaryUrl(dataSource.options),
      schema: QUEUE_SCHEMA,
      application_name: 'capacity-queue',
      max: 4,
      // pg-boss's cron is not used (our schedules are @nestjs/schedule under advisory locks).
      schedule: false,
      maintenanceIntervalSeconds: 10,
      monitorStateIntervalSeconds: 60,
    });
    this.boss.on('error', (error: Error) => this.logger.warn(`job queue: ${errorMessage(error)}`));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
    this.started = true;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }

  /** Creates the queue once per process (idempotent across processes: an existing queue is kept). */
  ensureQueue(name: string, options: QueueOptions): Promise<void> {
    let created = this.queues.get(name);
    if (!created) {
      created = this.createQueueOnce(name, options);
      created.catch(() => this.queues.delete(name));
      this.queues.set(name, created);
    }
    return created;
  }

  /** Creates the queue unless it exists, one process at a time (the lock is held on another connection). */
  private async createQueueOnce(name: string, options: QueueOptions): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [QUEUE_CREATE_LOCK_KEY]);
      if (await this.boss.getQueue(name)) return;
      await this.boss.createQueue(name, { name, policy: 'standard', ...options, retryDelay: 0 });
    });
  }

  /** Puts jobs in the queue in one statement each chunk. */
  async insert<T extends object>(name: string, jobs: readonly { id: string; data: T }[], options: QueueOptions): Promise<void> {
    await this.ensureQueue(name, options);
    const CHUNK = 1000;
    for (let offset = 0; offset < jobs.length; offset += CHUNK) {
      await this.boss.insert(
        jobs.slice(offset, offset + CHUNK).map((job) => ({ id: job.id, name, data: job.data, retryLimit: options.retryLimit, retryDelay: 0, expireInSeconds: options.expireInSeconds, deadLetter: options.deadLetter })),
      );
    }
  }

  /** Leases up to `count` jobs of the queue (created or due for retry). */
  async fetch<T>(name: string, count: number): Promise<QueueJob<T>[]> {
    const jobs = await this.boss.fetch<T>(name, { batchSize: count, includeMetadata: true });
    return jobs.map((job) => ({ id: job.id, data: job.data, retryCount: job.retryCount }));
  }

  async complete(name: string, id: string): Promise<void> {
    await this.boss.complete(name, id);
  }

  /** Fails the job: retried while its retries last, else sent to its dead letter queue. */
  async fail(name: string, id: string, reason: string): Promise<void> {
    await this.boss.fail(name, id, { message: reason });
  }
}
