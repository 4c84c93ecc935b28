import type { SessionType } from '@capacity/contracts';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CollectorsService, HEARTBEAT_MS, LIVE_WITHIN_MS } from '../collectors/collectors.service';
import { errorMessage } from '../common/error-message';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JobQueue, type QueueJob } from '../jobs/job-queue';
import { JobRunner } from '../jobs/job-runner.service';
import { SessionsService } from '../sessions/sessions.service';
import { CollectionQueue, EXPIRED_QUEUE, zoneQueue, type CollectJob } from './collection-queue';
import { InstanceCollectorService } from './instance-collector.service';
import { OrphanedJobsRepository } from './orphaned-jobs.repository';

/** How long an idle worker waits before it asks the queue again (a local enqueue wakes it at once). */
export const IDLE_POLL_MS = 1000;

/**
 * The collection workers of this process: up to COLLECT_CONCURRENCY jobs at once, fetched from the queues of
 * COLLECTOR_ZONES (and the expired-jobs queue). Each job collects one instance, writes its readings and record,
 * and settles the run (the last record ends the session, on whichever replica). Every HEARTBEAT_MS: the heartbeat,
 * then the sweeps that end what no worker will — records of a zone without a live collector, runs whose closer died.
 */
@Injectable()
export class CollectWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CollectWorkers.name);
  /** Jobs collecting now (at most COLLECT_CONCURRENCY), and jobs settling their run and completing in the queue. */
  private readonly collecting = new Set<Promise<void>>();
  private readonly finishing = new Set<Promise<void>>();
  /** Jobs fetched ahead of a free slot. */
  private readonly ahead: { name: string; job: QueueJob<CollectJob> }[] = [];
  private readonly queues: string[];
  private stopping = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly queue: JobQueue,
    private readonly collectionQueue: CollectionQueue,
    private readonly instanceCollector: InstanceCollectorService,
    private readonly runner: JobRunner,
    private readonly sessions: SessionsService,
    private readonly collectors: CollectorsService,
    private readonly orphans: OrphanedJobsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.queues = [EXPIRED_QUEUE, ...config.scale.zones.map(zoneQueue)];
  }

  async onApplicationBootstrap(): Promise<void> {
    const options = this.collectionQueue.options;
    await this.queue.ensureQueue(EXPIRED_QUEUE, { retryLimit: 0, expireInSeconds: options.expireInSeconds });
    for (const name of this.queues) await this.queue.ensureQueue(name, options);
    await this.collectors.register();
    this.collectionQueue.onQueued(() => this.wake?.());
    this.loop = this.dispatch();
    this.heartbeatTimer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.heartbeatTimer.unref();
    this.logger.log(`collector ${this.collectors.id} takes zones ${this.config.scale.zones.join(', ')} (${this.config.collectConcurrency} at once)`);
  }

  /** Stops fetching, runs the jobs in hand (fetched ahead included), and leaves the registry. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.wake?.();
    await this.loop;
    await Promise.allSettled(this.collecting);
    await Promise.allSettled(this.finishing);
    await this.sweeping;
    await this.collectors.stop().catch((error: unknown) => this.logger.warn(`could not leave the collector registry: ${errorMessage(error)}`));
  }

  /** One heartbeat and sweep pass (a pass already going is joined); never throws. */
  beat(): Promise<void> {
    this.sweeping ??= this.sweep()
      .catch((error: unknown) => this.logger.warn(`collector heartbeat: ${errorMessage(error)}`))
      .finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async sweep(): Promise<void> {
    await this.collectors.heartbeat();
    await this.orphans.sweep(LIVE_WITHIN_MS, (job) =>
      this.queue.fail(job.queue, job.id, `collector ${job.collector} on ${job.host} stopped answering (no heartbeat for ${LIVE_WITHIN_MS / 1000} s)`),
    );
    const served = await this.collectors.servedZones();
    const touched = await this.sessions.failUnservedZones(served, this.config.scale.zoneTimeoutMs);
    for (const sessionId of new Set([...touched, ...(await this.sessions.queuedWithoutOpenRecords())])) {
      await this.settle(sessionId, (await this.sessions.get(sessionId)).sync_type);
    }
  }

  /**
   * Keeps up to COLLECT_CONCURRENCY jobs collecting and as many fetched ahead (their leases cover the wait), so that
   * the queue's round trips — fetch, then settle and complete after a job — happen beside the collections, not in
   * their slots.
   */
  private async dispatch(): Promise<void> {
    let next = 0;
    while (!this.stopping || this.ahead.length > 0) {
      let fetched = 0;
      // Round-robin over the queues, so that one zone's backlog does not starve another's.
      for (let i = 0; i < this.queues.length && this.ahead.length < this.config.collectConcurrency && !this.stopping; i++) {
        const name = this.queues[(next + i) % this.queues.length];
        let jobs: QueueJob<CollectJob>[];
        try {
          jobs = await this.queue.fetch<CollectJob>(name, this.config.collectConcurrency - this.ahead.length);
        } catch (error) {
          this.logger.warn(`could not fetch from ${name}: ${errorMessage(error)}`);
          jobs = [];
        }
        fetched += jobs.length;
        this.ahead.push(...jobs.map((job) => ({ name, job })));
        this.startAhead();
      }
      next += 1;
      this.startAhead();
      const full = this.collecting.size >= this.config.collectConcurrency;
      // Slots full and jobs in hand: wait for a slot. Nothing found: wait for the poll interval or a local enqueue.
      if (full && this.ahead.length >= this.config.collectConcurrency) await this.pause(null);
      else if (fetched === 0 && this.ahead.length === 0) await this.pause(this.stopping ? 0 : IDLE_POLL_MS);
      else if (full || this.stopping) await this.pause(null);
    }
  }

  private startAhead(): void {
    while (this.collecting.size < this.config.collectConcurrency && this.ahead.length > 0) {
      const { name, job } = this.ahead.shift() as { name: string; job: QueueJob<CollectJob> };
      this.track(this.collecting, this.collect(name, job));
    }
  }

  private pause(ms: number | null): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === null ? null : setTimeout(() => done(), ms);
      const done = (): void => {
        if (timer) clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      this.wake = done;
    });
  }

  private track(set: Set<Promise<void>>, work: Promise<void>): void {
    set.add(work);
    void work.finally(() => {
      set.delete(work);
      // A freed slot takes the next job fetched ahead at once, without waiting for the loop's next fetch.
      this.startAhead();
      this.wake?.();
    });
  }

  /** The slot's part: the collection (readings and record). Settling the run and completing the job follow outside it. */
  private async collect(queueName: string, job: QueueJob<CollectJob>): Promise<void> {
    const { recordId, target } = job.data;
    try {
      if (queueName === EXPIRED_QUEUE) {
        await this.sessions.finishRecord(recordId, {
          ok: false,
          error: `expired: no live worker finished the collection of ${target.name} (its collector died or its lease ran out, on each of ${this.config.scale.retries + 1} attempt(s))`,
          details: { failure: 'expired' },
        });
      } else {
        await this.instanceCollector.collect(target, recordId, this.collectors.id);
        this.collectors.jobDone();
      }
      this.track(this.finishing, this.finish(queueName, job));
    } catch (error) {
      // The record could not be written (repository trouble): the queue retries the job, on any replica.
      this.logger.warn(`collection job of ${target.name} (session ${job.data.sessionId}) failed: ${errorMessage(error)}`);
      this.track(this.finishing, this.queue.fail(queueName, job.id, errorMessage(error)).catch(() => undefined));
    }
  }

  private async finish(queueName: string, job: QueueJob<CollectJob>): Promise<void> {
    try {
      await this.settle(job.data.sessionId, job.data.sessionType);
      await this.queue.complete(queueName, job.id);
    } catch (error) {
      this.logger.warn(`could not complete the collection job of ${job.data.target.name}: ${errorMessage(error)}`);
      await this.queue.fail(queueName, job.id, errorMessage(error)).catch(() => undefined);
    }
  }

  private async settle(sessionId: string, sessionType: SessionType): Promise<void> {
    await this.runner.settle('collect', 'capacity', sessionId, (id) => this.collectionQueue.summarize(id, sessionType));
  }
}
