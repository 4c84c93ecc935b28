import { AggregationItem, AggregationSummaryResponse, CrossAggregationsQueryDto, type AggregationsResponse } from '@capacity/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/roles.decorator';
import { ApiErrorResponses, ApiPaginatedOkResponse } from '../common/api-responses';
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
  @ApiPaginatedOkResponse(AggregationItem, 'A page of aggregation items')
  @ApiErrorResponses(400, 401, 503)
  list(@Query() query: CrossAggregationsQueryDto, @CurrentUser() user: AuthUser): Promise<AggregationsResponse> {
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
