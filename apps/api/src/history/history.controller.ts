import {
  AggregationsQueryDto,
  type AggregationsResponse,
  DatabaseSizesQueryDto,
  type DatabaseSizesResponse,
  ForecastQueryDto,
  type ForecastResponse,
  InstanceAggregationsQueryDto,
  type InstanceAggregationsResponse,
  InstanceSizesQueryDto,
  type InstanceSizesResponse,
  TrendsQueryDto,
  type TrendsResponse,
} from '@capacity/contracts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/roles.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { HistoryService } from './history.service';

@ApiTags('history')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown instance, or one the viewer may not read' })
@ApiBadRequestResponse({ description: 'A bad query value; the message names the field' })
@Controller('instances')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get(':id/database-sizes')
  @ApiOperation({ summary: 'Daily readings per database (default: the last 30 days)' })
  @ApiOkResponse({ description: '{ data: [ { database_name, stats: [ { collected_date, collected_at, size_mb, size_bytes, data_size_mb, log_size_mb } ] } ] }' })
  databaseSizes(@Param('id', ParseIdPipe) id: number, @Query() query: DatabaseSizesQueryDto, @CurrentUser() user: AuthUser): Promise<DatabaseSizesResponse> {
    return this.history.databaseSizes(user, id, query);
  }

  @Get(':id/instance-sizes')
  @ApiOperation({ summary: 'Daily instance readings (default: the last 30 days): total = databases (data) + instance log (WAL, binary logs, redo)' })
  @ApiOkResponse({ description: '{ data: [ { collected_date, collected_at, total_size_bytes, total_size_mb, data_size_bytes, data_size_mb, log_size_bytes, log_size_mb, database_count } ] }' })
  instanceSizes(@Param('id', ParseIdPipe) id: number, @Query() query: InstanceSizesQueryDto, @CurrentUser() user: AuthUser): Promise<InstanceSizesResponse> {
    return this.history.instanceSizes(user, id, query);
  }

  @Get(':id/instance-sizes/aggregations')
  @ApiOperation({ summary: 'Instance rollups of a period type (avg/max/min of total, data, log), newest first, paginated' })
  @ApiOkResponse({ description: '{ data: InstanceAggregationItem[], pagination }' })
  instanceTotalAggregations(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: InstanceAggregationsQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<InstanceAggregationsResponse> {
    return this.history.instanceTotalAggregations(user, id, query);
  }

  @Get(':id/database-sizes/aggregations')
  @ApiOperation({ summary: 'Aggregations of one instance for a period type, newest first, paginated' })
  @ApiOkResponse({ description: '{ data: AggregationItem[], pagination }' })
  aggregations(@Param('id', ParseIdPipe) id: number, @Query() query: AggregationsQueryDto, @CurrentUser() user: AuthUser): Promise<AggregationsResponse> {
    return this.history.instanceAggregations(user, id, query);
  }

  @Get(':id/database-sizes/trends')
  @ApiOperation({ summary: 'Per-period totals, per-database average and growth, and a summary, over the last N months' })
  @ApiOkResponse({ description: '{ data: { trends: [ { period, total_size_mb, databases } ], summary } }' })
  trends(@Param('id', ParseIdPipe) id: number, @Query() query: TrendsQueryDto, @CurrentUser() user: AuthUser): Promise<TrendsResponse> {
    return this.history.trends(user, id, query);
  }

  @Get(':id/database-sizes/forecast')
  @ApiOperation({ summary: 'Least-squares growth forecast over the last 90 daily points of a database or of the instance total' })
  @ApiOkResponse({ description: '{ database_name, points_used, slope_mb_per_day, projections, enough_history, message }' })
  forecast(@Param('id', ParseIdPipe) id: number, @Query() query: ForecastQueryDto, @CurrentUser() user: AuthUser): Promise<ForecastResponse> {
    return this.history.forecast(user, id, query);
  }
}
