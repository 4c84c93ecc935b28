import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { UsersModule } from '../users/users.module';
import { AdminTokenReader } from './admin-token';
import { HealthController } from './health.controller';

@Module({ imports: [TerminusModule, UsersModule], controllers: [HealthController], providers: [AdminTokenReader] })
export class HealthModule {}
