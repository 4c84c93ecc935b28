import { Module } from '@nestjs/common';
import { CollectorModule } from '../collector/collector.module';
import { ConfigModule } from '../config/config.module';
import { InstancesModule } from '../instances/instances.module';
import { JobsModule } from '../jobs/jobs.module';
import { MetricsModule } from '../metrics/metrics.module';
import { SessionsModule } from '../sessions/sessions.module';
import { StatsModule } from '../stats/stats.module';
import { CollectionController } from './collection.controller';
import { CollectionRepository } from './collection.repository';
import { CollectionService } from './collection.service';
import { InstanceCollectorService } from './instance-collector.service';

/** Collection runs (manual and scheduled) over the collectors, writing stats and sessions. */
@Module({
  imports: [ConfigModule, InstancesModule, SessionsModule, JobsModule, CollectorModule, StatsModule, MetricsModule],
  controllers: [CollectionController],
  providers: [CollectionRepository, InstanceCollectorService, CollectionService],
  exports: [CollectionService],
})
export class CollectionModule {}
