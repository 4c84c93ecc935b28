import type { RunAcceptedResponse, SessionType } from '@capacity/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import pLimit from 'p-limit';
import { performance } from 'node:perf_hooks';
import type { AuthUser } from '../auth/roles.decorator';
import { NotFoundError } from '../common/domain-errors';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CollectionMetrics } from '../metrics/collection-metrics';
import { JobLockService } from '../scheduler/job-lock.service';
import { SessionsService } from '../sessions/sessions.service';
import { CollectionRepository, type CollectionTarget } from './collection.repository';
import { InstanceCollectorService } from './instance-collector.service';

export interface CollectionRunSummary {
  sessionId: string;
  instances: number;
  succeeded: number;
  failed: number;
  databases: number;
  durationMs: number;
}

/** A collection run: every active instance (or one), bounded concurrency, one session with a record per instance. */
@Injectable()
export class CollectionService {
  private readonly logger = new Logger(CollectionService.name);
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly repository: CollectionRepository,
    private readonly instanceCollector: InstanceCollectorService,
    private readonly sessions: SessionsService,
    private readonly locks: JobLockService,
    private readonly metrics: CollectionMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** POST /collections/run: 409 while a run is going, else 202 and the run continues in the background. */
  async startManualRun(user: AuthUser, instanceId?: number): Promise<RunAcceptedResponse> {
    const lock = await this.locks.acquireOrConflict('collect');
    try {
      const targets = await this.targets(instanceId);
      const started = await this.startSession(targets, 'manual', user.id);
      const run = this.execute(started.sessionId, started.recordIds, targets, 'manual')
        .catch((error: unknown) => this.logger.error(`collection session ${started.sessionId} failed: ${(error as Error).message}`))
        .finally(() => lock.release());
      this.track(run);
      return { session_id: started.sessionId, status: 'running' };
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /** The scheduled run; the caller (CronRegistrar tick) already holds the 'collect' lock. */
  async runScheduled(): Promise<CollectionRunSummary> {
    const targets = await this.targets();
    const started = await this.startSession(targets, 'scheduled', null);
    return this.execute(started.sessionId, started.recordIds, targets, 'scheduled');
  }

  /** Runs now in the caller's context (tests, benchmarks): the caller takes care of locking. */
  async runNow(type: SessionType = 'manual', instanceId?: number): Promise<CollectionRunSummary> {
    const targets = await this.targets(instanceId);
    const started = await this.startSession(targets, type, null);
    return this.execute(started.sessionId, started.recordIds, targets, type);
  }

  /** Resolves when background runs started by this process have ended (shutdown, tests). */
  async idle(): Promise<void> {
    await Promise.allSettled(this.running);
  }

  private async targets(instanceId?: number): Promise<CollectionTarget[]> {
    if (instanceId === undefined) return this.repository.activeInstances();
    const target = await this.repository.instance(instanceId);
    if (!target) throw new NotFoundError(`instance ${instanceId} not found`, 'instance_id');
    return [target];
  }

  private startSession(targets: CollectionTarget[], type: SessionType, createdBy: number | null) {
    return this.sessions.start({ category: 'capacity', job: 'collect', type, createdBy, targets: targets.map((t) => ({ instanceId: t.id, name: t.name })) });
  }

  private async execute(sessionId: string, recordIds: Map<string, number>, targets: CollectionTarget[], type: SessionType): Promise<CollectionRunSummary> {
    const started = performance.now();
    const limit = pLimit(this.config.collectConcurrency);
    try {
      const outcomes = await Promise.all(
        targets.map((target) => limit(() => this.instanceCollector.collect(target, recordIds.get(target.name) as number))),
      );
      const summary: CollectionRunSummary = {
        sessionId,
        instances: targets.length,
        succeeded: outcomes.filter((o) => o.ok).length,
        failed: outcomes.filter((o) => !o.ok).length,
        databases: outcomes.reduce((total, o) => total + o.databases, 0),
        durationMs: Math.round(performance.now() - started),
      };
      const failures: Record<string, number> = {};
      for (const outcome of outcomes) if (outcome.failure) failures[outcome.failure.kind] = (failures[outcome.failure.kind] ?? 0) + 1;
      await this.sessions.finish(sessionId, {
        summary: { databases: summary.databases, duration_ms: summary.durationMs, concurrency: this.config.collectConcurrency, failures },
      });
      this.logger.log(`collection session ${sessionId}: ${summary.succeeded}/${summary.instances} instances, ${summary.databases} databases in ${summary.durationMs} ms`);
      return summary;
    } catch (error) {
      await this.sessions.finish(sessionId, { error: `collection run failed: ${(error as Error).message}` }).catch(() => undefined);
      throw error;
    } finally {
      this.metrics.observeRun(type, (performance.now() - started) / 1000);
    }
  }

  private track(run: Promise<unknown>): void {
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }
}
