import { Module } from '@nestjs/common';
import { CollectorModule } from '../collector/collector.module';
import { MetricsModule } from '../metrics/metrics.module';
import { StatsModule } from '../stats/stats.module';
import { CollectionController } from './collection.controller';
import { CollectionRepository } from './collection.repository';
import { CollectionScheduler } from './collection.scheduler';
import { CollectionService } from './collection.service';
import { InstanceCollectorService } from './instance-collector.service';

/** Collection runs (manual and scheduled) over the collectors, writing stats and sessions. */
@Module({
  imports: [CollectorModule, StatsModule, MetricsModule],
  controllers: [CollectionController],
  providers: [CollectionRepository, InstanceCollectorService, CollectionService, CollectionScheduler],
  exports: [CollectionService],
})
export class CollectionModule {}
