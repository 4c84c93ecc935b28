import type { Type } from '@nestjs/common';
import { AggregationModule } from './aggregation/aggregation.module';
import { AlertsModule } from './alerts/alerts.module';
import { ArchiveModule } from './archive/archive.module';
import { CapacityModule } from './capacity/capacity.module';
import { CollectionModule } from './collection/collection.module';
import { CollectorsApiModule } from './collectors/collectors-api.module';
import { DemoModule } from './demo/demo.module';
import { FleetModule } from './fleet/fleet.module';
import { HistoryModule } from './history/history.module';
import { InstancesModule } from './instances/instances.module';
import { NotificationsModule } from './notifications/notifications.module';
import { PartitionModule } from './partition/partition.module';
import { SettingsModule } from './settings/settings.module';
import { TablesModule } from './tables/tables.module';

/** The product's feature modules; each capability adds its module here. */
export const FEATURE_MODULES: Type[] = [InstancesModule, AggregationModule, PartitionModule, ArchiveModule, CollectionModule, CollectorsApiModule, DemoModule, HistoryModule, TablesModule, FleetModule, SettingsModule, NotificationsModule, CapacityModule, AlertsModule];
