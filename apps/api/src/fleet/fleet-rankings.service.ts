import { addDays, type FleetRankingItem, type FleetRankingsQueryDto, type FleetRankingsResponse } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/roles.decorator';
import { InvalidInputError } from '../common/domain-errors';
import { buildPagination } from '../common/pagination';
import { InstanceAccessService } from '../instances/instance-access.service';
import { toRankingItem } from './fleet-items';
import { FleetRepository, type RankingQuery } from './fleet.repository';

/** What a ranking reads, or null when the user may read nothing or nothing was read. */
type RankingScope = Omit<RankingQuery, 'limit' | 'offset'> | null;

/** GET /fleet/rankings: the fastest-growing, biggest or fastest-shrinking databases or instances the user may read. */
@Injectable()
export class FleetRankingsService {
  constructor(
    private readonly repository: FleetRepository,
    private readonly access: InstanceAccessService,
  ) {}

  async rankings(user: AuthUser, query: FleetRankingsQueryDto): Promise<FleetRankingsResponse> {
    const scope = await this.scope(user, query);
    if (scope === null) return { data: [], pagination: buildPagination(query.page, query.per_page, 0) };
    const offset = (query.page - 1) * query.per_page;
    const { rows, total } = await this.repository.ranking({ ...scope, limit: query.per_page, offset });
    return {
      data: rows.map((row, index) => toRankingItem(row, offset + index + 1, scope.thenDay, scope.asOf)),
      pagination: buildPagination(query.page, query.per_page, total),
    };
  }

  /** The CSV export: every row of the ranking (no page), in its order. */
  async *exportRankings(user: AuthUser, query: FleetRankingsQueryDto): AsyncGenerator<FleetRankingItem> {
    const scope = await this.scope(user, query);
    if (scope === null) return;
    let rank = 0;
    for await (const row of this.repository.rankingRows(scope)) yield toRankingItem(row, ++rank, scope.thenDay, scope.asOf);
  }

  private async scope(user: AuthUser, query: FleetRankingsQueryDto): Promise<RankingScope> {
    if (query.level === 'instance' && query.database_name !== undefined) {
      throw new InvalidInputError('database_name applies to level=database only', 'database_name');
    }
    const instanceIds = await this.access.readableInstanceIds(user);
    if (instanceIds !== null && instanceIds.length === 0) return null;
    const filter = { instanceIds, dbType: query.db_type, tag: query.tag, databaseName: query.database_name };
    const asOf = query.as_of ?? (await this.repository.newestDay(query.level, filter));
    if (asOf === null) return null;
    return { level: query.level, metric: query.metric, asOf, thenDay: addDays(asOf, -query.window_days), filter };
  }
}
