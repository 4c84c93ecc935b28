import type { RunAcceptedResponse, SessionType } from '@capacity/contracts';
import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { errorMessage } from '../common/error-message';
import { JobEvents, type RunFinished } from '../jobs/job-events';
import { JobBusyError, JobRunner, type JobRequest } from '../jobs/job-runner.service';
import { AlertEventsRepository } from './alert-events.repository';
import { AlertEvaluator } from './alert-evaluator.service';
import { AlertRulesRepository, type AlertRuleRow } from './alert-rules.repository';

/** The runs after which the alert rules are evaluated. */
const EVALUATE_AFTER: ReadonlySet<RunFinished['job']> = new Set(['collect', 'aggregation']);
/** While another replica's evaluation holds the lock, try again this much later (once it has surely ended). */
const BUSY_RETRY_MS = 30_000;

/**
 * Starts an evaluation (job `alert`, session category `alert`, one record per enabled rule) after every collection
 * and aggregation run, or on an admin's request. A run-finished listener is awaited before that run releases its
 * lock, so the evaluation goes on in the background. When the alert job is busy, one more evaluation runs after it:
 * the one in progress may have read the stats before the run that just ended wrote them. Runs through
 * `JobRunner.runNow` under this service's own background tracking, which knows when the alert lock is released.
 */
@Injectable()
export class AlertEvaluationService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(AlertEvaluationService.name);
  /** Evaluations this process launched, until their lock is released. */
  private readonly running = new Set<Promise<unknown>>();
  /** Run-finished listeners deciding whether to launch one. */
  private readonly starting = new Set<Promise<unknown>>();
  private again = false;
  private retry: NodeJS.Timeout | null = null;
  private closing = false;

  constructor(
    private readonly jobEvents: JobEvents,
    private readonly runner: JobRunner,
    private readonly rules: AlertRulesRepository,
    private readonly events: AlertEventsRepository,
    private readonly evaluator: AlertEvaluator,
  ) {}

  onModuleInit(): void {
    // Tracked from its first step, so idle() covers an evaluation that a run's end is about to start.
    this.jobEvents.onRunFinished((event) => this.track(this.afterRun(event)));
  }

  /** An admin's evaluation now: 409 while one is in progress. */
  run(createdBy: number): Promise<RunAcceptedResponse> {
    return this.launch('manual', createdBy);
  }

  /** Resolves when the evaluations started by this process (and the reruns they owe) have ended. */
  async idle(): Promise<void> {
    while (this.running.size > 0 || this.starting.size > 0) await Promise.allSettled([...this.running, ...this.starting]);
  }

  /** No evaluation starts any more (a run ending from now on is left to the next process); those going end. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (this.retry) clearTimeout(this.retry);
    await this.idle();
  }

  private async afterRun(event: RunFinished): Promise<void> {
    if (!EVALUATE_AFTER.has(event.job) || this.closing) return;
    if (!(await this.events.hasWork())) return;
    await this.automatic();
  }

  private async automatic(): Promise<void> {
    try {
      await this.launch('scheduled', null);
    } catch (error) {
      // Busy: launch() has noted the rerun owed.
      if (!(error instanceof JobBusyError)) this.logger.error(`could not start an alert evaluation: ${errorMessage(error)}`);
    }
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.starting.add(work);
    void work.finally(() => this.starting.delete(work)).catch(() => undefined);
    return work;
  }

  /** Answers once the session exists (or the lock is refused); the evaluation goes on in the background. */
  private launch(type: SessionType, createdBy: number | null): Promise<RunAcceptedResponse> {
    return new Promise<RunAcceptedResponse>((resolve, reject) => {
      let started = false;
      const run = this.runner
        .runNow('alert', this.request(type, createdBy), (context) => {
          started = true;
          resolve({ session_id: context.sessionId, status: 'running' });
          return this.evaluator.evaluate(context);
        })
        .catch((error: unknown) => {
          if (started) {
            this.logger.error(`alert evaluation failed: ${errorMessage(error)}`);
            return;
          }
          if (error instanceof JobBusyError && type === 'scheduled') this.again = true;
          reject(error);
        })
        .finally(() => {
          this.running.delete(run);
          if (!this.again || this.closing) return;
          if (started) {
            // This run's lock is released: the rerun owed by a request refused while it went.
            this.again = false;
            void this.automatic();
          } else if (this.running.size === 0) {
            this.retryLater();
          }
        });
      this.running.add(run);
    });
  }

  /** The lock is held by another replica's evaluation (no run of ours will end to start the rerun): try again later. */
  private retryLater(): void {
    if (this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.again && !this.closing) {
        this.again = false;
        void this.automatic();
      }
    }, BUSY_RETRY_MS);
    this.retry.unref();
  }

  private request(type: SessionType, createdBy: number | null): JobRequest<AlertRuleRow> {
    return {
      category: 'alert',
      type,
      createdBy,
      targets: () => this.rules.listEnabled(),
      record: (rule) => ({ instanceId: null, name: `rule ${rule.id}: ${rule.name}` }),
    };
  }
}
