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
  cron: { collect: string; aggregation: string; partition: string; cleanup: string };
  enabled: { collect: boolean; aggregation: boolean; partition: boolean; cleanup: boolean; archive: boolean };
  collectConcurrency: number;
  collectTimeoutMs: number;
  collectTables: { enabled: boolean; maxDatabases: number };
  partitionPremakeMonths: number;
  retentionMonths: number;
  archiveDir: string;
  duckdbMemoryLimit: string;
  embeddedPgPort: number;
  metricsToken?: string;
  metricsPublic: boolean;
  loginThrottle: { userLimit: number; ipLimit: number; windowSeconds: number };
  demo: boolean;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
}

export class ConfigError extends Error {}

/** Validates the environment once; throws a ConfigError naming every bad variable. */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = plainToInstance(EnvironmentVariables, present);
  const problems = validateSync(parsed, { skipMissingProperties: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${error.property}: ${message}`),
  );
  for (const name of ['COLLECT_CRON', 'AGGREGATION_CRON', 'PARTITION_CRON', 'CLEANUP_CRON'] as const) {
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
    },
    enabled: {
      collect: parsed.COLLECT_ENABLED,
      aggregation: parsed.AGGREGATION_ENABLED,
      partition: parsed.PARTITION_ENABLED,
      cleanup: parsed.CLEANUP_ENABLED,
      archive: parsed.ARCHIVE_ENABLED,
    },
    collectConcurrency: parsed.COLLECT_CONCURRENCY,
    collectTimeoutMs: parsed.COLLECT_TIMEOUT_MS,
    collectTables: { enabled: parsed.COLLECT_TABLES, maxDatabases: parsed.COLLECT_TABLES_MAX_DATABASES },
    partitionPremakeMonths: parsed.PARTITION_PREMAKE_MONTHS,
    retentionMonths: parsed.RETENTION_MONTHS,
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
    demo: parsed.DEMO,
    logLevel: parsed.LOG_LEVEL as AppConfig['logLevel'],
  };
}
