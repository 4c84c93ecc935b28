import { Module } from '@nestjs/common';
import { ConfigModule } from '../config/config.module';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({ imports: [ConfigModule], controllers: [UsersController], providers: [UsersRepository, UsersService, AdminBootstrapService], exports: [UsersService] })
export class UsersModule {}
