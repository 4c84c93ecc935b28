import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';

/**
 * The failed-login counters in the repository's `login_attempts` table (rate-limiter-flexible's own schema: key,
 * points, expire in epoch milliseconds), shared by every replica.
 */
@Injectable()
export class LoginAttemptsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A fixed-window counter of `points` per key over `durationSeconds`, its keys prefixed with `keyPrefix`. */
  limiter(keyPrefix: string, points: number, durationSeconds: number): RateLimiterPostgres {
    return new RateLimiterPostgres({
      storeClient: this.dataSource,
      storeType: 'typeorm',
      tableName: 'login_attempts',
      tableCreated: true,
      // The library's own purge is a timer that outlives the app: deleteExpired is called on login traffic instead.
      clearExpiredByTimeout: false,
      duration: durationSeconds,
      keyPrefix,
      points,
    });
  }

  /** Deletes the counters whose window is over. */
  async deleteExpired(now = Date.now()): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_attempts WHERE expire < $1`, [now]);
  }
}
