import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AggregationModule } from '../aggregation/aggregation.module';
import { CollectionModule } from '../collection/collection.module';
import { ConfigModule } from '../config/config.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PartitionModule } from '../partition/partition.module';
import { JobScheduler } from './job-scheduler.service';

/** The cron side of the jobs: apart from JobsModule, whose runner the job modules use, so no module imports back. */
@Module({
  imports: [ScheduleModule.forRoot(), ConfigModule, CollectionModule, AggregationModule, PartitionModule, NotificationsModule],
  providers: [JobScheduler],
})
export class JobSchedulerModule {}
