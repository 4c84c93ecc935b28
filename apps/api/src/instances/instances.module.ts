import { Module } from '@nestjs/common';
import { CredentialCipherModule } from '../common/credential-cipher.module';
import { ConfigModule } from '../config/config.module';
import { InstanceAccessService } from './instance-access.service';
import { InstanceListRepository } from './instance-list.repository';
import { InstancesController } from './instances.controller';
import { InstancesRepository } from './instances.repository';
import { InstancesService } from './instances.service';

/** The registry; every module serving instance data imports it to check access through InstanceAccessService. */
@Module({
  imports: [ConfigModule, CredentialCipherModule],
  controllers: [InstancesController],
  providers: [
    InstancesRepository,
    InstanceListRepository,
    InstancesService,
    InstanceAccessService,
  ],
  exports: [InstanceAccessService],
})
export class InstancesModule {}
