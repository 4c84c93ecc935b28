import type { Paginated, SessionDetailResponse, SessionResponse, SessionStatus } from '@capacity/contracts';
import { ListSessionsQueryDto } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/roles.decorator';
import { NotFoundError } from '../common/domain-errors';
import { buildPagination } from '../common/pagination';
import { InstanceAccessService } from '../instances/instance-access.service';
import { SessionsService, toSessionResponse } from './sessions.service';
import { SyncSession } from './sync-session.entity';

interface ViewerSessionRow {
  session_id: string;
  sync_type: SessionResponse['sync_type'];
  started_at: Date;
  completed_at: Date | null;
  created_by: number | null;
  error_message: string | null;
  status: SessionStatus;
  total: number;
  successful: number;
  failed: number;
}

/**
 * A viewer's sessions: the capacity runs with a record of an instance it may read, cut down to those
 * records — totals and status are recomputed over them (the same rule as `sessionOutcome`, a fatal run
 * error still fails the run) and the fleet-wide summary is left out. `$1` is the readable instance ids.
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

/**
 * Reads of GET /sessions and GET /sessions/:id by who asks: an admin reads every run; a viewer only the
 * capacity runs that touched an instance it owns, with only those instances' records. Runs of the
 * partition, archive and aggregation categories concern the whole repository: admin only (a viewer's
 * list leaves them out — `category=partition` answers an empty page — and their id answers 404).
 */
@Injectable()
export class SessionsQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly access: InstanceAccessService,
  ) {}

  async list(user: AuthUser, query: ListSessionsQueryDto): Promise<Paginated<SessionResponse>> {
    const readable = await this.access.readableInstanceIds(user);
    if (readable === null) return this.listAll(query);
    if ((query.category && query.category !== 'capacity') || readable.length === 0) {
      return { data: [], pagination: buildPagination(query.page, query.per_page, 0) };
    }
    const status = query.status ?? null;
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `${viewerSessions('count(*)::int AS total')} WHERE $2::text IS NULL OR scoped.status = $2`,
      [readable, status],
    );
    const rows: ViewerSessionRow[] = await this.dataSource.query(
      `${viewerSessions('*')} WHERE $2::text IS NULL OR scoped.status = $2 ORDER BY scoped.started_at DESC, scoped.session_id LIMIT $3 OFFSET $4`,
      [readable, status, query.per_page, (query.page - 1) * query.per_page],
    );
    return { data: rows.map(toViewerResponse), pagination: buildPagination(query.page, query.per_page, total) };
  }

  async get(user: AuthUser, sessionId: string): Promise<SessionDetailResponse> {
    const readable = await this.access.readableInstanceIds(user);
    if (readable === null) return this.sessions.get(sessionId);
    const [row]: ViewerSessionRow[] = await this.dataSource.query(`${viewerSessions('*')} WHERE scoped.session_id = $2`, [readable, sessionId]);
    if (!row) throw new NotFoundError(`session ${sessionId} not found`);
    const { records } = await this.sessions.get(sessionId);
    const own = new Set(readable);
    return { ...toViewerResponse(row), records: records.filter((record) => record.instance_id !== null && own.has(record.instance_id)) };
  }

  private async listAll(query: ListSessionsQueryDto): Promise<Paginated<SessionResponse>> {
    const qb = this.dataSource.getRepository(SyncSession).createQueryBuilder('s');
    if (query.category) qb.andWhere('s.syncCategory = :category', { category: query.category });
    if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    qb.orderBy('s.startedAt', 'DESC').skip((query.page - 1) * query.per_page).take(query.per_page);
    const [sessions, total] = await qb.getManyAndCount();
    return { data: sessions.map(toSessionResponse), pagination: buildPagination(query.page, query.per_page, total) };
  }
}

function toViewerResponse(row: ViewerSessionRow): SessionResponse {
  const startedAt = new Date(row.started_at);
  const completedAt = row.completed_at ? new Date(row.completed_at) : null;
  return {
    session_id: row.session_id,
    sync_type: row.sync_type,
    sync_category: 'capacity',
    status: row.status,
    started_at: startedAt.toISOString(),
    completed_at: completedAt ? completedAt.toISOString() : null,
    duration_ms: completedAt ? completedAt.getTime() - startedAt.getTime() : null,
    total_instances: row.total,
    successful_instances: row.successful,
    failed_instances: row.failed,
    created_by: row.created_by,
    summary: null,
    error_message: row.error_message,
  };
}
