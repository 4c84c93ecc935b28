import { addDays, type FleetChangesQueryDto, type FleetChangesResponse } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/roles.decorator';
import { buildPagination } from '../common/pagination';
import { ZonedClock } from '../config/zoned-clock';
import { InstanceAccessService } from '../instances/instance-access.service';
import { toChangeItem } from './fleet-items';
import { FleetRepository } from './fleet.repository';

/** GET /fleet/changes: what changed from one day's readings to the next ("what changed yesterday"). */
@Injectable()
export class FleetChangesService {
  constructor(
    private readonly repository: FleetRepository,
    private readonly access: InstanceAccessService,
    private readonly clock: ZonedClock,
  ) {}

  async changes(user: AuthUser, query: FleetChangesQueryDto): Promise<FleetChangesResponse> {
    const date = query.date ?? addDays(this.clock.today(), -1);
    const previousDate = addDays(date, -1);
    const instanceIds = await this.access.readableInstanceIds(user);
    if (instanceIds !== null && instanceIds.length === 0) return { data: [], pagination: buildPagination(query.page, query.per_page, 0) };
    const offset = (query.page - 1) * query.per_page;
    const { rows, total } = await this.repository.changes({
      date,
      thresholdPercent: query.threshold_percent,
      change: query.change,
      filter: { instanceIds, dbType: query.db_type, tag: query.tag, databaseName: query.database_name },
      limit: query.per_page,
      offset,
    });
    return { data: rows.map((row) => toChangeItem(row, date, previousDate)), pagination: buildPagination(query.page, query.per_page, total) };
  }
}
