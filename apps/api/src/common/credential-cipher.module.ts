import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { CredentialCipher } from './credential-cipher';

/** The one CredentialCipher of the app (instance passwords, channel secrets): one key file read or created once. */
@Module({
  imports: [ConfigModule],
  providers: [{ provide: CredentialCipher, inject: [APP_CONFIG], useFactory: (config: AppConfig) => CredentialCipher.fromConfig(config) }],
  exports: [CredentialCipher],
})
export class CredentialCipherModule {}
