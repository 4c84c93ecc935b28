import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QUEUE_SCHEMA } from '../jobs/job-queue';

/** A leased collection job whose collector stopped beating before the lease ran out. */
export interface OrphanedJob {
  queue: string;
  id: string;
  collector: string;
  host: string;
}

/** Serialises the sweeps of the replicas: a job is handed back once, not once per replica. */
const ORPHAN_SWEEP_LOCK_KEY = 7_364_301;

/**
 * Collection jobs still leased by a collector that died (no heartbeat within `withinMs`): handing them back at once
 * beats waiting for the lease (twice the collection timeout), so a restarted single process ends its interrupted
 * run within seconds. A job leased again by a live collector names that one in its record within milliseconds; the
 * few seconds of grace keep that moment out.
 */
@Injectable()
export class OrphanedJobsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `handBack` on each orphaned job under one lock across the replicas. */
  async sweep(withinMs: number, handBack: (job: OrphanedJob) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [ORPHAN_SWEEP_LOCK_KEY]);
      if (!locked) return 0;
      const jobs: OrphanedJob[] = await manager.query(
        `SELECT j.name AS queue, j.id::text AS id, dead.id AS collector, dead.host
           FROM ${QUEUE_SCHEMA}.job j
           JOIN sync_instance_records r ON r.id = (j.data->>'recordId')::int
           JOIN collectors dead ON dead.id = r.collector_id
          WHERE j.name LIKE 'collect.zone.%' AND j.state = 'active' AND r.status = 'running'
            AND dead.stopped_at IS NULL AND dead.last_heartbeat_at < now() - $1 * interval '1 millisecond'
            AND j.started_on < now() - interval '5 seconds'`,
        [withinMs],
      );
      for (const job of jobs) await handBack(job);
      return jobs.length;
    });
  }
}
