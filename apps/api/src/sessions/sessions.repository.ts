import type { RecordStatus, SessionCategory, SessionRecordResponse, SessionResponse, SessionStatus, SessionType } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isoOrNull } from '../common/iso-timestamp';
import type { JobName } from '../jobs/job-names';

/** A `sync_sessions` row as the driver returns it. */
export interface SessionRow extends Omit<SessionResponse, 'started_at' | 'completed_at' | 'duration_ms'> {
  job: JobName | null;
  started_at: Date;
  completed_at: Date | null;
}

/** A `sync_instance_records` row. */
export interface RecordRow {
  id: number;
  session_id: string;
  instance_id: number | null;
  instance_name: string;
  status: RecordStatus;
  started_at: Date | null;
  completed_at: Date | null;
  items_synced: number;
  error_message: string | null;
  details: Record<string, unknown> | null;
  zone: string | null;
  attempts: number;
  collector_id: string | null;
}

/** A capacity session as a viewer sees it: counted over the records of its own instances only. */
export interface ViewerSessionRow {
  session_id: string;
  sync_type: SessionType;
  started_at: Date;
  completed_at: Date | null;
  created_by: number | null;
  error_message: string | null;
  status: SessionStatus;
  total: number;
  successful: number;
  failed: number;
}

export interface NewSession {
  sessionId: string;
  type: SessionType;
  category: SessionCategory;
  job: JobName;
  createdBy: number | null;
  /** Its work is in the job queue: its liveness is the queue's (no lock held for it), it ends with its last record. */
  queued?: boolean;
}

export interface SessionTarget {
  instanceId: number | null;
  name: string;
  zone?: string | null;
}

export interface RecordOutcome {
  status: 'completed' | 'failed';
  itemsSynced: number;
  error: string | null;
  details: Record<string, unknown> | null;
}

/** A queued collection run's records, added up. */
export interface RecordsTally {
  databases: number;
  /** Failed records per failure kind (details.failure). */
  failures: Record<string, number>;
  instances_with_warnings: number;
  /** Distinct collector processes that ran its records. */
  collectors: number;
  /** Records that took more than one attempt. */
  retried: number;
  duration_ms: number;
}

export interface Page {
  limit: number;
  offset: number;
}

const SESSION_COLUMNS = `s.session_id, s.sync_type, s.sync_category, s.job, s.status, s.started_at, s.completed_at, s.total_instances,
  s.successful_instances, s.failed_instances, s.created_by, s.summary, s.error_message`;

/**
 * The job locks a running session's owner holds: its own job, or for a row of an earlier version (no job)
 * the locks its category may have run under — a `partition` session was a maintenance or a cleanup.
 */
const REQUIRED_LOCKS = `(CASE WHEN s.job IS NOT NULL THEN ARRAY[s.job::text]
  WHEN s.sync_category = 'capacity' THEN ARRAY['collect']
  WHEN s.sync_category = 'aggregation' THEN ARRAY['aggregation']
  WHEN s.sync_category = 'archive' THEN ARRAY['cleanup']
  ELSE ARRAY['partition', 'cleanup'] END)`;

/**
 * A viewer's sessions: the capacity runs with a record of an instance it may read, cut down to those
 * records — totals and status are recomputed over them (the same rule as `sessionOutcome`, a fatal run
 * error still fails the run). `$1` is the readable instance ids.
 */
const viewerSessions = (select: string): string => `
  WITH visible AS (
    SELECT r.session_id,
           count(*)::int AS total,
           (count(*) FILTER (WHERE r.status = 'completed'))::int AS successful,
           (count(*) FILTER (WHERE r.status = 'failed'))::int AS failed
    FROM sync_instance_records r
    WHERE r.instance_id = ANY($1::int[])
    GROUP BY r.session_id
  )
  SELECT ${select} FROM (
    SELECT s.session_id, s.sync_type, s.started_at, s.completed_at, s.created_by, s.error_message,
           v.total, v.successful, v.failed,
           CASE WHEN s.status = 'running' THEN 'running'
                WHEN s.status = 'failed' AND s.error_message IS NOT NULL THEN 'failed'
                WHEN v.failed = 0 THEN 'completed'
                WHEN v.successful = 0 THEN 'failed'
                ELSE 'partial' END AS status
    FROM sync_sessions s JOIN visible v ON v.session_id = s.session_id
    WHERE s.sync_category = 'capacity'
  ) scoped`;

/** The sessions store: the only SQL over `sync_sessions` and `sync_instance_records`. */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts the session `running` with one pending record per target; the record id per target name. */
  async insertSession(session: NewSession, targets: readonly SessionTarget[]): Promise<Map<string, number>> {
    const recordIds = new Map<string, number>();
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO sync_sessions (session_id, sync_type, sync_category, job, status, total_instances, created_by, queued)
         VALUES ($1, $2, $3, $4, 'running', $5, $6, $7)`,
        [session.sessionId, session.type, session.category, session.job, targets.length, session.createdBy, session.queued ?? false],
      );
      if (targets.length === 0) return;
      const rows: { id: number; instance_name: string }[] = await manager.query(
        `INSERT INTO sync_instance_records (session_id, instance_id, instance_name, status, zone)
         SELECT $1, t.instance_id, t.name, 'pending', t.zone
         FROM unnest($2::int[], $3::text[], $4::text[]) WITH ORDINALITY AS t(instance_id, name, zone, ord)
         ORDER BY t.ord
         RETURNING id, instance_name`,
        [session.sessionId, targets.map((t) => t.instanceId), targets.map((t) => t.name), targets.map((t) => t.zone ?? null)],
      );
      for (const row of rows) recordIds.set(row.instance_name, row.id);
    });
    return recordIds;
  }

  /** A pending record added to a running session, counted in its total. */
  async insertRecord(sessionId: string, target: SessionTarget): Promise<number> {
    const [row]: { id: number }[] = await this.dataSource.query(
      `WITH record AS (
         INSERT INTO sync_instance_records (session_id, instance_id, instance_name, status)
         VALUES ($1, $2, $3, 'pending') RETURNING id
       ), bump AS (
         UPDATE sync_sessions SET total_instances = total_instances + 1, updated_at = now() WHERE session_id = $1
       )
       SELECT id FROM record`,
      [sessionId, target.instanceId, target.name],
    );
    return row.id;
  }

  /** Starts an attempt of an open record (counted, with the collector running it); false when it has already ended. */
  async markRecordRunning(recordId: number, collectorId: string | null = null): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `UPDATE sync_instance_records SET status = 'running', started_at = clock_timestamp(), attempts = attempts + 1,
              collector_id = coalesce($2, collector_id)
       WHERE id = $1 AND status IN ('pending', 'running') RETURNING id`,
      [recordId, collectorId],
    );
    return rows.length > 0;
  }

  /** Ends one open record and counts it on its session in the same statement; false when it had already ended. */
  async finishRecord(recordId: number, outcome: RecordOutcome): Promise<boolean> {
    const [, count]: [unknown[], number] = await this.dataSource.query(
      `WITH record AS (
         UPDATE sync_instance_records
         SET status = $2, completed_at = clock_timestamp(), started_at = coalesce(started_at, clock_timestamp()),
             items_synced = $3, error_message = $4, details = $5
         WHERE id = $1 AND status IN ('pending', 'running')
         RETURNING session_id
       )
       UPDATE sync_sessions s
       SET successful_instances = successful_instances + CASE WHEN $2 = 'completed' THEN 1 ELSE 0 END,
           failed_instances = failed_instances + CASE WHEN $2 = 'failed' THEN 1 ELSE 0 END,
           updated_at = now()
       FROM record WHERE s.session_id = record.session_id`,
      [recordId, outcome.status, outcome.itemsSynced, outcome.error, outcome.details],
    );
    return count > 0;
  }

  /**
   * Ends a queued session once none of its records is open, with the status its records give; true for the one
   * caller (on whichever replica) whose statement ended it.
   */
  async closeQueuedIfDone(sessionId: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `UPDATE sync_sessions s SET completed_at = clock_timestamp(), updated_at = now(),
              status = CASE WHEN s.failed_instances = 0 THEN 'completed' WHEN s.successful_instances = 0 THEN 'failed' ELSE 'partial' END
       WHERE s.session_id = $1 AND s.status = 'running' AND s.queued
         AND NOT EXISTS (SELECT 1 FROM sync_instance_records r WHERE r.session_id = s.session_id AND r.status IN ('pending', 'running'))
       RETURNING s.session_id`,
      [sessionId],
    );
    return rows.length > 0;
  }

  /** What a queued collection run's records add up to (its summary): see RecordsTally. */
  async tallyRecords(sessionId: string): Promise<RecordsTally> {
    const [row]: RecordsTally[] = await this.dataSource.query(
      `SELECT coalesce(sum(r.items_synced) FILTER (WHERE r.status = 'completed'), 0)::int AS databases,
              coalesce((SELECT jsonb_object_agg(kind, n) FROM (
                SELECT r2.details->>'failure' AS kind, count(*)::int AS n FROM sync_instance_records r2
                WHERE r2.session_id = $1 AND r2.status = 'failed' AND r2.details->>'failure' IS NOT NULL GROUP BY 1) k), '{}'::jsonb) AS failures,
              (count(*) FILTER (WHERE jsonb_typeof(r.details->'warnings') = 'array' AND jsonb_array_length(r.details->'warnings') > 0))::int AS instances_with_warnings,
              (count(DISTINCT r.collector_id))::int AS collectors,
              (count(*) FILTER (WHERE r.attempts > 1))::int AS retried,
              (SELECT (extract(epoch FROM (coalesce(s.completed_at, clock_timestamp()) - s.started_at)) * 1000)::int FROM sync_sessions s WHERE s.session_id = $1) AS duration_ms
       FROM sync_instance_records r WHERE r.session_id = $1`,
      [sessionId],
    );
    return row;
  }

  async setSummary(sessionId: string, summary: Record<string, unknown>): Promise<void> {
    await this.dataSource.query(`UPDATE sync_sessions SET summary = $2 WHERE session_id = $1`, [sessionId, summary]);
  }

  /** The newest running queued session of the category. */
  async runningQueued(category: SessionCategory): Promise<string | null> {
    const [row]: { session_id: string }[] = await this.dataSource.query(
      `SELECT session_id FROM sync_sessions WHERE sync_category = $1 AND status = 'running' AND queued ORDER BY started_at DESC LIMIT 1`,
      [category],
    );
    return row?.session_id ?? null;
  }

  /** Queued sessions still running with no open record left (their closer died in between): to be closed. */
  async queuedWithoutOpenRecords(): Promise<string[]> {
    const rows: { session_id: string }[] = await this.dataSource.query(
      `SELECT s.session_id FROM sync_sessions s
       WHERE s.status = 'running' AND s.queued
         AND NOT EXISTS (SELECT 1 FROM sync_instance_records r WHERE r.session_id = s.session_id AND r.status IN ('pending', 'running'))`,
    );
    return rows.map((row) => row.session_id);
  }

  /**
   * Fails the pending records of queued sessions older than `olderThanMs` whose zone is none of `servedZones`
   * (no live collector takes it); the sessions touched.
   */
  async failUnservedZones(servedZones: readonly string[], olderThanMs: number): Promise<string[]> {
    const [rows]: [{ session_id: string }[], number] = await this.dataSource.query(
      `WITH failed AS (
         UPDATE sync_instance_records r
         SET status = 'failed', completed_at = clock_timestamp(), started_at = coalesce(r.started_at, clock_timestamp()),
             error_message = 'no collector for zone ' || r.zone, details = jsonb_build_object('failure', 'no_collector')
         FROM sync_sessions s
         WHERE s.session_id = r.session_id AND s.status = 'running' AND s.queued
           AND s.started_at < now() - $2 * interval '1 millisecond'
           AND r.status = 'pending' AND r.zone IS NOT NULL AND NOT (r.zone = ANY($1::text[]))
         RETURNING r.session_id
       ), counted AS (
         SELECT session_id, count(*)::int AS n FROM failed GROUP BY session_id
       )
       UPDATE sync_sessions s SET failed_instances = s.failed_instances + c.n, updated_at = now()
       FROM counted c WHERE s.session_id = c.session_id
       RETURNING s.session_id`,
      [servedZones, olderThanMs],
    );
    return rows.map((row) => row.session_id);
  }

  /** Fails the records still open and ends the session with `status`, its failures recounted. */
  async closeSession(
    sessionId: string,
    end: { status: SessionStatus; summary: Record<string, unknown> | null; error: string | null },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE sync_instance_records SET status = 'failed', completed_at = clock_timestamp(),
              error_message = coalesce(error_message, 'run ended before this record was processed')
       WHERE session_id = $1 AND status IN ('pending', 'running')`,
      [sessionId],
    );
    await this.dataSource.query(
      `UPDATE sync_sessions SET status = $2, completed_at = clock_timestamp(), summary = coalesce($3, summary),
              error_message = $4, updated_at = now(),
              failed_instances = (SELECT count(*) FROM sync_instance_records WHERE session_id = $1 AND status = 'failed')
       WHERE session_id = $1`,
      [sessionId, end.status, end.summary, end.error],
    );
  }

  /**
   * Fails, in one transaction, the running sessions whose every required lock is in `heldJobs`, except `live` ones,
   * with their open records (counted in the session's totals); the ids failed.
   */
  async failRunning(heldJobs: readonly JobName[], live: readonly string[], reason: string): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { session_id: string }[] = await manager.query(
        `SELECT s.session_id FROM sync_sessions s
         WHERE s.status = 'running' AND NOT s.queued AND ${REQUIRED_LOCKS} <@ $1::text[] AND NOT (s.session_id = ANY($2::uuid[]))
         FOR UPDATE`,
        [heldJobs, live],
      );
      if (rows.length === 0) return [];
      const ids = rows.map((row) => row.session_id);
      await manager.query(
        `UPDATE sync_instance_records SET status = 'failed', completed_at = now(), error_message = coalesce(error_message, $2)
         WHERE session_id = ANY($1::uuid[]) AND status IN ('pending', 'running')`,
        [ids, reason],
      );
      await manager.query(
        `UPDATE sync_sessions s SET status = 'failed', completed_at = now(), error_message = $2, updated_at = now(),
                successful_instances = (SELECT count(*) FROM sync_instance_records r WHERE r.session_id = s.session_id AND r.status = 'completed'),
                failed_instances = (SELECT count(*) FROM sync_instance_records r WHERE r.session_id = s.session_id AND r.status = 'failed')
         WHERE s.session_id = ANY($1::uuid[])`,
        [ids, reason],
      );
      return ids;
    });
  }

  /** The distinct lock sets of the running sessions other than `live`. */
  async locksOfRunningSessions(live: readonly string[]): Promise<JobName[][]> {
    const rows: { locks: JobName[] }[] = await this.dataSource.query(
      `SELECT DISTINCT ${REQUIRED_LOCKS} AS locks FROM sync_sessions s
       WHERE s.status = 'running' AND NOT s.queued AND NOT (s.session_id = ANY($1::uuid[]))`,
      [live],
    );
    return rows.map((row) => row.locks);
  }

  async findSession(sessionId: string): Promise<SessionRow | null> {
    const [row]: SessionRow[] = await this.dataSource.query(`SELECT ${SESSION_COLUMNS} FROM sync_sessions s WHERE s.session_id = $1`, [sessionId]);
    return row ?? null;
  }

  async findRecords(sessionId: string): Promise<RecordRow[]> {
    return this.dataSource.query(
      `SELECT id, session_id, instance_id, instance_name, status, started_at, completed_at, items_synced, error_message, details,
              zone, attempts, collector_id
       FROM sync_instance_records WHERE session_id = $1 ORDER BY id`,
      [sessionId],
    );
  }

  /** The newest running session of the category. */
  async latestRunning(category: SessionCategory): Promise<string | null> {
    const [row]: { session_id: string }[] = await this.dataSource.query(
      `SELECT session_id FROM sync_sessions WHERE sync_category = $1 AND status = 'running' ORDER BY started_at DESC LIMIT 1`,
      [category],
    );
    return row?.session_id ?? null;
  }

  /** Every session of the filter, newest first, and how many there are. */
  async list(filter: { category?: SessionCategory; status?: SessionStatus }, page: Page): Promise<{ rows: SessionRow[]; total: number }> {
    const where = `($1::text IS NULL OR s.sync_category = $1) AND ($2::text IS NULL OR s.status = $2)`;
    const params = [filter.category ?? null, filter.status ?? null];
    const [{ total }]: { total: number }[] = await this.dataSource.query(`SELECT count(*)::int AS total FROM sync_sessions s WHERE ${where}`, params);
    const rows: SessionRow[] = await this.dataSource.query(
      `SELECT ${SESSION_COLUMNS} FROM sync_sessions s WHERE ${where} ORDER BY s.started_at DESC LIMIT $3 OFFSET $4`,
      [...params, page.limit, page.offset],
    );
    return { rows, total };
  }

  /** The capacity sessions touching `readable` instances, scoped to them (see viewerSessions), newest first. */
  async listForViewer(readable: readonly number[], status: SessionStatus | null, page: Page): Promise<{ rows: ViewerSessionRow[]; total: number }> {
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `${viewerSessions('count(*)::int AS total')} WHERE $2::text IS NULL OR scoped.status = $2`,
      [readable, status],
    );
    const rows: ViewerSessionRow[] = await this.dataSource.query(
      `${viewerSessions('*')} WHERE $2::text IS NULL OR scoped.status = $2 ORDER BY scoped.started_at DESC, scoped.session_id LIMIT $3 OFFSET $4`,
      [readable, status, page.limit, page.offset],
    );
    return { rows, total };
  }

  async findForViewer(readable: readonly number[], sessionId: string): Promise<ViewerSessionRow | null> {
    const [row]: ViewerSessionRow[] = await this.dataSource.query(`${viewerSessions('*')} WHERE scoped.session_id = $2`, [readable, sessionId]);
    return row ?? null;
  }
}

const duration = (from: Date | null, to: Date | null): number | null => (from && to ? to.getTime() - from.getTime() : null);

export function toSessionResponse(row: SessionRow): SessionResponse {
  return {
    session_id: row.session_id,
    sync_type: row.sync_type,
    sync_category: row.sync_category,
    status: row.status,
    started_at: row.started_at.toISOString(),
    completed_at: isoOrNull(row.completed_at),
    duration_ms: duration(row.started_at, row.completed_at),
    total_instances: row.total_instances,
    successful_instances: row.successful_instances,
    failed_instances: row.failed_instances,
    created_by: row.created_by,
    summary: row.summary,
    error_message: row.error_message,
  };
}

export function toRecordResponse(row: RecordRow): SessionRecordResponse {
  return {
    id: row.id,
    instance_id: row.instance_id,
    instance_name: row.instance_name,
    status: row.status,
    started_at: isoOrNull(row.started_at),
    completed_at: isoOrNull(row.completed_at),
    duration_ms: duration(row.started_at, row.completed_at),
    items_synced: row.items_synced,
    error_message: row.error_message,
    details: row.details,
    zone: row.zone,
    attempts: row.attempts,
    collector_id: row.collector_id,
  };
}

/** A viewer's session: capacity only, counted over its own records, without the fleet-wide summary. */
export function toViewerResponse(row: ViewerSessionRow): SessionResponse {
  return {
    session_id: row.session_id,
    sync_type: row.sync_type,
    sync_category: 'capacity',
    status: row.status,
    started_at: row.started_at.toISOString(),
    completed_at: isoOrNull(row.completed_at),
    duration_ms: duration(row.started_at, row.completed_at),
    total_instances: row.total,
    successful_instances: row.successful,
    failed_instances: row.failed,
    created_by: row.created_by,
    summary: null,
    error_message: row.error_message,
  };
}
