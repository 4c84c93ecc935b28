import { Injectable, Logger } from '@nestjs/common';
import type { SessionCategory } from '@capacity/contracts';
import { errorMessage } from '../common/error-message';
import type { JobName } from './job-names';

/** A run that has ended (its session finished, whatever its status). */
export interface RunFinished {
  job: JobName;
  category: SessionCategory;
  sessionId: string;
}

export type RunFinishedListener = (event: RunFinished) => Promise<void> | void;

/**
 * Tells other modules that a run has ended (e.g. alert evaluation after a collection or an aggregation), without
 * the job's module knowing them. A listener runs after the session is finished and never fails the run.
 */
@Injectable()
export class JobEvents {
  private readonly logger = new Logger(JobEvents.name);
  private readonly listeners: RunFinishedListener[] = [];

  onRunFinished(listener: RunFinishedListener): void {
    this.listeners.push(listener);
  }

  async runFinished(event: RunFinished): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(event);
      } catch (error) {
        this.logger.error(`after ${event.job} session ${event.sessionId}: ${errorMessage(error)}`);
      }
    }
  }
}
