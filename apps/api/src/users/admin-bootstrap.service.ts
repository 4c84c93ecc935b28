import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UsersService } from './users.service';

export const FIRST_ADMIN_USERNAME = 'admin';

/** On the first start (no users yet) creates `admin` with ADMIN_PASSWORD or a generated password printed once. */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.list()).length > 0) return;
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    try {
      await this.users.create({ username: FIRST_ADMIN_USERNAME, password, role: 'admin' });
    } catch {
      return; // another replica created it first
    }
    if (this.config.adminPassword) {
      this.logger.log(`created the first admin user "${FIRST_ADMIN_USERNAME}" with ADMIN_PASSWORD`);
    } else {
      // Printed once, on purpose: it is the only way to learn the generated password.
      process.stdout.write(
        `\n  First admin created: username "${FIRST_ADMIN_USERNAME}", password "${password}"\n  (shown once; change it with POST /api/v1/auth/password)\n\n`,
      );
    }
  }
}
