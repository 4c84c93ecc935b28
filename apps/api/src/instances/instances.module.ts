import { Module } from '@nestjs/common';
import { CredentialCipher } from '../common/credential-cipher';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { InstanceAccessService } from './instance-access.service';
import { InstanceListRepository } from './instance-list.repository';
import { InstancesController } from './instances.controller';
import { InstancesRepository } from './instances.repository';
import { InstancesService } from './instances.service';

/** The registry; every module serving instance data imports it to check access through InstanceAccessService. */
@Module({
  imports: [ConfigModule],
  controllers: [InstancesController],
  providers: [
    InstancesRepository,
    InstanceListRepository,
    InstancesService,
    InstanceAccessService,
    { provide: CredentialCipher, inject: [APP_CONFIG], useFactory: (config: AppConfig) => CredentialCipher.fromConfig(config) },
  ],
  exports: [InstanceAccessService],
})
export class InstancesModule {}
