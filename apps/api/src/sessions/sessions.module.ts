import { Global, Module } from '@nestjs/common';
import { SessionsQueryService } from './sessions-query.service';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Global()
@Module({ controllers: [SessionsController], providers: [SessionsService, SessionsQueryService], exports: [SessionsService] })
export class SessionsModule {}
