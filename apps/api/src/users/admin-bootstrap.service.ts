import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password-hasher';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const [{ empty }]: { empty: boolean }[] = await this.dataSource.query(`SELECT NOT EXISTS (SELECT 1 FROM users) AS empty`);
    if (!empty) return;
    const password = this.config.adminPassword ?? randomBytes(12).toString('base64url');
    const created: { id: number }[] = await this.dataSource.query(
      `INSERT INTO users (username, password_hash, role)
       SELECT $1, $2, 'admin' WHERE NOT EXISTS (SELECT 1 FROM users)
       ON CONFLICT ((lower(username))) DO NOTHING
       RETURNING id`,
      [FIRST_ADMIN_USERNAME, await hashPassword(password)],
    );
    if (created.length === 0) return; // another replica created it first
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
