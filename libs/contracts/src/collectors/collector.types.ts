/** CAPACITY_ROLE: `all` is the whole product; `collector` runs collection workers and the health endpoint only. */
export const CAPACITY_ROLES = ['all', 'collector'] as const;
export type CapacityRole = (typeof CAPACITY_ROLES)[number];

/** The zone of an instance when none is given; a process without COLLECTOR_ZONES takes it. */
export const DEFAULT_ZONE = 'default';

/** A zone name: lower-case letters, digits, `_` and `-`, starting with a letter or digit. */
export const ZONE_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
export const ZONE_MAX_LENGTH = 63;
