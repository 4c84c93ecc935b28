export * from './web';
export * from './common/query.dto';
export * from './common/date-range';
export * from './instances/instance.dto';
export * from './auth/auth.dto';
export * from './sessions/session.dto';
export * from './collection/collection.dto';
export * from './partitions/partition.dto';
