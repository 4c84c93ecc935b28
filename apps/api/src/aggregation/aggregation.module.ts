import { Module } from '@nestjs/common';
import { ConfigModule } from '../config/config.module';
import { HistoryModule } from '../history/history.module';
import { JobsModule } from '../jobs/jobs.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AggregationController } from './aggregation.controller';
import { AggregationRepository } from './aggregation.repository';
import { AggregationService } from './aggregation.service';
import { AggregationsQueryController } from './aggregations-query.controller';

/** Every /aggregations* route: the roll-up runs (POST /aggregations/run) and the reads across instances. */
@Module({
  imports: [ConfigModule, SessionsModule, JobsModule, HistoryModule],
  controllers: [AggregationController, AggregationsQueryController],
  providers: [AggregationRepository, AggregationService],
  exports: [AggregationService],
})
export class AggregationModule {}
