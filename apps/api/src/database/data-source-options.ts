import type { DataSourceOptions } from 'typeorm';
import { Instance } from '../instances/instance.entity';
import { MIGRATIONS } from './migrations';

export const ENTITIES = [Instance];

export function dataSourceOptions(url: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
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
