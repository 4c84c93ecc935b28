import type { CapacityRole, CollectorResponse } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface CollectorRegistration {
  id: string;
  host: string;
  pid: number;
  role: CapacityRole;
  zones: readonly string[];
  concurrency: number;
}

interface CollectorRow {
  id: string;
  host: string;
  pid: number;
  role: CapacityRole;
  zones: string[];
  concurrency: number;
  started_at: Date;
  last_heartbeat_at: Date;
  jobs_done: number;
}

/** The `collectors` table: one row per collector process, its heartbeat, and whether it stopped. */
@Injectable()
export class CollectorsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async register(collector: CollectorRegistration): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO collectors (id, host, pid, role, zones, concurrency) VALUES ($1, $2, $3, $4, $5, $6)`,
      [collector.id, collector.host, collector.pid, collector.role, collector.zones, collector.concurrency],
    );
  }

  /** The heartbeat, with the jobs done so far; also forgets collectors silent for a day. */
  async heartbeat(id: string, jobsDone: number): Promise<void> {
    await this.dataSource.query(`UPDATE collectors SET last_heartbeat_at = now(), jobs_done = $2 WHERE id = $1`, [id, jobsDone]);
    await this.dataSource.query(`DELETE FROM collectors WHERE last_heartbeat_at < now() - interval '1 day'`);
  }

  async stop(id: string, jobsDone: number): Promise<void> {
    await this.dataSource.query(`UPDATE collectors SET stopped_at = now(), jobs_done = $2 WHERE id = $1`, [id, jobsDone]);
  }

  /** Collectors not stopped whose heartbeat is younger than `withinMs`, by start. */
  async live(withinMs: number): Promise<CollectorResponse[]> {
    const rows: CollectorRow[] = await this.dataSource.query(
      `SELECT id, host, pid, role, zones, concurrency, started_at, last_heartbeat_at, jobs_done FROM collectors
       WHERE stopped_at IS NULL AND last_heartbeat_at > now() - $1 * interval '1 millisecond'
       ORDER BY started_at, id`,
      [withinMs],
    );
    return rows.map((row) => ({ ...row, started_at: row.started_at.toISOString(), last_heartbeat_at: row.last_heartbeat_at.toISOString() }));
  }
}
