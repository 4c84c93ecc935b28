import { Module } from '@nestjs/common';
import { ColdTierModule } from '../archive/cold-tier.module';
import { InstancesModule } from '../instances/instances.module';
import { TablesController } from './tables.controller';
import { TablesRepository } from './tables.repository';
import { TablesService } from './tables.service';

/** GET /instances/:id/databases/:name/tables and …/tables/growth: the top tables per database (table_size_stats). */
@Module({
  imports: [InstancesModule, ColdTierModule],
  controllers: [TablesController],
  providers: [TablesRepository, TablesService],
})
export class TablesModule {}
