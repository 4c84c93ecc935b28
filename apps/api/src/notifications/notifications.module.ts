import { Module } from '@nestjs/common';
import { CredentialCipher } from '../common/credential-cipher';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { JobsModule } from '../jobs/jobs.module';
import { NotificationChannelsController } from './notification-channels.controller';
import { NotificationChannelsRepository } from './notification-channels.repository';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationDelivery } from './notification-delivery.service';
import { NotificationDigest } from './notification-digest.service';
import { NotificationDispatcher } from './notification-dispatcher';

/** Notification channels (e-mail, webhook, Slack, DingTalk, WeCom, Feishu), their deliveries and the daily digest. */
@Module({
  imports: [ConfigModule, JobsModule],
  controllers: [NotificationChannelsController],
  providers: [
    NotificationChannelsRepository,
    NotificationChannelsService,
    NotificationDelivery,
    NotificationDispatcher,
    NotificationDigest,
    { provide: CredentialCipher, inject: [APP_CONFIG], useFactory: (config: AppConfig) => CredentialCipher.fromConfig(config) },
  ],
  exports: [NotificationDispatcher, NotificationChannelsService, NotificationDigest],
})
export class NotificationsModule {}
