import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CredentialCipher } from '../common/credential-cipher';
import { InstanceAccessService } from './instance-access.service';
import { InstancesController } from './instances.controller';
import { InstancesRepository } from './instances.repository';
import { InstancesService } from './instances.service';

/** Global: every module serving instance data checks access through InstanceAccessService. */
@Global()
@Module({
  controllers: [InstancesController],
  providers: [
    InstancesRepository,
    InstancesService,
    InstanceAccessService,
    { provide: CredentialCipher, inject: [APP_CONFIG], useFactory: (config: AppConfig) => CredentialCipher.fromConfig(config) },
  ],
  exports: [InstanceAccessService, InstancesRepository, CredentialCipher],
})
export class InstancesModule {}
