import { Module } from '@nestjs/common';
import { ConfigModule } from '../config/config.module';
import { InstancesModule } from '../instances/instances.module';
import { FleetChangesService } from './fleet-changes.service';
import { FleetController } from './fleet.controller';
import { FleetRankingsService } from './fleet-rankings.service';
import { FleetRepository } from './fleet.repository';
import { FleetSeriesService } from './fleet-series.service';

/** GET /fleet/*: series, rankings and changes across the instances a user may read. */
@Module({
  imports: [ConfigModule, InstancesModule],
  controllers: [FleetController],
  providers: [FleetRepository, FleetSeriesService, FleetRankingsService, FleetChangesService],
})
export class FleetModule {}
