import type { RunAcceptedResponse, SessionType } from '@capacity/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import pLimit from 'p-limit';
import { performance } from 'node:perf_hooks';
import type { AuthUser } from '../auth/roles.decorator';
import { NotFoundError } from '../common/domain-errors';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CollectionMetrics } from '../metrics/collection-metrics';
import { errorMessage } from '../common/error-message';
import { JobRunner, type JobContext, type JobOutcome, type JobRequest } from '../jobs/job-runner.service';
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

  constructor(
    private readonly repository: CollectionRepository,
    private readonly instanceCollector: InstanceCollectorService,
    private readonly runner: JobRunner,
    private readonly metrics: CollectionMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** POST /collections/run: 409 while a run is going, else 202 and the run continues in the background. */
  async startManualRun(user: AuthUser, instanceId?: number): Promise<RunAcceptedResponse> {
    const { sessionId } = await this.runner.start('collect', this.request('manual', user.id, instanceId), (context) => this.execute(context, 'manual'));
    return { session_id: sessionId, status: 'running' };
  }

  /** The scheduled run (JobScheduler). */
  runScheduled(): Promise<CollectionRunSummary> {
    return this.runNow('scheduled');
  }

  /** A whole run, awaited (the scheduler, tests, benchmarks); 409 while another run holds the lock. */
  runNow(type: SessionType = 'manual', instanceId?: number): Promise<CollectionRunSummary> {
    return this.runner.runNow('collect', this.request(type, null, instanceId), (context) => this.execute(context, type));
  }

  private request(type: SessionType, createdBy: number | null, instanceId?: number): JobRequest<CollectionTarget> {
    return { category: 'capacity', type, createdBy, targets: () => this.targets(instanceId), record: (t) => ({ instanceId: t.id, name: t.name }) };
  }

  private async targets(instanceId?: number): Promise<CollectionTarget[]> {
    if (instanceId === undefined) return this.repository.activeInstances();
    const target = await this.repository.instance(instanceId);
    if (!target) throw new NotFoundError(`instance ${instanceId} not found`, 'instance_id');
    return [target];
  }

  private async execute(context: JobContext<CollectionTarget>, type: SessionType): Promise<JobOutcome<CollectionRunSummary>> {
    const { sessionId, targets } = context;
    const started = performance.now();
    const limit = pLimit(this.config.collectConcurrency);
    try {
      const outcomes = await Promise.all(targets.map((target) => limit(() => this.instanceCollector.collect(target, context.recordId(target)))));
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
      this.logger.log(`collection session ${sessionId}: ${summary.succeeded}/${summary.instances} instances, ${summary.databases} databases in ${summary.durationMs} ms`);
      return {
        result: summary,
        summary: {
          databases: summary.databases,
          duration_ms: summary.durationMs,
          concurrency: this.config.collectConcurrency,
          failures,
          // Instances collected with warnings (unreadable sizes, estimates, logs not readable): see their records.
          instances_with_warnings: outcomes.filter((o) => o.warnings > 0).length,
        },
      };
    } catch (error) {
      throw new Error(`collection run failed: ${errorMessage(error)}`, { cause: error });
    } finally {
      this.metrics.observeRun(type, (performance.now() - started) / 1000);
    }
  }
}
