import type { SessionType } from '@capacity/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { JobContext } from '../jobs/job-runner.service';
import { JobQueue, type QueueOptions } from '../jobs/job-queue';
import { CollectionMetrics } from '../metrics/collection-metrics';
import { SessionsService } from '../sessions/sessions.service';
import type { CollectionTarget } from './collection.repository';

/** One instance of a run, as a queued job. */
export interface CollectJob {
  sessionId: string;
  recordId: number;
  sessionType: SessionType;
  target: CollectionTarget;
}

/** The queue of a zone's collection jobs: only that zone's collectors fetch from it. */
export const zoneQueue = (zone: string): string => `collect.zone.${zone}`;
/** Where a job lands once it has failed for good (every lease expired): any process fails its record. */
export const EXPIRED_QUEUE = 'collect.expired';

/** A run's per-instance jobs in the pg-boss queue, and the summary of a run once it has ended. */
@Injectable()
export class CollectionQueue {
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly queue: JobQueue,
    private readonly sessions: SessionsService,
    private readonly metrics: CollectionMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get options(): QueueOptions {
    return { retryLimit: this.config.scale.retries, expireInSeconds: this.config.scale.leaseSeconds, deadLetter: EXPIRED_QUEUE };
  }

  /** Calls `listener` after this process queued jobs (its workers fetch at once instead of at their next poll). */
  onQueued(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** One job per target, in its zone's queue. */
  async enqueue(context: JobContext<CollectionTarget>, sessionType: SessionType): Promise<void> {
    await this.queue.ensureQueue(EXPIRED_QUEUE, { retryLimit: 0, expireInSeconds: this.config.scale.leaseSeconds });
    const byZone = new Map<string, { id: string; data: CollectJob }[]>();
    for (const target of context.targets) {
      const jobs = byZone.get(target.zone) ?? [];
      jobs.push({ id: randomUUID(), data: { sessionId: context.sessionId, recordId: context.recordId(target), sessionType, target } });
      byZone.set(target.zone, jobs);
    }
    for (const [zone, jobs] of byZone) await this.queue.insert(zoneQueue(zone), jobs, this.options);
    for (const listener of this.listeners) listener();
  }

  /** The summary of an ended run, from its records (which replica ran them does not matter). */
  async summarize(sessionId: string, sessionType: SessionType): Promise<Record<string, unknown>> {
    const tally = await this.sessions.tallyRecords(sessionId);
    this.metrics.observeRun(sessionType, tally.duration_ms / 1000);
    return { ...tally, concurrency: this.config.collectConcurrency };
  }
}
