import { Module } from '@nestjs/common';
import { ConfigModule } from '../config/config.module';
import { EngineLimitsRepository } from './engine-limits.repository';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

/** Readings of database and instance sizes: the write of a collection and the latest view (served by history). */
@Module({ imports: [ConfigModule], providers: [StatsRepository, EngineLimitsRepository, StatsService], exports: [StatsService] })
export class StatsModule {}
