/** Why a connection test failed, as the collectors classify the driver's error. */
export const CONNECTION_FAILURE_KINDS = ['refused', 'timeout', 'authentication', 'unknown_database', 'permission', 'unknown_host', 'other'] as const;
export type ConnectionFailureKind = (typeof CONNECTION_FAILURE_KINDS)[number];
