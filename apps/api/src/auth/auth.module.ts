import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreateSecretFile } from '../common/secret-file';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { LoginThrottle } from './login-throttle';
import { RevokedTokensRepository } from './revoked-tokens.repository';

/** Login, logout, password change and the app-wide guard (APP_GUARD); exports JwtModule to the token readers. */
@Module({
  imports: [
    ConfigModule,
    UsersModule,
    JwtModule.registerAsync({
      imports: [ConfigModule],
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const secret = config.jwtSecret ?? (await readOrCreateSecretFile(join(config.dataDir, 'jwt.key'))).toString('base64');
        // A KeyObject: given a string, jsonwebtoken first tries to parse it as a PEM public key on every verify
        // (an exception per request, a tenth of the CPU of a small authenticated GET).
        const key = createSecretKey(Buffer.from(secret));
        return { secretOrKeyProvider: () => key, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } };
      },
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, LoginAttemptsRepository, LoginThrottle, RevokedTokensRepository, { provide: APP_GUARD, useClass: JwtAuthGuard }],
  exports: [JwtModule],
})
export class AuthModule {}
