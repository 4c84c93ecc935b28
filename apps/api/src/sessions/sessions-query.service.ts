import type { Paginated, SessionDetailResponse, SessionResponse } from '@capacity/contracts';
import { ListSessionsQueryDto } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/roles.decorator';
import { NotFoundError } from '../common/domain-errors';
import { buildPagination } from '../common/pagination';
import { InstanceAccessService } from '../instances/instance-access.service';
import { SessionsRepository, toSessionResponse, toViewerResponse } from './sessions.repository';
import { SessionsService } from './sessions.service';

/**
 * Reads of GET /sessions and GET /sessions/:id by who asks: an admin reads every run; a viewer only the
 * capacity runs that touched an instance it owns, with only those instances' records (totals and status
 * recomputed over them, the fleet-wide summary left out). Runs of the partition, archive and aggregation
 * categories concern the whole repository: admin only (a viewer's list leaves them out — `category=partition`
 * answers an empty page — and their id answers 404).
 */
@Injectable()
export class SessionsQueryService {
  constructor(
    private readonly repository: SessionsRepository,
    private readonly sessions: SessionsService,
    private readonly access: InstanceAccessService,
  ) {}

  async list(user: AuthUser, query: ListSessionsQueryDto): Promise<Paginated<SessionResponse>> {
    const page = { limit: query.per_page, offset: (query.page - 1) * query.per_page };
    const readable = await this.access.readableInstanceIds(user);
    if (readable === null) {
      const { rows, total } = await this.repository.list({ category: query.category, status: query.status }, page);
      return { data: rows.map(toSessionResponse), pagination: buildPagination(query.page, query.per_page, total) };
    }
    if ((query.category && query.category !== 'capacity') || readable.length === 0) {
      return { data: [], pagination: buildPagination(query.page, query.per_page, 0) };
    }
    const { rows, total } = await this.repository.listForViewer(readable, query.status ?? null, page);
    return { data: rows.map(toViewerResponse), pagination: buildPagination(query.page, query.per_page, total) };
  }

  async get(user: AuthUser, sessionId: string): Promise<SessionDetailResponse> {
    const readable = await this.access.readableInstanceIds(user);
    if (readable === null) return this.sessions.get(sessionId);
    const row = await this.repository.findForViewer(readable, sessionId);
    if (!row) throw new NotFoundError(`session ${sessionId} not found`);
    const { records } = await this.sessions.get(sessionId);
    const own = new Set(readable);
    return { ...toViewerResponse(row), records: records.filter((record) => record.instance_id !== null && own.has(record.instance_id)) };
  }
}
