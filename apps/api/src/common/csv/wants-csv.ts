import type { ResponseFormat } from '@capacity/contracts';
import type { Request } from 'express';

/** `format=csv`, or no `format` and an Accept header that prefers text/csv to JSON. */
export function wantsCsv(request: Pick<Request, 'accepts'>, format: ResponseFormat | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  return request.accepts(['application/json', 'text/csv']) === 'text/csv';
}
