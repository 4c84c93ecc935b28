import type { ConnectionOptions } from '../connections/connection-options';

/** mssql://user:pass@host:port/database or oracle://user:pass@host:port/service → connection options (integration specs). */
export function connectionOptionsFromUrl(url: string, defaultPort: number): ConnectionOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : defaultPort,
    username: decodeURIComponent(parsed.username),
    password: parsed.password ? decodeURIComponent(parsed.password) : null,
    database: parsed.pathname.length > 1 ? decodeURIComponent(parsed.pathname.slice(1)) : null,
    connectTimeoutMs: 15_000,
  };
}
