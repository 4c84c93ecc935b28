import { addDays, type FleetRankingsQueryDto, type FleetRankingsResponse } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/roles.decorator';
import { InvalidInputError } from '../common/domain-errors';
import { buildPagination } from '../common/pagination';
import { InstanceAccessService } from '../instances/instance-access.service';
import { toRankingItem } from './fleet-items';
import { FleetRepository, type FleetFilter } from './fleet.repository';

/** GET /fleet/rankings: the fastest-growing, biggest or fastest-shrinking databases or instances the user may read. */
@Injectable()
export class FleetRankingsService {
  constructor(
    private readonly repository: FleetRepository,
    private readonly access: InstanceAccessService,
  ) {}

  async rankings(user: AuthUser, query: FleetRankingsQueryDto): Promise<FleetRankingsResponse> {
    if (query.level === 'instance' && query.database_name !== undefined) {
      throw new InvalidInputError('database_name applies to level=database only', 'database_name');
    }
    const empty = { data: [], pagination: buildPagination(query.page, query.per_page, 0) };
    const instanceIds = await this.access.readableInstanceIds(user);
    if (instanceIds !== null && instanceIds.length === 0) return empty;
    const filter: FleetFilter = { instanceIds, dbType: query.db_type, tag: query.tag, databaseName: query.database_name };
    const asOf = query.as_of ?? (await this.repository.newestDay(query.level, filter));
    if (asOf === null) return empty;
    const thenDay = addDays(asOf, -query.window_days);
    const offset = (query.page - 1) * query.per_page;
    const { rows, total } = await this.repository.ranking({ level: query.level, metric: query.metric, asOf, thenDay, filter, limit: query.per_page, offset });
    return {
      data: rows.map((row, index) => toRankingItem(row, offset + index + 1, thenDay, asOf)),
      pagination: buildPagination(query.page, query.per_page, total),
    };
  }
}
