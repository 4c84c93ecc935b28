import type { INestApplication } from '@nestjs/common';
import request, { type Response } from 'supertest';
import { type OpenApiDocumentLike, ResponseValidator } from './response-validator';

export type Http = ReturnType<typeof request>;

const VERBS = ['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options'] as const;

/**
 * A supertest client whose every request first checks its answer against the OpenAPI document: a violation
 * fails the request's promise (and so the spec) before the spec's own expectations run.
 */
export function validatedHttp(http: Http, validator: ResponseValidator): Http {
  const wrapped: Record<string, unknown> = { ...http };
  for (const verb of VERBS) {
    const create = http[verb].bind(http);
    wrapped[verb] = (url: string) =>
      create(url).expect((response: Response) => {
        const violations = validator.check(verb === 'del' ? 'delete' : verb, url, response);
        if (violations.length > 0) throw new Error(`The answer breaks the OpenAPI document:\n${violations.join('\n')}`);
      });
  }
  // supertest's factory returns a plain object of verbs, though it is typed as its TestAgent class.
  return wrapped as unknown as Http;
}

/** Validators compiled per document text: every test app of a run serves the same document. */
const validators = new Map<string, ResponseValidator>();

/** The app's supertest client, validating against the document the app itself serves at /api/docs-json. */
export async function validatedAppHttp(app: INestApplication): Promise<Http> {
  const http = request(app.getHttpServer());
  const served = await http.get('/api/docs-json');
  if (served.status !== 200) throw new Error(`GET /api/docs-json answered ${served.status}: the response validator needs the document`);
  let validator = validators.get(served.text);
  if (!validator) {
    validator = new ResponseValidator(served.body as OpenApiDocumentLike);
    validators.set(served.text, validator);
  }
  return validatedHttp(http, validator);
}
