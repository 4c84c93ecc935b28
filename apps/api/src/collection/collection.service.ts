import type { RunAcceptedResponse, SessionType } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/roles.decorator';
import { NotFoundError } from '../common/domain-errors';
import { JobRunner, type JobRequest } from '../jobs/job-runner.service';
import { SessionsService } from '../sessions/sessions.service';
import { CollectionQueue } from './collection-queue';
import { CollectionRepository, type CollectionTarget } from './collection.repository';

export interface CollectionRunSummary {
  sessionId: string;
  instances: number;
  succeeded: number;
  failed: number;
  databases: number;
  durationMs: number;
}

/**
 * A collection run: every active instance (or one), one session with a record per instance, fanned out as one
 * queued job per instance (JobRunner.fanOut); the workers of every replica (CollectWorkers) take the jobs of their
 * zones and the run ends with its last record.
 */
@Injectable()
export class CollectionService {
  constructor(
    private readonly repository: CollectionRepository,
    private readonly queue: CollectionQueue,
    private readonly runner: JobRunner,
    private readonly sessions: SessionsService,
  ) {}

  /** POST /collections/run: 409 while a run is going, else 202 and the run continues in the queue. */
  async startManualRun(user: AuthUser, instanceId?: number): Promise<RunAcceptedResponse> {
    const { sessionId } = await this.start('manual', user.id, instanceId);
    return { session_id: sessionId, status: 'running' };
  }

  /** The scheduled run (JobScheduler). */
  runScheduled(): Promise<CollectionRunSummary> {
    return this.runNow('scheduled');
  }

  /** A whole run, awaited until its last record has ended (the scheduler, tests, benchmarks); 409 while another run is going. */
  async runNow(type: SessionType = 'manual', instanceId?: number): Promise<CollectionRunSummary> {
    const { sessionId } = await this.start(type, null, instanceId);
    await this.runner.untilEnded(sessionId);
    const session = await this.sessions.get(sessionId);
    const summary = session.summary ?? {};
    return {
      sessionId,
      instances: session.total_instances,
      succeeded: session.successful_instances,
      failed: session.failed_instances,
      databases: typeof summary.databases === 'number' ? summary.databases : 0,
      durationMs: session.duration_ms ?? 0,
    };
  }

  private start(type: SessionType, createdBy: number | null, instanceId?: number): Promise<{ sessionId: string }> {
    const request: JobRequest<CollectionTarget> = {
      category: 'capacity',
      type,
      createdBy,
      targets: () => this.targets(instanceId),
      record: (t) => ({ instanceId: t.id, name: t.name, zone: t.zone }),
    };
    return this.runner.fanOut('collect', request, {
      enqueue: (context) => this.queue.enqueue(context, type),
      summarize: (sessionId) => this.queue.summarize(sessionId, type),
    });
  }

  private async targets(instanceId?: number): Promise<CollectionTarget[]> {
    if (instanceId === undefined) return this.repository.activeInstances();
    const target = await this.repository.instance(instanceId);
    if (!target) throw new NotFoundError(`instance ${instanceId} not found`, 'instance_id');
    return [target];
  }
}
