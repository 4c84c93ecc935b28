import { Module } from '@nestjs/common';
import { CollectorsController } from './collectors.controller';
import { CollectorsModule } from './collectors.module';

/** GET /collectors (not in a collector-only process, which serves no public API). */
@Module({ imports: [CollectorsModule], controllers: [CollectorsController] })
export class CollectorsApiModule {}
