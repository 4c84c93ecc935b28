import type { DbType } from '@capacity/contracts';

/** Everything the demo seeder writes is recognisable: `demo-` names, the `demo` tag and this description. */
export const DEMO_TAG = 'demo';
export const DEMO_DESCRIPTION = 'Demo data — synthetic';
export const DEMO_HISTORY_DAYS = 90;

const GB = 1024 ** 3;
const MB = 1024 ** 2;

export interface DemoDatabase {
  name: string;
  /** Size on the first day of the history, in bytes. */
  baseBytes: number;
  /** Compound growth per day (0.004 = 0.4 %/day). */
  dailyGrowth: number;
  /** Amplitude of a deterministic day-to-day wobble (0.01 = ±1 %). */
  wobble: number;
  /** Share of the size that is log (SQL Server style); 0 = the engine reports no per-database log. */
  logRatio: number;
}

export interface DemoInstance {
  name: string;
  dbType: DbType;
  host: string;
  port: number;
  username: string;
  databaseName: string | null;
  isActive: boolean;
  description: string;
  /** Synthetic history; empty for the instance that points at a real server. */
  databases: DemoDatabase[];
}

export const DEMO_INSTANCES: readonly DemoInstance[] = [
  {
    name: 'demo-orders-pg',
    dbType: 'postgresql',
    host: 'orders-db.demo.invalid',
    port: 5432,
    username: 'monitor',
    databaseName: 'postgres',
    isActive: false,
    description: `${DEMO_DESCRIPTION} (no server behind it: inactive, so collection skips it)`,
    databases: [
      { name: 'orders', baseBytes: 12 * GB, dailyGrowth: 0.006, wobble: 0.01, logRatio: 0 },
      { name: 'orders_archive', baseBytes: 38 * GB, dailyGrowth: 0.0005, wobble: 0.002, logRatio: 0 },
      { name: 'analytics', baseBytes: 3 * GB, dailyGrowth: 0.012, wobble: 0.03, logRatio: 0 },
      { name: 'postgres', baseBytes: 8 * MB, dailyGrowth: 0, wobble: 0, logRatio: 0 },
    ],
  },
  {
    name: 'demo-crm-mysql',
    dbType: 'mysql',
    host: 'crm-db.demo.invalid',
    port: 3306,
    username: 'monitor',
    databaseName: null,
    isActive: false,
    description: `${DEMO_DESCRIPTION} (no server behind it: inactive, so collection skips it)`,
    databases: [
      { name: 'crm', baseBytes: 5 * GB, dailyGrowth: 0.004, wobble: 0.008, logRatio: 0 },
      { name: 'crm_audit', baseBytes: 9 * GB, dailyGrowth: 0.009, wobble: 0.005, logRatio: 0 },
      { name: 'web_sessions', baseBytes: 700 * MB, dailyGrowth: 0, wobble: 0.25, logRatio: 0 },
    ],
  },
  {
    name: 'demo-billing-mssql',
    dbType: 'sqlserver',
    host: 'billing-db.demo.invalid',
    port: 1433,
    username: 'monitor',
    databaseName: null,
    isActive: false,
    description: `${DEMO_DESCRIPTION} (no server behind it: inactive, so collection skips it)`,
    databases: [
      { name: 'Billing', baseBytes: 60 * GB, dailyGrowth: 0.002, wobble: 0.015, logRatio: 0.2 },
      { name: 'Reporting', baseBytes: 22 * GB, dailyGrowth: 0.003, wobble: 0.01, logRatio: 0.1 },
    ],
  },
  {
    name: 'demo-local-pg',
    dbType: 'postgresql',
    host: '127.0.0.1',
    port: 5432,
    username: 'postgres',
    databaseName: 'postgres',
    isActive: true,
    description: `${DEMO_DESCRIPTION} instance pointing at the PostgreSQL server on 127.0.0.1:5432, so "collect now" has a real server to read`,
    databases: [],
  },
];

/**
 * Size of a demo database on day `n` of the history (0 = oldest): compound growth times a
 * deterministic wobble. The seeder computes the same formula in SQL; the spec checks one against the other.
 */
export function demoSizeBytes(database: DemoDatabase, n: number, phase: number): number {
  return database.baseBytes * (1 + database.dailyGrowth) ** n * (1 + database.wobble * Math.sin(n * 0.7 + phase));
}
