import { Module } from '@nestjs/common';
import { CapacityModule } from '../capacity/capacity.module';
import { InstancesModule } from '../instances/instances.module';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AlertClock } from './alert-clock';
import { AlertConditionsRepository } from './alert-conditions.repository';
import { AlertEvaluationService } from './alert-evaluation.service';
import { AlertEvaluator } from './alert-evaluator.service';
import { AlertEventsRepository } from './alert-events.repository';
import { AlertRulesController } from './alert-rules.controller';
import { AlertRulesRepository } from './alert-rules.repository';
import { AlertRulesService } from './alert-rules.service';
import { AlertsController } from './alerts.controller';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';

/**
 * Alert rules (admin CRUD), their evaluation after every collection and aggregation run (job and session category
 * `alert`), the events with their history, and the notices through the notification channels (README "Alert rules").
 */
@Module({
  imports: [JobsModule, InstancesModule, CapacityModule, NotificationsModule],
  controllers: [AlertRulesController, AlertsController],
  providers: [
    AlertClock,
    AlertRulesRepository,
    AlertRulesService,
    AlertConditionsRepository,
    AlertEventsRepository,
    AlertEvaluator,
    AlertEvaluationService,
    AlertsRepository,
    AlertsService,
  ],
})
export class AlertsModule {}
