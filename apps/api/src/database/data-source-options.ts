import type { DataSourceOptions } from 'typeorm';
import { Instance } from '../instances/instance.entity';
import { NotificationChannel } from '../notifications/notification-channel.entity';
import { MIGRATIONS } from './migrations';

export const ENTITIES = [Instance, NotificationChannel];

/**
 * `readUrls` (DATABASE_READ_URLS): TypeORM's `replication` — the primary (`url`) takes every write and every plain
 * query; a query runner opened in `slave` mode (ReadReplicas) reads from a replica.
 */
export function dataSourceOptions(url: string, poolSize = 20, readUrls: readonly string[] = []): DataSourceOptions {
  return {
    type: 'postgres',
    ...(readUrls.length > 0 ? { replication: { master: { url }, slaves: readUrls.map((readUrl) => ({ url: readUrl })) } } : { url }),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
    // A repository that does not answer fails a request within 10 s (a 503) instead of hanging it; the same limit
    // bounds the wait for a free pool connection.
    extra: { max: poolSize, application_name: 'capacity', connectionTimeoutMillis: 10_000 },
  };
}
