import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CronRegistrar } from '../scheduler/cron-registrar.service';
import { JobLockService } from '../scheduler/job-lock.service';
import { SessionsService } from '../sessions/sessions.service';
import { CollectionService } from './collection.service';

/** Registers the 'collect' cron job and fails capacity sessions a crashed process left running. */
@Injectable()
export class CollectionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CollectionScheduler.name);

  constructor(
    private readonly cron: CronRegistrar,
    private readonly locks: JobLockService,
    private readonly sessions: SessionsService,
    private readonly collection: CollectionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A run that is live on another replica holds the lock: its session is not interrupted.
    if (!(await this.locks.isHeld('collect'))) await this.sessions.failInterrupted(['capacity']);
    else this.logger.log('collect lock held by another replica: running capacity sessions left alone');
    this.cron.register('collect', this.config.cron.collect, this.config.enabled.collect, () => this.collection.runScheduled());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.collection.idle();
  }
}
