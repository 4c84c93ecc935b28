import { Inject, Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { CollectorRegistry } from '../collector/collector-registry';
import { raceAbort } from '../collector/connections/abort';
import { classifyConnectionError, type ClassifiedConnectionError } from '../collector/connections/classify-connection-error';
import type { ConnectionOptions } from '../collector/connections/connection-options';
import { timeoutSignal } from '../collector/connections/timeout-signal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { InstanceAccessService } from '../instances/instance-access.service';
import { CollectionMetrics } from '../metrics/collection-metrics';
import { SessionsService } from '../sessions/sessions.service';
import { StatsService } from '../stats/stats.service';
import type { CollectionTarget } from './collection.repository';
import { tableScanDetails, tableScanOf } from './daily-table-scan';

/**
 * The share of COLLECT_TIMEOUT_MS the table scan may take: it ends before the instance timer, so a slow scan costs
 * its own readings (a warning), never the sizes already read.
 */
export const TABLE_SCAN_SHARE = 0.8;

export interface InstanceOutcome {
  ok: boolean;
  databases: number;
  /** Warnings of a successful collection (details.warnings of its record): not a failure, not all fine either. */
  warnings: number;
  failure: ClassifiedConnectionError | null;
  /** The record had already ended (another attempt finished it): nothing collected, nothing written. */
  skipped: boolean;
}

/** Collects one instance under its timeout, stores the reading and closes its session record. */
@Injectable()
export class InstanceCollectorService {
  private readonly logger = new Logger(InstanceCollectorService.name);

  constructor(
    private readonly collectors: CollectorRegistry,
    private readonly access: InstanceAccessService,
    private readonly stats: StatsService,
    private readonly sessions: SessionsService,
    private readonly metrics: CollectionMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * `collectorId` names the worker on the record (its attempts are counted); a record that has already ended (a retried job whose
   * first attempt did finish) is left as it is: a job never writes twice.
   */
  async collect(target: CollectionTarget, recordId: number, collectorId: string | null = null): Promise<InstanceOutcome> {
    const started = performance.now();
    let options: ConnectionOptions | undefined;
    const timer = timeoutSignal(this.config.collectTimeoutMs);
    const tableTimer = this.config.collectTables.enabled ? timeoutSignal(Math.floor(this.config.collectTimeoutMs * TABLE_SCAN_SHARE)) : null;
    try {
      // Independent round trips to the repository, side by side; all settle before the record can be finished.
      const [read, marked, tablesRead] = await Promise.allSettled([
        this.access.getCredentials(target.id),
        this.sessions.markRunning(recordId, collectorId),
        tableTimer ? this.stats.tablesCollectedToday(target.id) : Promise.resolve(null),
      ]);
      if (marked.status === 'rejected') throw marked.reason;
      if (!marked.value) return { ok: true, databases: 0, warnings: 0, failure: null, skipped: true };
      if (read.status === 'rejected') throw read.reason;
      if (tablesRead.status === 'rejected') throw tablesRead.reason;
      const readToday = tablesRead.value;
      const credentials = read.value;
      options = {
        host: credentials.host,
        port: credentials.port,
        username: credentials.username,
        password: credentials.password,
        database: credentials.databaseName,
        connectTimeoutMs: this.config.collectTimeoutMs,
      };
      // The collector destroys its connection on abort; racing here also bounds a driver that ignores it.
      const tables = tableScanOf(tableTimer && { maxDatabases: this.config.collectTables.maxDatabases, signal: tableTimer.signal }, readToday);
      const result = await raceAbort(this.collectors.forType(credentials.dbType).collect(options, timer.signal, tables), timer.signal);
      timer.clear();
      tableTimer?.clear();
      const reading = await this.stats.saveReading(target.id, result);
      await this.sessions.finishRecord(recordId, {
        ok: true,
        itemsSynced: reading.databases.length,
        details: {
          server_version: result.serverVersion,
          database_count: reading.databases.length,
          total_size_bytes: reading.totalSizeBytes,
          log_size_bytes: reading.logSizeBytes,
          collected_date: reading.collectedDate,
          ...tableScanDetails(tableTimer !== null, readToday, reading),
          warnings: result.warnings,
        },
      });
      this.metrics.observeInstance(target.name, target.dbType, (performance.now() - started) / 1000, null);
      if (result.warnings.length > 0) this.logger.warn(`instance ${target.name}: ${result.warnings.join('; ')}`);
      return { ok: true, databases: reading.databases.length, warnings: result.warnings.length, failure: null, skipped: false };
    } catch (error) {
      const failure = classifyConnectionError(error, options);
      this.logger.warn(`collection of instance ${target.name} failed: ${failure.message}`);
      await this.sessions.finishRecord(recordId, { ok: false, error: failure.message, details: { failure: failure.kind } });
      this.metrics.observeInstance(target.name, target.dbType, (performance.now() - started) / 1000, failure.kind);
      return { ok: false, databases: 0, warnings: 0, failure, skipped: false };
    } finally {
      timer.clear();
      tableTimer?.clear();
    }
  }
}
