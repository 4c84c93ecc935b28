// Types, constants and pure functions only: safe for the SPA bundle (no class-validator, no swagger).
export * from './common/constants';
export * from './common/integer';
export * from './calendar/calendar-date';
export * from './calendar/year-month';
export * from './calendar/period';
export * from './calendar/time-zone';
export * from './instances/instance.types';
export * from './instances/instance-limits';
export * from './auth/auth-limits';
export * from './collection/collection.types';
export * from './partitions/partition.types';
export * from './archive/archive.types';
export * from './fleet/fleet.types';
export * from './capacity/capacity.types';
export * from './notifications/notification.types';
export * from './alerts/alert.types';
export * from './collectors/collector.types';
