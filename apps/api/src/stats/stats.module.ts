import { Module } from '@nestjs/common';
import { StatsController } from './stats.controller';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

/** Readings of database and instance sizes: the write of a collection and the latest view. */
@Module({ controllers: [StatsController], providers: [StatsRepository, StatsService], exports: [StatsService] })
export class StatsModule {}
