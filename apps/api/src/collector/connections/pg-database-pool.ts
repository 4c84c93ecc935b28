import { raceAbort } from './abort';
import type { ConnectionOptions, EngineSession } from './connection-options';
import { withSession } from './open-session';
import { openPostgresSession } from './pg-session.repository';

/**
 * The connections of one PostgreSQL instance within one run: a session per database (PostgreSQL binds a connection to
 * one database), at most `size` open at once, the run's own session reused for its database (`settings` apply to the
 * connections the pool opens, not to that one). Every connection is
 * bound to `signal`: aborting it destroys them all at once.
 */
export interface PgDatabasePool {
  withDatabase<T>(database: string, work: (session: EngineSession) => Promise<T>): Promise<T>;
}

export function pgDatabasePool(
  options: ConnectionOptions,
  signal: AbortSignal,
  size: number,
  own: { database: string; session: EngineSession },
  settings: { lockTimeoutMs?: number } = {},
): PgDatabasePool {
  let open = 0;
  const waiting: (() => void)[] = [];
  const acquire = async (): Promise<void> => {
    if (open < size) {
      open += 1;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else open -= 1;
  };
  return {
    async withDatabase<T>(database: string, work: (session: EngineSession) => Promise<T>): Promise<T> {
      await acquire();
      try {
        if (database === own.database) return await raceAbort(work(own.session), signal);
        return await withSession((s) => openPostgresSession(options, s, database, settings), signal, work);
      } finally {
        release();
      }
    },
  };
}
