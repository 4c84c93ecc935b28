import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CronRegistrar } from '../scheduler/cron-registrar.service';
import { CollectionService } from './collection.service';

/** Registers the 'collect' cron job; interrupted runs are failed by the job lock (see JobLockService). */
@Injectable()
export class CollectionScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly cron: CronRegistrar,
    private readonly collection: CollectionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.cron.register('collect', this.config.cron.collect, this.config.enabled.collect, () => this.collection.runScheduled());
  }

  async onApplicationShutdown(): Promise<void> {
    await this.collection.idle();
  }
}
