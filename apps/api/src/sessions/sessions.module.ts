import { Module } from '@nestjs/common';
import { InstancesModule } from '../instances/instances.module';
import { SessionsQueryService } from './sessions-query.service';
import { SessionsController } from './sessions.controller';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

/** Run bookkeeping (one session per run, one record per target) and GET /sessions, scoped by instance access. */
@Module({ imports: [InstancesModule], controllers: [SessionsController], providers: [SessionsRepository, SessionsService, SessionsQueryService], exports: [SessionsService] })
export class SessionsModule {}
