import { Client } from 'pg';
import { onAbort, raceAbort } from './abort';
import type { ConnectionOptions, EngineSession } from './connection-options';

interface ClientWithStream {
  connection?: {
    stream?: { destroy(): void };
    on(event: 'parameterStatus', listener: (message: { parameterName: string; parameterValue: string }) => void): void;
  };
}

/**
 * A pg client on `database` (default: the instance's configured database, else postgres). `lockTimeoutMs` is sent
 * in the start-up packet: a setting without a round trip of its own.
 */
export async function openPostgresSession(
  options: ConnectionOptions,
  signal: AbortSignal,
  database?: string,
  settings: { lockTimeoutMs?: number } = {},
): Promise<EngineSession> {
  const client = new Client({
    host: options.host,
    port: options.port,
    user: options.username,
    password: options.password ?? undefined,
    database: database ?? options.database ?? 'postgres',
    connectionTimeoutMillis: options.connectTimeoutMs,
    application_name: 'capacity-collector',
    ...(settings.lockTimeoutMs === undefined ? {} : { lock_timeout: Math.round(settings.lockTimeoutMs) }),
  });
  // A destroyed socket emits 'error' later; it is already handled by the caller's rejection.
  client.on('error', () => undefined);
  const destroy = (): void => {
    try {
      (client as unknown as ClientWithStream).connection?.stream?.destroy();
    } catch {
      /* already gone */
    }
  };
  // The server announces its version at start-up (ParameterStatus): no extra round trip.
  let announcedVersion: string | undefined;
  (client as unknown as ClientWithStream).connection?.on('parameterStatus', (message) => {
    if (message.parameterName === 'server_version') announcedVersion = message.parameterValue;
  });
  const detach = onAbort(signal, destroy);
  try {
    await raceAbort(client.connect(), signal);
    if (announcedVersion === undefined) {
      const result = await raceAbort(client.query<{ server_version: string }>('SHOW server_version'), signal);
      announcedVersion = result.rows[0]?.server_version;
    }
    const serverVersion = `PostgreSQL ${announcedVersion ?? 'unknown'}`;
    return {
      serverVersion,
      query: async <T extends object>(sql: string, params?: unknown[]) => (await raceAbort(client.query(sql, params), signal)).rows as T[],
      close: async () => {
        detach();
        // Terminate is sent at once; waiting for the backend process to exit would only add latency.
        client.end().catch(() => destroy());
      },
      destroy,
    };
  } catch (error) {
    detach();
    destroy();
    await client.end().catch(() => undefined);
    throw error;
  }
}
