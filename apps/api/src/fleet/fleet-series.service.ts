import type { FleetMeasure, FleetSeriesQueryDto, FleetSeriesResponse } from '@capacity/contracts';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/roles.decorator';
import { ZonedClock } from '../config/zoned-clock';
import { InstanceAccessService } from '../instances/instance-access.service';
import { seriesRange } from './fleet-range';
import { buildSeries } from './fleet-series';
import { FleetRepository } from './fleet.repository';

/** GET /fleet/series: the fleet's size per period, its top groups and the rest, over the instances the user may read. */
@Injectable()
export class FleetSeriesService {
  constructor(
    private readonly repository: FleetRepository,
    private readonly access: InstanceAccessService,
    private readonly clock: ZonedClock,
  ) {}

  async series(user: AuthUser, query: FleetSeriesQueryDto): Promise<FleetSeriesResponse> {
    const range = seriesRange(query.period_type, this.clock.today(), query.start_date, query.end_date);
    // Database sizes where databases are grouped or picked; otherwise the instance rollups (far fewer rows, and the
    // instance log counted).
    const measure: FleetMeasure = query.group_by === 'database' || query.database_name !== undefined ? 'database_size' : 'instance_total';
    const instanceIds = await this.access.readableInstanceIds(user);
    const rows =
      instanceIds !== null && instanceIds.length === 0
        ? []
        : await this.repository.series({
            measure,
            groupBy: query.group_by,
            rankBy: query.rank_by,
            periodType: query.period_type,
            firstStart: range.firstStart,
            lastStart: range.lastStart,
            top: query.top,
            filter: { instanceIds, dbType: query.db_type, tag: query.tag, databaseName: query.database_name },
          });
    return {
      data: {
        period_type: query.period_type,
        start_date: range.firstStart,
        end_date: range.lastEnd,
        group_by: query.group_by,
        rank_by: query.rank_by,
        top: query.top,
        measure,
        ...buildSeries(query.period_type, query.group_by, rows),
      },
    };
  }
}
