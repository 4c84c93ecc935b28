import type { DbType } from '@capacity/contracts';
import { closedPort, silentServer } from '../../collection/testing/local-engines';
import { classifyConnectionError } from './classify-connection-error';
import { openSession, withSession } from './open-session';
import { timeoutSignal } from './timeout-signal';

// Every engine's driver (mssql and oracledb loaded lazily, oracledb in thin mode) against servers
// that refuse or never answer: the failure is named and the socket is not left open. pg and mysql2
// sockets are destroyed the moment the timer fires; mssql and oracledb expose no socket while
// connecting, so their own connect timeout (set to the same limit, as a run does) closes it.
const DESTROYED_AT_ONCE: DbType[] = ['postgresql', 'mysql'];
describe.each<DbType>(['postgresql', 'mysql', 'sqlserver', 'oracle'])('openSession(%s) failure paths', (dbType) => {
  const options = (port: number) => ({ host: '127.0.0.1', port, username: 'monitor', password: 'secret-pass', database: null, connectTimeoutMs: 1500 });

  it('names a closed port as refused', async () => {
    const timer = timeoutSignal(5000);
    const port = await closedPort();
    const error = await withSession((signal) => openSession(dbType, options(port), signal), timer.signal, async () => 'connected').catch((e: unknown) => e);
    timer.clear();
    expect(classifyConnectionError(error, options(port)).kind).toBe('refused');
  });

  it('gives up on a server that accepts and never answers, within the timeout, and closes the socket', async () => {
    const silent = await silentServer();
    try {
      const timer = timeoutSignal(1000);
      const started = Date.now();
      const error = await withSession((signal) => openSession(dbType, { ...options(silent.port), connectTimeoutMs: DESTROYED_AT_ONCE.includes(dbType) ? 10_000 : 1000 }, signal), timer.signal, async () => 'connected').catch((e: unknown) => e);
      timer.clear();
      // The 1 s limit ended it (pg and mysql2 alone would wait for their 10 s connect timeout); room left for a loaded machine.
      expect(Date.now() - started).toBeLessThan(4000);
      expect(classifyConnectionError(error).kind).toBe('timeout');
      expect(silent.connections()).toBe(1);
      await vi.waitFor(() => expect(silent.open()).toBe(0), { timeout: DESTROYED_AT_ONCE.includes(dbType) ? 1500 : 5000 });
    } finally {
      await silent.close();
    }
  });
});
