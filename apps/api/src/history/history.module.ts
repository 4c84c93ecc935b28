import { Module } from '@nestjs/common';
import { AggregationsQueryController } from './aggregations-query.controller';
import { HistoryController } from './history.controller';
import { HistoryRepository } from './history.repository';
import { HistoryService } from './history.service';

/** Reads of history and aggregations; the cold tier (COLD_TIER) is optional and provided globally by the archive module. */
@Module({
  controllers: [HistoryController, AggregationsQueryController],
  providers: [HistoryRepository, HistoryService],
})
export class HistoryModule {}
