import { Module } from '@nestjs/common';
import { CollectorModule } from '../collector/collector.module';
import { CollectorsModule } from '../collectors/collectors.module';
import { ConfigModule } from '../config/config.module';
import { InstancesModule } from '../instances/instances.module';
import { JobsModule } from '../jobs/jobs.module';
import { MetricsModule } from '../metrics/metrics.module';
import { SessionsModule } from '../sessions/sessions.module';
import { StatsModule } from '../stats/stats.module';
import { CollectWorkers } from './collect-workers.service';
import { CollectionQueue } from './collection-queue';
import { CollectionController } from './collection.controller';
import { CollectionRepository } from './collection.repository';
import { CollectionService } from './collection.service';
import { OrphanedJobsRepository } from './orphaned-jobs.repository';
import { InstanceCollectorService } from './instance-collector.service';

/** Collection runs (manual and scheduled) fanned out as queued jobs, the workers that take them, writing stats and sessions. */
@Module({
  imports: [ConfigModule, InstancesModule, SessionsModule, JobsModule, CollectorModule, CollectorsModule, StatsModule, MetricsModule],
  controllers: [CollectionController],
  providers: [CollectionRepository, InstanceCollectorService, CollectionQueue, CollectWorkers, OrphanedJobsRepository, CollectionService],
  exports: [CollectionService],
})
export class CollectionModule {}
