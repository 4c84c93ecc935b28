import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hashPassword } from '../common/password-hasher';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UsersRepository } from './users.repository';

export const FIRST_ADMIN_USERNAME = 'admin';

/**
 * On the first start (no users yet) creates `admin` with ADMIN_PASSWORD or a generated password printed once.
 * Replicas starting together on an empty repository race here: the insert only happens while the table is
 * empty and gives way on the unique username (`ON CONFLICT DO NOTHING`), so exactly one wins and no statement fails.
 */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    private readonly users: UsersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!(await this.users.isEmpty())) return;
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    const created = await this.users.insertFirstAdmin(FIRST_ADMIN_USERNAME, await hashPassword(password));
    if (created === null) return; // another replica created it first
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
