import type { TestConnectionResponse } from '@capacity/contracts';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { InstanceAccessService } from '../instances/instance-access.service';
import { classifyConnectionError } from './connections/classify-connection-error';
import { openSession, withSession } from './connections/open-session';
import { timeoutSignal } from './connections/timeout-signal';

const TEST_TIMEOUT_CAP_MS = 15_000;

/** Really connects to a registered instance and says whether (and why not) it works. */
@Injectable()
export class ConnectionTestService {
  private readonly logger = new Logger(ConnectionTestService.name);

  constructor(
    private readonly access: InstanceAccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async test(instanceId: number): Promise<TestConnectionResponse> {
    const credentials = await this.access.getCredentials(instanceId);
    const timeoutMs = Math.min(this.config.collectTimeoutMs, TEST_TIMEOUT_CAP_MS);
    const timer = timeoutSignal(timeoutMs);
    const started = performance.now();
    const options = {
      host: credentials.host,
      port: credentials.port,
      username: credentials.username,
      password: credentials.password,
      database: credentials.databaseName,
      connectTimeoutMs: timeoutMs,
    };
    try {
      const serverVersion = await withSession((signal) => openSession(credentials.dbType, options, signal), timer.signal, async (session) => session.serverVersion);
      return { ok: true, latency_ms: Math.round(performance.now() - started), server_version: serverVersion };
    } catch (error) {
      const failure = classifyConnectionError(error, options);
      this.logger.warn(`connection test of instance ${credentials.name} failed: ${failure.message}`);
      return { ok: false, latency_ms: Math.round(performance.now() - started), failure: failure.kind, message: failure.message };
    } finally {
      timer.clear();
    }
  }
}
