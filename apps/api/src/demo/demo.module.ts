import { Module } from '@nestjs/common';
import { AggregationModule } from '../aggregation/aggregation.module';
import { ConfigModule } from '../config/config.module';
import { PartitionModule } from '../partition/partition.module';
import { DemoRepository } from './demo.repository';
import { DemoSeederService } from './demo-seeder.service';

/** Seeds demo data at start-up when DEMO=1 (and the repository has no instance yet), then aggregates and partitions it. */
@Module({ imports: [ConfigModule, AggregationModule, PartitionModule], providers: [DemoRepository, DemoSeederService] })
export class DemoModule {}
