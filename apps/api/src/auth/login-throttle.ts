import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { RateLimiterRes, type RateLimiterPostgres } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LoginAttemptsRepository } from './login-attempts.repository';

/** 429 for a login over a limit; `retryAfterSeconds` becomes the `Retry-After` header. */
export class LoginThrottledException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed logins; try again in ${retryAfterSeconds} s`, HttpStatus.TOO_MANY_REQUESTS);
  }
}

export interface LoginAttempt {
  userKey: string;
  addressKey: string;
}

const retryAfter = (result: RateLimiterRes): number => Math.max(1, Math.ceil(result.msBeforeNext / 1000));
const PURGE_EVERY_MS = 60_000;

/**
 * Failed logins per username and per client address in a fixed window (config.loginThrottle), counted in the
 * repository's `login_attempts` table so that every replica sees the same counts. Each attempt reserves a point up
 * front — concurrent guesses cannot all slip under the limit — and a successful login gives it back.
 */
@Injectable()
export class LoginThrottle {
  private readonly perUser: RateLimiterPostgres;
  private readonly perAddress: RateLimiterPostgres;
  private lastPurge = 0;

  constructor(
    private readonly attempts: LoginAttemptsRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const { userLimit, ipLimit, windowSeconds } = config.loginThrottle;
    this.perUser = attempts.limiter('user', userLimit, windowSeconds);
    this.perAddress = attempts.limiter('address', ipLimit, windowSeconds);
  }

  /** Throws LoginThrottledException when the address or the username has used up its failures. */
  async reserve(username: string, addressKey: string): Promise<LoginAttempt> {
    const attempt = { userKey: username.toLowerCase(), addressKey };
    this.purgeWhenDue();
    await consume(this.perAddress, attempt.addressKey);
    try {
      await consume(this.perUser, attempt.userKey);
    } catch (error) {
      // A locked username does not count against the address: colleagues behind one NAT keep logging in.
      await this.perAddress.reward(attempt.addressKey, 1);
      throw error;
    }
    return attempt;
  }

  /** Deletes the counters whose window is over. */
  forgetExpired(): Promise<void> {
    return this.attempts.deleteExpired();
  }

  /** At most once a minute, in the background of a login; a failed purge waits for the next one. */
  private purgeWhenDue(): void {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    this.forgetExpired().catch(() => undefined);
  }

  /** The password was right: the username starts again from zero, the address gets its point back. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await Promise.all([this.perUser.delete(attempt.userKey), this.perAddress.reward(attempt.addressKey, 1)]);
  }
}

async function consume(limiter: RateLimiterPostgres, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw new LoginThrottledException(retryAfter(rejection));
    throw rejection;
  }
}
