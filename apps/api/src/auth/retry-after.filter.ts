import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AllExceptionsFilter } from '../common/all-exceptions.filter';
import { LoginThrottledException } from './login-throttle';

/** Adds `Retry-After` to a throttled login; the body is the one error body of the global filter. */
@Catch(LoginThrottledException)
export class RetryAfterFilter implements ExceptionFilter {
  private readonly errors = new AllExceptionsFilter();

  catch(exception: LoginThrottledException, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(exception.retryAfterSeconds));
    this.errors.catch(exception, host);
  }
}
