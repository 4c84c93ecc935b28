import { Module } from '@nestjs/common';
import { ConfigModule } from '../config/config.module';
import { SettingsController } from './settings.controller';

@Module({ imports: [ConfigModule], controllers: [SettingsController] })
export class SettingsModule {}
