import { Module } from '@nestjs/common';
import { CredentialCipherModule } from '../common/credential-cipher.module';
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
  imports: [ConfigModule, CredentialCipherModule, JobsModule],
  controllers: [NotificationChannelsController],
  providers: [
    NotificationChannelsRepository,
    NotificationChannelsService,
    NotificationDelivery,
    NotificationDispatcher,
    NotificationDigest,
  ],
  exports: [NotificationDispatcher, NotificationChannelsService, NotificationDigest],
})
export class NotificationsModule {}
