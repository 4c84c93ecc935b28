import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** `revoked_tokens`: the logged-out tokens until they would have expired anyway. */
@Injectable()
export class RevokedTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Revokes one token and, in the same statement, forgets the revocations that have expired. */
  async revoke(jti: string, expiresAtSeconds: number): Promise<void> {
    await this.dataSource.query(
      `WITH purged AS (DELETE FROM revoked_tokens WHERE expires_at < now())
       INSERT INTO revoked_tokens (jti, expires_at) VALUES ($1, to_timestamp($2)) ON CONFLICT (jti) DO NOTHING`,
      [jti, expiresAtSeconds],
    );
  }
}
