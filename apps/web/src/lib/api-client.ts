import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, apiErrorOf, UNREACHABLE_MESSAGE } from './api-error';
import type { paths } from './api-schema';
import { tokenStorage } from './token-storage';

export { ApiError } from './api-error';

/** The login and logout calls answer 401 for a wrong password or a spent token: that is not an expired session. */
const NO_AUTH_REDIRECT: ReadonlySet<string> = new Set(['/api/v1/auth/login', '/api/v1/auth/logout'] satisfies (keyof paths)[]);

let onUnauthorized: () => void = () => {
  if (window.location.pathname !== '/login') window.location.assign('/login');
};

/** The app replaces the default (full page load) with a router navigation. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

const bearerToken: Middleware = {
  onRequest({ request }) {
    const token = tokenStorage.getToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
};

/** Every answer outside 2xx becomes a thrown ApiError; a 401 on an authenticated call also ends the session. */
const errorAnswers: Middleware = {
  async onResponse({ response, schemaPath }) {
    if (response.ok) return undefined;
    if (response.status === 401 && !NO_AUTH_REDIRECT.has(schemaPath)) {
      tokenStorage.clear();
      onUnauthorized();
    }
    throw await apiErrorOf(response);
  },
  onError({ error }) {
    // A cancelled query stays a cancellation (returning nothing rethrows it as it is).
    if (typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError') return undefined;
    return new ApiError(0, UNREACHABLE_MESSAGE);
  },
};

/**
 * The one way the SPA calls the API: typed by the OpenAPI document (`npm run openapi` regenerates api-schema.d.ts).
 * The document's paths carry the `/api/v1` prefix, so the base is the page's own origin.
 */
// JSON bodies only: a table endpoint declares text/csv too, which the SPA asks for explicitly (`parseAs: 'blob'`).
export const apiClient = createClient<paths, 'application/json'>({
  baseUrl: window.location.origin,
  headers: { Accept: 'application/json' },
  // Resolved per call, not captured once: test doubles (MSW) replace the global fetch after this module loads.
  fetch: (request) => globalThis.fetch(request),
});
apiClient.use(bearerToken, errorAnswers);

/** The body of a 2xx answer that has one; the middleware has already turned every other answer into an ApiError. */
export function bodyOf<T>(result: { data?: T; response: Response }): T {
  if (result.data === undefined) throw new ApiError(result.response.status, `${result.response.status}: the answer has no body`);
  return result.data;
}
