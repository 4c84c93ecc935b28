import { AggregationItem, AggregationSummaryResponse, CrossAggregationsQueryDto, type AggregationsResponse } from '@capacity/contracts';
import { Controller, Get, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/roles.decorator';
import type { Request } from 'express';
import { ApiErrorResponses } from '../common/api-responses';
import { ApiOkJsonOrCsvResponse } from '../common/csv/api-csv';
import { csvFile } from '../common/csv/csv-file';
import { wantsCsv } from '../common/csv/wants-csv';
import { AGGREGATION_CSV_COLUMNS } from '../history/history-csv';
import { HistoryService } from '../history/history.service';

@ApiTags('aggregations')
@ApiBearerAuth()
@Controller('aggregations')
export class AggregationsQueryController {
  constructor(private readonly history: HistoryService) {}

  @Get()
  @ApiOperation({
    summary: 'Aggregations across instances',
    description:
      'The aggregation items of the instances the user may read (a viewer: those it owns), filtered by instance, engine, database, period type and dates; each item names its instance. Newest period first, paginated.',
  })
  @ApiOkJsonOrCsvResponse({ paginated: AggregationItem }, 'A page of aggregation items')
  @ApiErrorResponses(400, 401, 503)
  async list(
    @Query() query: CrossAggregationsQueryDto,
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
  ): Promise<AggregationsResponse | StreamableFile> {
    if (wantsCsv(request, query.format)) return csvFile('aggregations.csv', AGGREGATION_CSV_COLUMNS, this.history.crossAggregationsExport(user, query));
    return this.history.crossAggregations(user, query);
  }

  @Get('summary')
  @ApiOperation({
    summary: 'Fleet summary',
    description: 'Instances, databases, the latest total size and the growth over the last 30 days, of the instances the user may read.',
  })
  @ApiOkResponse({ type: AggregationSummaryResponse })
  @ApiErrorResponses(401, 503)
  summary(@CurrentUser() user: AuthUser): Promise<AggregationSummaryResponse> {
    return this.history.summary(user);
  }
}
