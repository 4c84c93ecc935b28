import { Module } from '@nestjs/common';
import { ColdTierModule } from '../archive/cold-tier.module';
import { ConfigModule } from '../config/config.module';
import { InstancesModule } from '../instances/instances.module';
import { StatsModule } from '../stats/stats.module';
import { HistoryController } from './history.controller';
import { HistoryRepository } from './history.repository';
import { HistoryService } from './history.service';
import { StatsController } from './stats.controller';

/** Every /instances/:id/database-sizes* and /instances/:id/instance-sizes* read: history, aggregations, trends, forecast and the latest sizes; hot and cold tiers merged. */
@Module({
  imports: [ConfigModule, InstancesModule, StatsModule, ColdTierModule],
  controllers: [HistoryController, StatsController],
  providers: [HistoryRepository, HistoryService],
  exports: [HistoryService],
})
export class HistoryModule {}
