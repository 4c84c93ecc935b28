import { Module } from '@nestjs/common';
import { ConfigModule } from '../config/config.module';
import { CollectorsRepository } from './collectors.repository';
import { CollectorsService } from './collectors.service';

/** The registry of collector processes (heartbeats); its HTTP side is CollectorsApiModule. */
@Module({
  imports: [ConfigModule],
  providers: [CollectorsRepository, CollectorsService],
  exports: [CollectorsService],
})
export class CollectorsModule {}
