import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError } from './domain-errors';
import { isRepositoryUnavailable, REPOSITORY_UNAVAILABLE_MESSAGE } from './repository-unavailable';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The one error body of the API. `fields` names the inputs at fault (empty when none is). */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  fields: string[];
}

const reason = (status: number): string => REASONS[status] ?? (status >= 500 ? 'Server Error' : 'Error');

/**
 * Answers every error as `{ statusCode, error, message, fields }`. A lost repository connection is a 503 (it heals
 * by itself); other unexpected errors are logged and answered as a bare 500.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);
  private lastUnavailableLog = 0;

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    const { status, body } = this.describe(exception);
    response.status(status).json(body);
  }

  describe(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      const status = exception.status;
      return { status, body: { statusCode: status, error: reason(status), message: exception.message, fields: exception.field ? [exception.field] : [] } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      if (typeof raw === 'string') return { status, body: { statusCode: status, error: reason(status), message: raw, fields: [] } };
      const given = raw as { error?: unknown; message?: unknown; fields?: unknown; field?: unknown };
      const fields = Array.isArray(given.fields) ? given.fields.map(String) : typeof given.field === 'string' ? [given.field] : [];
      const message = typeof given.message === 'string' || Array.isArray(given.message) ? (given.message as string | string[]) : exception.message;
      return { status, body: { statusCode: status, error: typeof given.error === 'string' ? given.error : reason(status), message, fields } };
    }
    if (isRepositoryUnavailable(exception)) {
      // One line per 10 s while the repository is down, not one per request.
      if (Date.now() - this.lastUnavailableLog > 10_000) {
        this.lastUnavailableLog = Date.now();
        this.logger.warn(`repository unreachable: ${exception instanceof Error ? exception.message : String(exception)}`);
      }
      return { status: HttpStatus.SERVICE_UNAVAILABLE, body: { statusCode: 503, error: reason(503), message: REPOSITORY_UNAVAILABLE_MESSAGE, fields: [] } };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { statusCode: 500, error: reason(500), message: 'Internal server error', fields: [] } };
  }
}
