import { Logger } from '@nestjs/common';
import { Client, type Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { errorMessage } from '../common/error-message';

/** A replica that failed is left out for this long, then tried again. */
export const REPLICA_RETRY_MS = 30_000;
const PROBE_TIMEOUT_MS = 3000;

const logger = new Logger('ReadReplicas');
const downUntil = new WeakMap<Pool, number>();
let next = 0;

interface ReplicatedDriver {
  master: Pool;
  slaves?: Pool[];
}

/** The pool a read-only query goes to: a replica not known to be failing (round robin), else the primary. */
export function readPool(dataSource: DataSource): { pool: Pool; replica: boolean } {
  const driver = dataSource.driver as unknown as ReplicatedDriver;
  const now = Date.now();
  const healthy = (driver.slaves ?? []).filter((pool) => (downUntil.get(pool) ?? 0) <= now);
  if (healthy.length === 0) return { pool: driver.master, replica: false };
  next = (next + 1) % healthy.length;
  return { pool: healthy[next], replica: true };
}

/**
 * Runs a read-only query on a replica (DATABASE_READ_URLS), or on the primary without one. A replica that fails
 * (down, unreachable, or cancelling the query on a recovery conflict) is skipped for REPLICA_RETRY_MS and the query
 * is answered by the primary. Only for reads that follow no write of the same request: those read the primary.
 */
export async function onReadReplica<T>(dataSource: DataSource, run: (pool: Pool) => Promise<T>): Promise<T> {
  const { pool, replica } = readPool(dataSource);
  if (!replica) return run(pool);
  try {
    return await run(pool);
  } catch (error) {
    downUntil.set(pool, Date.now() + REPLICA_RETRY_MS);
    logger.warn(`a read replica failed (${errorMessage(error)}); reading from the primary, the replica is tried again in ${REPLICA_RETRY_MS / 1000} s`);
    return run((dataSource.driver as unknown as ReplicatedDriver).master);
  }
}

/**
 * The replicas that answer now: TypeORM's `replication` connects to each at start-up and refuses to start without
 * all of them, so one that is down is left out (with a warning) until the next start.
 */
export async function reachableReplicas(urls: readonly string[]): Promise<string[]> {
  const answers = await Promise.all(
    urls.map(async (url) => {
      const client = new Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return url;
      } catch (error) {
        logger.warn(`read replica ${new URL(url).host} does not answer (${errorMessage(error)}): reads go to the others or the primary`);
        return null;
      } finally {
        await client.end().catch(() => undefined);
      }
    }),
  );
  return answers.filter((url): url is string => url !== null);
}
