import type { Type } from '@nestjs/common';
import { InstancesModule } from './instances/instances.module';

/** The product's feature modules; each capability adds its module here. */
export const FEATURE_MODULES: Type[] = [InstancesModule];
