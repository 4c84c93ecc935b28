import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

const DUCKDB_THREADS = '2';
const IDLE_CONNECTIONS = 4;

/** One in-process DuckDB (in memory, spilling under ARCHIVE_DIR/.duckdb-tmp), capped at DUCKDB_MEMORY_LIMIT. */
@Injectable()
export class DuckDbService implements OnModuleDestroy {
  private readonly logger = new Logger(DuckDbService.name);
  private instance: Promise<DuckDBInstance> | null = null;
  private readonly idle: DuckDBConnection[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** A fresh connection; the caller closes it (`closeSync`). */
  async connect(): Promise<DuckDBConnection> {
    this.instance ??= this.open();
    return (await this.instance).connect();
  }

  /** Runs `work` on a pooled connection (one query at a time each; up to IDLE_CONNECTIONS kept open). */
  async withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = this.idle.pop() ?? (await this.connect());
    let healthy = true;
    try {
      return await work(connection);
    } catch (error) {
      healthy = false;
      throw error;
    } finally {
      if (healthy && this.idle.length < IDLE_CONNECTIONS && this.instance) this.idle.push(connection);
      else connection.closeSync();
    }
  }

  private async open(): Promise<DuckDBInstance> {
    const tempDirectory = join(this.config.archiveDir, '.duckdb-tmp');
    await mkdir(tempDirectory, { recursive: true });
    const instance = await DuckDBInstance.create(':memory:', {
      memory_limit: this.config.duckdbMemoryLimit,
      threads: DUCKDB_THREADS,
      temp_directory: tempDirectory,
    });
    const connection = await instance.connect();
    try {
      await connection.run(`SET memory_limit = '${this.config.duckdbMemoryLimit.replaceAll("'", '')}'`);
      await connection.run('SET parquet_metadata_cache = true');
    } finally {
      connection.closeSync();
    }
    this.logger.log(`DuckDB ready (memory_limit ${this.config.duckdbMemoryLimit}, ${DUCKDB_THREADS} threads)`);
    return instance;
  }

  async onModuleDestroy(): Promise<void> {
    if (!this.instance) return;
    const instance = await this.instance.catch(() => null);
    this.instance = null;
    for (const connection of this.idle.splice(0)) connection.closeSync();
    instance?.closeSync();
  }
}
