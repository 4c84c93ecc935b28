import type { CollectorResponse } from '@capacity/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CollectorsRepository } from './collectors.repository';

/** How often a collector process writes its heartbeat. */
export const HEARTBEAT_MS = 5000;
/** A collector whose heartbeat is older than this is not live (three beats missed). */
export const LIVE_WITHIN_MS = HEARTBEAT_MS * 3;

/** This process as a collector (its id, zones, jobs done) and the registry of every live one. */
@Injectable()
export class CollectorsService {
  readonly id = randomUUID();
  private jobsDone = 0;

  constructor(
    private readonly repository: CollectorsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get zones(): readonly string[] {
    return this.config.scale.zones;
  }

  register(): Promise<void> {
    return this.repository.register({
      id: this.id,
      host: hostname(),
      pid: process.pid,
      role: this.config.scale.role,
      zones: this.config.scale.zones,
      concurrency: this.config.collectConcurrency,
    });
  }

  jobDone(): void {
    this.jobsDone += 1;
  }

  heartbeat(): Promise<void> {
    return this.repository.heartbeat(this.id, this.jobsDone);
  }

  stop(): Promise<void> {
    return this.repository.stop(this.id, this.jobsDone);
  }

  /** GET /collectors: the live collector processes. */
  live(): Promise<CollectorResponse[]> {
    return this.repository.live(LIVE_WITHIN_MS);
  }

  /** The zones some live collector takes. */
  async servedZones(): Promise<string[]> {
    return [...new Set((await this.live()).flatMap((collector) => collector.zones))];
  }
}
