import type { Type } from '@nestjs/common';

/** The product's feature modules; each capability adds its module here. */
export const FEATURE_MODULES: Type[] = [];
