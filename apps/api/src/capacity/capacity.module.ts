import { Module } from '@nestjs/common';
import { ConfigModule } from '../config/config.module';
import { InstancesModule } from '../instances/instances.module';
import { CapacityForecastService } from './capacity-forecast.service';
import { FleetCapacityController, InstanceCapacityController } from './capacity.controller';
import { CapacityRepository } from './capacity.repository';
import { CapacityService } from './capacity.service';

/** Limits (configured and engine-reported) and the forecast to them; exports the fleet-wide forecast for alerts and metrics. */
@Module({
  imports: [ConfigModule, InstancesModule],
  controllers: [InstanceCapacityController, FleetCapacityController],
  providers: [CapacityRepository, CapacityService, CapacityForecastService],
  exports: [CapacityForecastService],
})
export class CapacityModule {}
