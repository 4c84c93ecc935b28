import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AuthModule } from '../auth/auth.module';
import { ConfigModule } from '../config/config.module';
import { UsersModule } from '../users/users.module';
import { AdminTokenReader } from './admin-token';
import { HealthController } from './health.controller';

@Module({ imports: [TerminusModule, ConfigModule, AuthModule, UsersModule], controllers: [HealthController], providers: [AdminTokenReader] })
export class HealthModule {}
