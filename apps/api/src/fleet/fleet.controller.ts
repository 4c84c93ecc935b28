import {
  FleetChangeItem,
  FleetChangesQueryDto,
  FleetRankingItem,
  FleetRankingsQueryDto,
  FleetSeriesQueryDto,
  FleetSeriesResponse,
  type FleetChangesResponse,
  type FleetRankingsResponse,
} from '@capacity/contracts';
import { Controller, Get, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/roles.decorator';
import type { Request } from 'express';
import { ApiErrorResponses, ApiPaginatedOkResponse } from '../common/api-responses';
import { ApiOkJsonOrCsvResponse } from '../common/csv/api-csv';
import { csvFile } from '../common/csv/csv-file';
import { wantsCsv } from '../common/csv/wants-csv';
import { RANKING_CSV_COLUMNS } from './fleet-csv';
import { FleetChangesService } from './fleet-changes.service';
import { FleetRankingsService } from './fleet-rankings.service';
import { FleetSeriesService } from './fleet-series.service';

const VIEWER_SCOPE = 'A viewer sees only the instances it owns.';

@ApiTags('fleet')
@ApiBearerAuth()
@Controller('fleet')
export class FleetController {
  constructor(
    private readonly seriesService: FleetSeriesService,
    private readonly rankingsService: FleetRankingsService,
    private readonly changesService: FleetChangesService,
  ) {}

  @Get('series')
  @ApiOperation({
    summary: 'The fleet size per period: the top N groups, the others and the total',
    description:
      'One point per period with readings for each of the top `top` groups (by size in the last period, or growth from the first period ' +
      'to the last), for the others, and for the total of every reading of the period (never truncated). A period\'s size is the ' +
      'average of its daily readings, as in the aggregation items; a group\'s is the sum over its instances or databases. ' +
      `Computed from the aggregations (run them to see today). ${VIEWER_SCOPE}`,
  })
  @ApiOkResponse({ type: FleetSeriesResponse })
  @ApiErrorResponses(400, 401, 503)
  series(@Query() query: FleetSeriesQueryDto, @CurrentUser() user: AuthUser): Promise<FleetSeriesResponse> {
    return this.seriesService.series(user, query);
  }

  @Get('rankings')
  @ApiOperation({
    summary: 'Fastest-growing, biggest or fastest-shrinking databases or instances',
    description:
      'Compares the daily readings of the "as of" day (default: the newest day with readings) with those `window_days` before. ' +
      'growth_bytes / growth_percent list what grew, shrink what shrank, size everything read that day; ties in instance id then ' +
      `database name order. ${VIEWER_SCOPE}`,
  })
  @ApiOkJsonOrCsvResponse({ paginated: FleetRankingItem }, 'A page of the ranking')
  @ApiErrorResponses(400, 401, 503)
  async rankings(
    @Query() query: FleetRankingsQueryDto,
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
  ): Promise<FleetRankingsResponse | StreamableFile> {
    if (wantsCsv(request, query.format)) return csvFile('fleet-rankings.csv', RANKING_CSV_COLUMNS, this.rankingsService.exportRankings(user, query));
    return this.rankingsService.rankings(user, query);
  }

  @Get('changes')
  @ApiOperation({
    summary: 'What changed since the day before: databases that appeared, disappeared or changed by more than a threshold',
    description:
      'From the daily readings of `date` (default: yesterday in APP_TIMEZONE) and the day before. A database appeared when its instance ' +
      'was read the day before (or is new) without it, disappeared when its instance was read on `date` without it: an instance that ' +
      `missed a collection is no change. Appeared first, then disappeared, then changed; each by the size of the change. ${VIEWER_SCOPE}`,
  })
  @ApiPaginatedOkResponse(FleetChangeItem)
  @ApiErrorResponses(400, 401, 503)
  changes(@Query() query: FleetChangesQueryDto, @CurrentUser() user: AuthUser): Promise<FleetChangesResponse> {
    return this.changesService.changes(user, query);
  }
}
