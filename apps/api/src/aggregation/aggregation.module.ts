import { Module } from '@nestjs/common';
import { AggregationController } from './aggregation.controller';
import { AggregationRepository } from './aggregation.repository';
import { AggregationService } from './aggregation.service';

@Module({
  controllers: [AggregationController],
  providers: [AggregationRepository, AggregationService],
  exports: [AggregationService],
})
export class AggregationModule {}
