import type { Connection as OracleConnection } from 'oracledb';
import { abortReason, onAbort, raceAbort } from './abort';
import type { ConnectionOptions, EngineSession } from './connection-options';

type OracleModule = typeof import('oracledb');

let oracleModule: Promise<OracleModule> | undefined;
/** Loaded on first use (thin mode: no Instant Client): most installations never monitor Oracle. */
function loadOracle(): Promise<OracleModule> {
  oracleModule ??= import('oracledb').then((module: { default?: OracleModule } & OracleModule) => module.default ?? module);
  return oracleModule;
}

/** Connect string host:port/service; the service comes from the instance's database name (default ORCLCDB). */
export function oracleConnectString(options: Pick<ConnectionOptions, 'host' | 'port' | 'database'>): string {
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return `${host}:${options.port}/${options.database ?? 'ORCLCDB'}`;
}

export async function openOracleSession(options: ConnectionOptions, signal: AbortSignal): Promise<EngineSession> {
  const oracledb = await loadOracle();
  const seconds = Math.max(1, Math.ceil(options.connectTimeoutMs / 1000));
  const opening = oracledb.getConnection({
    user: options.username,
    password: options.password ?? '',
    connectString: oracleConnectString(options),
    connectTimeout: seconds,
    transportConnectTimeout: seconds,
  });
  let connection: OracleConnection;
  try {
    connection = await raceAbort(opening, signal);
  } catch (error) {
    // A connection that arrives after the timer fired is closed as soon as it exists.
    if (signal.aborted) opening.then((late) => late.close()).catch(() => undefined);
    throw signal.aborted ? abortReason(signal) : error;
  }
  let closed = false;
  const destroy = (): void => {
    if (closed) return;
    closed = true;
    connection.break().catch(() => undefined).finally(() => connection.close().catch(() => undefined));
  };
  const detach = onAbort(signal, destroy);
  return {
    serverVersion: `Oracle ${connection.oracleServerVersionString ?? 'unknown'}`,
    query: async <T extends object>(sql: string, params: unknown[] = []) => {
      const result = await raceAbort(connection.execute<T>(sql, params, { outFormat: oracledb.OUT_FORMAT_OBJECT }), signal);
      return result.rows ?? [];
    },
    close: async () => {
      detach();
      if (closed) return;
      closed = true;
      await connection.close().catch(() => undefined);
    },
    destroy,
  };
}
