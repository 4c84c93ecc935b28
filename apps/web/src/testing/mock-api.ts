import { vi } from 'vitest';

export interface MockCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string>;
}

type Handler = (call: MockCall) => { status?: number; body?: unknown } | undefined;

/** Replaces fetch with routes keyed "METHOD /path" (path without /api/v1 and query); records every call. */
export function mockApi(routes: Record<string, Handler | { status?: number; body?: unknown }>) {
  const calls: MockCall[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const call: MockCall = {
      method,
      path,
      query: url.searchParams,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      headers: (init?.headers ?? {}) as Record<string, string>,
    };
    calls.push(call);
    const route = routes[`${method} ${path}`];
    const answer = typeof route === 'function' ? route(call) : route;
    if (!answer) {
      return new Response(JSON.stringify({ statusCode: 404, error: 'Not Found', message: `no mock for ${method} ${path}` }), { status: 404 });
    }
    return new Response(answer.body === undefined ? '' : JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}

export const pagination = (total: number) => ({ page: 1, pages: 1, per_page: 100, total, has_next: false, has_prev: false });
