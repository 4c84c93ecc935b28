import type { DbType } from '@capacity/contracts';
import type { ConnectionOptions, EngineSession } from './connection-options';
import { openMysqlSession } from './mysql-session.repository';
import { openSqlServerSession } from './mssql-session.repository';
import { openOracleSession } from './oracle-session.repository';
import { openPostgresSession } from './pg-session.repository';

/** Opens a session on any supported engine; the caller must close it (finally). */
export function openSession(dbType: DbType, options: ConnectionOptions, signal: AbortSignal): Promise<EngineSession> {
  switch (dbType) {
    case 'postgresql':
      return openPostgresSession(options, signal);
    case 'mysql':
      return openMysqlSession(options, signal);
    case 'sqlserver':
      return openSqlServerSession(options, signal);
    case 'oracle':
      return openOracleSession(options, signal);
  }
}

/** Runs `work` on a fresh session and always closes it, whatever happens. */
export async function withSession<T>(
  open: (signal: AbortSignal) => Promise<EngineSession>,
  signal: AbortSignal,
  work: (session: EngineSession) => Promise<T>,
): Promise<T> {
  const session = await open(signal);
  try {
    return await work(session);
  } finally {
    if (signal.aborted) session.destroy();
    await session.close();
  }
}
