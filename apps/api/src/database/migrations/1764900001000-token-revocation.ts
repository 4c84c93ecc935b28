import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Token revocation: `users.token_version` (carried in every JWT; bumped when a password changes or an admin is
 * demoted), `revoked_tokens` (the `jti` of logged-out tokens until they expire), and `login_attempts`, the
 * failed-login counters of rate-limiter-flexible shared by every replica (its own schema: key, points, expire ms).
 */
export class TokenRevocation1764900001000 implements MigrationInterface {
  name = 'TokenRevocation1764900001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`
      CREATE TABLE revoked_tokens (
        jti uuid PRIMARY KEY,
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX ix_revoked_tokens_expires_at ON revoked_tokens (expires_at)`);
    await queryRunner.query(`
      CREATE TABLE login_attempts (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await queryRunner.query(`CREATE INDEX ix_login_attempts_expire ON login_attempts (expire)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE login_attempts`);
    await queryRunner.query(`DROP TABLE revoked_tokens`);
    await queryRunner.query(`ALTER TABLE users DROP COLUMN token_version`);
  }
}
