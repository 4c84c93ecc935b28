/** How to reach one monitored instance; the password is plaintext here and never logged. */
export interface ConnectionOptions {
  host: string;
  port: number;
  username: string;
  password: string | null;
  /** Database (PostgreSQL, defaults to postgres), service name (Oracle); optional elsewhere. */
  database: string | null;
  /** Limit for establishing the connection (the caller also races the whole run with its own timer). */
  connectTimeoutMs: number;
}

/** A live connection to a monitored engine, engine-neutral for the collectors and the connection test. */
export interface EngineSession {
  readonly serverVersion: string;
  query<T extends object>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Polite close; never throws. */
  close(): Promise<void>;
  /** Immediate teardown of the socket (timeout / abort); never throws. */
  destroy(): void;
}
