import { onAbort, raceAbort } from './abort';
import type { ConnectionOptions, EngineSession } from './connection-options';

type MssqlModule = typeof import('mssql');

let mssqlModule: Promise<MssqlModule> | undefined;
/** Loaded on first use: most installations never monitor SQL Server. */
function loadMssql(): Promise<MssqlModule> {
  mssqlModule ??= import('mssql').then((module: { default?: MssqlModule } & MssqlModule) => module.default ?? module);
  return mssqlModule;
}

/** A one-connection pool (mssql/tedious); `@p1…` parameters bind positionally. */
export async function openSqlServerSession(options: ConnectionOptions, signal: AbortSignal): Promise<EngineSession> {
  const mssql = await loadMssql();
  const pool = new mssql.ConnectionPool({
    server: options.host,
    port: options.port,
    user: options.username,
    password: options.password ?? '',
    database: options.database ?? undefined,
    connectionTimeout: options.connectTimeoutMs,
    requestTimeout: 0,
    pool: { min: 0, max: 1 },
    options: { encrypt: true, trustServerCertificate: true, appName: 'capacity-collector' },
  });
  let closed = false;
  const destroy = (): void => {
    if (closed) return;
    closed = true;
    pool.close().catch(() => undefined);
  };
  const detach = onAbort(signal, destroy);
  const run = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const request = pool.request();
    params.forEach((value, index) => request.input(`p${index + 1}`, value));
    const result = await raceAbort(request.query<T>(sql), signal);
    return result.recordset ?? [];
  };
  try {
    await raceAbort(pool.connect(), signal);
    const [row] = await run<{ version: string; edition: string }>(
      `SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS version, CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition`,
    );
    return {
      serverVersion: `SQL Server ${row?.version ?? 'unknown'}${row?.edition ? ` (${row.edition})` : ''}`,
      query: <T extends object>(sql: string, params?: unknown[]) => run<T>(sql, params),
      close: async () => {
        detach();
        if (closed) return;
        closed = true;
        await pool.close().catch(() => undefined);
      },
      destroy,
    };
  } catch (error) {
    detach();
    destroy();
    throw error;
  }
}
