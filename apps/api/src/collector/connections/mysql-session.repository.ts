import { createConnection, type Connection } from 'mysql2';
import { onAbort, raceAbort } from './abort';
import type { ConnectionOptions, EngineSession } from './connection-options';

/** A mysql2 connection (MySQL or MariaDB); big numbers come back as strings, never rounded. */
export async function openMysqlSession(options: ConnectionOptions, signal: AbortSignal): Promise<EngineSession> {
  const connection: Connection = createConnection({
    host: options.host,
    port: options.port,
    user: options.username,
    password: options.password ?? undefined,
    database: options.database ?? undefined,
    connectTimeout: options.connectTimeoutMs,
    charset: 'utf8mb4',
    supportBigNumbers: true,
    bigNumberStrings: true,
    multipleStatements: false,
  });
  connection.on('error', () => undefined);
  const destroy = (): void => {
    try {
      connection.destroy();
    } catch {
      /* already gone */
    }
  };
  const detach = onAbort(signal, destroy);
  const promise = connection.promise();
  try {
    await raceAbort(
      new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve()))),
      signal,
    );
    // mysql2 keeps the handshake's server version: no extra round trip.
    const handshake = (connection as unknown as { _handshakePacket?: { serverVersion?: string } | null })._handshakePacket;
    let version = handshake?.serverVersion;
    if (!version) {
      const [rows] = await raceAbort(promise.query('SELECT VERSION() AS version'), signal);
      version = String((rows as { version: string }[])[0]?.version ?? 'unknown');
    }
    const serverVersion = /mariadb/i.test(version) ? `MariaDB ${version}` : `MySQL ${version}`;
    return {
      serverVersion,
      query: async <T extends object>(sql: string, params?: unknown[]) => {
        const [result] = await raceAbort(promise.query(sql, params), signal);
        return (Array.isArray(result) ? result : []) as T[];
      },
      close: async () => {
        detach();
        await promise.end().catch(() => destroy());
      },
      destroy,
    };
  } catch (error) {
    detach();
    destroy();
    throw error;
  }
}
