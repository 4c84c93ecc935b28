import type { Type } from '@nestjs/common';
import { AggregationModule } from './aggregation/aggregation.module';
import { ArchiveModule } from './archive/archive.module';
import { CollectionModule } from './collection/collection.module';
import { DemoModule } from './demo/demo.module';
import { FleetModule } from './fleet/fleet.module';
import { HistoryModule } from './history/history.module';
import { InstancesModule } from './instances/instances.module';
import { PartitionModule } from './partition/partition.module';
import { SettingsModule } from './settings/settings.module';
import { TablesModule } from './tables/tables.module';

/** The product's feature modules; each capability adds its module here. */
export const FEATURE_MODULES: Type[] = [InstancesModule, AggregationModule, PartitionModule, ArchiveModule, CollectionModule, DemoModule, HistoryModule, TablesModule, FleetModule, SettingsModule];
