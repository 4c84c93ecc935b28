import { DEFAULT_ZONE } from '@capacity/contracts';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { CronTime } from 'cron';
import { resolve } from 'node:path';

export const APP_CONFIG = Symbol('APP_CONFIG');

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
  if (['false', '0', 'no', 'off'].includes(normalized)) return false;
  return value;
};
const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

const isValidCron = (expression: string): boolean => {
  try {
    new CronTime(expression);
    return true;
  } catch {
    return false;
  }
};
const isValidTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** The environment as documented in DESIGN.md §10; every field has its default here. */
export class EnvironmentVariables {
  @IsOptional() @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Transform(toInteger) @IsInt() @Min(1) @Max(65535)
  PORT = 3000;

  /** Bind address of the HTTP server; unset listens on every interface, as Node does. */
  @IsOptional() @IsString() @Matches(/^[0-9A-Za-z.:[\]-]+$/, { message: 'HOST must be a host name or an IP address' })
  HOST?: string;

  @IsString() @MinLength(1)
  DATA_DIR = './data';

  @IsOptional() @IsString() @MinLength(16, { message: 'APP_SECRET_KEY must be at least 16 characters' })
  APP_SECRET_KEY?: string;

  @IsOptional() @IsString() @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' })
  JWT_SECRET?: string;

  @IsOptional() @IsString() @MinLength(8, { message: 'ADMIN_PASSWORD must be at least 8 characters' })
  ADMIN_PASSWORD?: string;

  @IsString()
  APP_TIMEZONE = 'UTC';

  @IsString() COLLECT_CRON = '0 3 * * *';
  @IsString() AGGREGATION_CRON = '0 5 * * *';
  @IsString() PARTITION_CRON = '0 2 * * *';
  @IsString() CLEANUP_CRON = '0 4 * * *';

  @Transform(toBoolean) @IsBoolean() COLLECT_ENABLED = true;
  @Transform(toBoolean) @IsBoolean() AGGREGATION_ENABLED = true;
  @Transform(toBoolean) @IsBoolean() PARTITION_ENABLED = true;
  @Transform(toBoolean) @IsBoolean() CLEANUP_ENABLED = true;
  @Transform(toBoolean) @IsBoolean() ARCHIVE_ENABLED = true;

  /** The daily digest of the notification channels in digest mode (issue 17), in APP_TIMEZONE. */
  @IsString() ALERT_DIGEST_CRON = '0 8 * * *';
  @Transform(toBoolean) @IsBoolean() ALERT_DIGEST_ENABLED = true;

  /** Attempts of one notification send (the first and its retries). */
  @Transform(toInteger) @IsInt() @Min(1) @Max(10)
  NOTIFICATION_ATTEMPTS = 3;

  /** Wait before the first retry of a notification; doubled before each further retry. */
  @Transform(toInteger) @IsInt() @Min(0) @Max(600_000)
  NOTIFICATION_RETRY_DELAY_MS = 2_000;

  /** Bound of one notification attempt (connect, send, answer). */
  @Transform(toInteger) @IsInt() @Min(100) @Max(600_000)
  NOTIFICATION_TIMEOUT_MS = 10_000;

  @Transform(toInteger) @IsInt() @Min(1) @Max(256)
  COLLECT_CONCURRENCY = 8;

  @Transform(toInteger) @IsInt() @Min(100) @Max(3_600_000)
  COLLECT_TIMEOUT_MS = 60_000;

  /** Also read the largest tables of every database in each collection (table_size_stats). */
  @Transform(toBoolean) @IsBoolean()
  COLLECT_TABLES = true;

  /** Databases per instance whose tables a collection reads, the largest first; more are left out with a warning. */
  @Transform(toInteger) @IsInt() @Min(1) @Max(100_000)
  COLLECT_TABLES_MAX_DATABASES = 200;

  @Transform(toInteger) @IsInt() @Min(0) @Max(120)
  PARTITION_PREMAKE_MONTHS = 3;

  /** The forecast to the limit fits the last this many daily points (no forecast below 14). */
  @Transform(toInteger) @IsInt() @Min(14, { message: 'FORECAST_POINTS must be between 14 and 3660' }) @Max(3660, { message: 'FORECAST_POINTS must be between 14 and 3660' })
  FORECAST_POINTS = 30;

  @Transform(toInteger) @IsInt() @Min(1) @Max(1200)
  RETENTION_MONTHS = 12;

  @IsOptional() @IsString() @MinLength(1)
  ARCHIVE_DIR?: string;

  @Matches(/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i, { message: 'DUCKDB_MEMORY_LIMIT must look like 256MB or 1GB' })
  DUCKDB_MEMORY_LIMIT = '256MB';

  @Transform(toInteger) @IsInt() @Min(1) @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsOptional() @IsString() @MinLength(8, { message: 'METRICS_TOKEN must be at least 8 characters' })
  METRICS_TOKEN?: string;

  /** Explicit opt-out: GET /metrics without METRICS_TOKEN or an admin token. */
  @Transform(toBoolean) @IsBoolean()
  METRICS_PUBLIC = false;

  /** Failed logins allowed per username in LOGIN_THROTTLE_WINDOW_S before 429. */
  @Transform(toInteger) @IsInt() @Min(1) @Max(100_000)
  LOGIN_THROTTLE_USER_LIMIT = 5;

  /** Failed logins allowed per client address in LOGIN_THROTTLE_WINDOW_S before 429. */
  @Transform(toInteger) @IsInt() @Min(1) @Max(100_000)
  LOGIN_THROTTLE_IP_LIMIT = 20;

  @Transform(toInteger) @IsInt() @Min(1) @Max(86_400)
  LOGIN_THROTTLE_WINDOW_S = 60;

  /** `all`: today's process; `collector`: collection workers and the health endpoint only (README "More than one replica"). */
  @IsIn(['all', 'collector'])
  CAPACITY_ROLE = 'all';

  /** The network zones whose collection jobs this process takes, comma-separated; unset: `default`. */
  @IsOptional() @Matches(/^[a-z0-9][a-z0-9_-]{0,62}(,[a-z0-9][a-z0-9_-]{0,62})*$/, { message: 'COLLECTOR_ZONES must be comma-separated zone names (a-z, 0-9, _ and -)' })
  COLLECTOR_ZONES?: string;

  /** Times a collection job whose worker died (lease expired) or failed to write is retried by another worker. */
  @Transform(toInteger) @IsInt() @Min(0) @Max(10)
  COLLECT_RETRIES = 1;

  /** How long a worker holds a collection job before it counts as dead; unset: 2 × COLLECT_TIMEOUT_MS + 30 s. */
  @IsOptional() @Transform(toInteger) @IsInt() @Min(2) @Max(86_400)
  COLLECT_LEASE_SECONDS?: number;

  /** A run's records of a zone without a live collector fail ("no collector for zone X") after this long. */
  @Transform(toInteger) @IsInt() @Min(1000) @Max(86_400_000)
  COLLECT_ZONE_TIMEOUT_MS = 120_000;

  /** Read replicas for the read-only endpoints (comma-separated postgres:// URLs); writes stay on DATABASE_URL. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\/[^,]+(,postgres(ql)?:\/\/[^,]+)*$/, { message: 'DATABASE_READ_URLS must be comma-separated postgres:// URLs' })
  DATABASE_READ_URLS?: string;

  @Transform(toBoolean) @IsBoolean()
  DEMO = false;

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL = 'log';
}

export interface AppConfig {
  databaseUrl?: string;
  port: number;
  host?: string;
  dataDir: string;
  appSecretKey?: string;
  jwtSecret?: string;
  adminPassword?: string;
  timeZone: string;
  cron: { collect: string; aggregation: string; partition: string; cleanup: string; digest: string };
  enabled: { collect: boolean; aggregation: boolean; partition: boolean; cleanup: boolean; archive: boolean; digest: boolean };
  notifications: { attempts: number; retryDelayMs: number; timeoutMs: number };
  collectConcurrency: number;
  collectTimeoutMs: number;
  collectTables: { enabled: boolean; maxDatabases: number };
  partitionPremakeMonths: number;
  retentionMonths: number;
  /** FORECAST_POINTS: daily points of the least-squares fit to the limit. */
  forecastPoints: number;
  archiveDir: string;
  duckdbMemoryLimit: string;
  embeddedPgPort: number;
  metricsToken?: string;
  metricsPublic: boolean;
  loginThrottle: { userLimit: number; ipLimit: number; windowSeconds: number };
  /** Scale-out (README "More than one replica"). */
  scale: ScaleConfig;
  demo: boolean;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}

export interface ScaleConfig {
  role: 'all' | 'collector';
  /** COLLECTOR_ZONES: the zones whose jobs this process's workers take. */
  zones: string[];
  retries: number;
  leaseSeconds: number;
  zoneTimeoutMs: number;
  readUrls: string[];
}

export class ConfigError extends Error {}

/** Validates the environment once; throws a ConfigError naming every bad variable. */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = plainToInstance(EnvironmentVariables, present);
  const problems = validateSync(parsed, { skipMissingProperties: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`),
  );
  for (const name of ['COLLECT_CRON', 'AGGREGATION_CRON', 'PARTITION_CRON', 'CLEANUP_CRON', 'ALERT_DIGEST_CRON'] as const) {
    if (!isValidCron(parsed[name])) problems.push(`${name}: "${parsed[name]}" is not a valid cron expression`);
  }
  // bcrypt reads 72 bytes and ignores the rest: a longer password would be silently truncated.
  if (parsed.ADMIN_PASSWORD && Buffer.byteLength(parsed.ADMIN_PASSWORD, 'utf8') > 72) problems.push('ADMIN_PASSWORD: ADMIN_PASSWORD must be at most 72 bytes');
  if (!isValidTimeZone(parsed.APP_TIMEZONE)) problems.push(`APP_TIMEZONE: "${parsed.APP_TIMEZONE}" is not an IANA time zone`);
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);

  const dataDir = resolve(parsed.DATA_DIR);
  return {
    databaseUrl: parsed.DATABASE_URL,
    port: parsed.PORT,
    host: parsed.HOST,
    dataDir,
    appSecretKey: parsed.APP_SECRET_KEY,
    jwtSecret: parsed.JWT_SECRET,
    adminPassword: parsed.ADMIN_PASSWORD,
    timeZone: parsed.APP_TIMEZONE,
    cron: {
      collect: parsed.COLLECT_CRON,
      aggregation: parsed.AGGREGATION_CRON,
      partition: parsed.PARTITION_CRON,
      cleanup: parsed.CLEANUP_CRON,
      digest: parsed.ALERT_DIGEST_CRON,
    },
    enabled: {
      collect: parsed.COLLECT_ENABLED,
      aggregation: parsed.AGGREGATION_ENABLED,
      partition: parsed.PARTITION_ENABLED,
      cleanup: parsed.CLEANUP_ENABLED,
      archive: parsed.ARCHIVE_ENABLED,
      digest: parsed.ALERT_DIGEST_ENABLED,
    },
    notifications: {
      attempts: parsed.NOTIFICATION_ATTEMPTS,
      retryDelayMs: parsed.NOTIFICATION_RETRY_DELAY_MS,
      timeoutMs: parsed.NOTIFICATION_TIMEOUT_MS,
    },
    collectConcurrency: parsed.COLLECT_CONCURRENCY,
    collectTimeoutMs: parsed.COLLECT_TIMEOUT_MS,
    collectTables: { enabled: parsed.COLLECT_TABLES, maxDatabases: parsed.COLLECT_TABLES_MAX_DATABASES },
    partitionPremakeMonths: parsed.PARTITION_PREMAKE_MONTHS,
    retentionMonths: parsed.RETENTION_MONTHS,
    forecastPoints: parsed.FORECAST_POINTS,
    archiveDir: resolve(parsed.ARCHIVE_DIR ?? `${dataDir}/archive`),
    duckdbMemoryLimit: parsed.DUCKDB_MEMORY_LIMIT,
    embeddedPgPort: parsed.EMBEDDED_PG_PORT,
    metricsToken: parsed.METRICS_TOKEN,
    metricsPublic: parsed.METRICS_PUBLIC,
    loginThrottle: {
      userLimit: parsed.LOGIN_THROTTLE_USER_LIMIT,
      ipLimit: parsed.LOGIN_THROTTLE_IP_LIMIT,
      windowSeconds: parsed.LOGIN_THROTTLE_WINDOW_S,
    },
    scale: {
      role: parsed.CAPACITY_ROLE as ScaleConfig['role'],
      zones: parsed.COLLECTOR_ZONES ? [...new Set(parsed.COLLECTOR_ZONES.split(','))] : [DEFAULT_ZONE],
      retries: parsed.COLLECT_RETRIES,
      leaseSeconds: parsed.COLLECT_LEASE_SECONDS ?? Math.ceil((parsed.COLLECT_TIMEOUT_MS * 2) / 1000) + 30,
      zoneTimeoutMs: parsed.COLLECT_ZONE_TIMEOUT_MS,
      readUrls: parsed.DATABASE_READ_URLS ? parsed.DATABASE_READ_URLS.split(',') : [],
    },
    demo: parsed.DEMO,
    logLevel: parsed.LOG_LEVEL as AppConfig['logLevel'],
  };
}
