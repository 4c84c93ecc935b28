import { CrossAggregationsQueryDto, type AggregationsResponse, type AggregationSummaryResponse } from '@capacity/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/roles.decorator';
import { HistoryService } from '../history/history.service';

@ApiTags('aggregations')
@ApiBearerAuth()
@Controller('aggregations')
export class AggregationsQueryController {
  constructor(private readonly history: HistoryService) {}

  @Get()
  @ApiOperation({ summary: 'Aggregations across the instances the user may read; each item names its instance' })
  @ApiOkResponse({ description: '{ data: AggregationItem[], pagination }' })
  @ApiBadRequestResponse({ description: 'A bad query value; the message names the field' })
  list(@Query() query: CrossAggregationsQueryDto, @CurrentUser() user: AuthUser): Promise<AggregationsResponse> {
    return this.history.crossAggregations(user, query);
  }

  @Get('summary')
  @ApiOperation({ summary: 'Instances, databases, latest total size and growth over the last 30 days' })
  @ApiOkResponse({ description: '{ data: { total_instances, total_databases, total_size_mb, latest_date, growth_30d_mb, growth_30d_percent } }' })
  summary(@CurrentUser() user: AuthUser): Promise<AggregationSummaryResponse> {
    return this.history.summary(user);
  }
}
