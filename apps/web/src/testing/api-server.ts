import { setupServer } from 'msw/node';
import { createOpenApiHttp, type OpenApiHttpRequestHandler } from 'openapi-msw';
import type { paths } from '../lib/api-schema';

/** A request the SPA sent, as a handler received it. */
export interface RecordedCall {
  method: string;
  /** The path as sent, with its `/api/v1` prefix, without the query. */
  path: string;
  query: URLSearchParams;
  headers: Headers;
  /** The JSON body, or undefined when there was none. */
  body: unknown;
}

const recordedCalls: RecordedCall[] = [];
const unhandledRequests: string[] = [];

/** Every request a handler answered since the test began, in the order they arrived. */
export function apiCalls(): readonly RecordedCall[] {
  return recordedCalls;
}

async function record(request: Request): Promise<void> {
  const url = new URL(request.url);
  const call: RecordedCall = { method: request.method, path: url.pathname, query: url.searchParams, headers: request.headers, body: undefined };
  recordedCalls.push(call);
  const text = await request.clone().text();
  if (text) call.body = JSON.parse(text);
}

const openApiHttp = createOpenApiHttp<paths>();

/** The resolver, recording each request before it answers. */
function recorded<Info extends { request: Request }, Answer>(resolver: (info: Info) => Answer) {
  return async (info: Info): Promise<Awaited<Answer>> => {
    await record(info.request);
    return await resolver(info);
  };
}

/**
 * MSW handlers typed by the OpenAPI document: a path, a status or a body the document does not declare fails
 * the type check. Each handler records the request it answers (see `apiCalls()`).
 */
export const http: { [Method in 'get' | 'post' | 'put' | 'patch' | 'delete']: OpenApiHttpRequestHandler<paths, Method> } = {
  get: (path, resolver, options) => openApiHttp.get(path, recorded(resolver), options),
  post: (path, resolver, options) => openApiHttp.post(path, recorded(resolver), options),
  put: (path, resolver, options) => openApiHttp.put(path, recorded(resolver), options),
  patch: (path, resolver, options) => openApiHttp.patch(path, recorded(resolver), options),
  delete: (path, resolver, options) => openApiHttp.delete(path, recorded(resolver), options),
};

/**
 * Answered in every test unless a test overrides it: the logged-in app waits for the settings (the API's time zone,
 * UTC here) before it renders a page, and its header asks for the firing alerts. Not recorded, so the calls a test asserts are those of the page under test.
 */
const defaultHandlers = [
  openApiHttp.get('/api/v1/settings', ({ response }) => response(200).json({ time_zone: 'UTC', today: '2026-01-01', server_time: '2026-01-01T00:00:00Z' })),
  // The header's count of firing alerts (every page of the layout asks): none firing unless a test says otherwise.
  openApiHttp.get('/api/v1/alerts/summary', ({ response }) => response(200).json({ firing: 0, critical: 0, warning: 0, unacknowledged: 0 })),
];

export const apiServer = setupServer(...defaultHandlers);

/** Starts the mock network; a request no handler answers is reported and fails the test (see `assertNoUnhandledRequests`). */
export function startApiServer(): void {
  apiServer.listen({
    onUnhandledRequest(request, print) {
      unhandledRequests.push(`${request.method} ${new URL(request.url).pathname}`);
      print.error();
    },
  });
}

/** Forgets the test's handlers and calls; throws when a request went unanswered. */
export function resetApiServer(): void {
  apiServer.resetHandlers();
  recordedCalls.length = 0;
  const unhandled = unhandledRequests.splice(0);
  if (unhandled.length > 0) throw new Error(`requests without a handler: ${unhandled.join(', ')}`);
}
