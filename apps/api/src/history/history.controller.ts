import {
  AggregationItem,
  AggregationsQueryDto,
  DatabaseSizesQueryDto,
  DatabaseSizesResponse,
  ForecastQueryDto,
  ForecastResponse,
  InstanceAggregationItem,
  InstanceAggregationsQueryDto,
  InstanceSizesQueryDto,
  InstanceSizesResponse,
  TrendsQueryDto,
  TrendsResponse,
  type AggregationsResponse,
  type InstanceAggregationsResponse,
} from '@capacity/contracts';
import { Controller, Get, Param, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/roles.decorator';
import type { Request } from 'express';
import { ApiErrorResponses, ApiPaginatedOkResponse } from '../common/api-responses';
import { ApiOkJsonOrCsvResponse } from '../common/csv/api-csv';
import { csvFile } from '../common/csv/csv-file';
import { wantsCsv } from '../common/csv/wants-csv';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiInstanceIdParam } from '../instances/api-instance-id-param';
import { DATABASE_SIZE_CSV_COLUMNS, databaseSizeCsvRows } from './history-csv';
import { HistoryService } from './history.service';

/** Every read here names an instance (404 when unknown or not the viewer's) and takes a query (400 naming the field). */
@ApiTags('history')
@ApiBearerAuth()
@ApiInstanceIdParam()
@ApiErrorResponses(400, 401, 404, 503)
@Controller('instances')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get(':id/database-sizes')
  @ApiOperation({
    summary: 'Daily readings per database',
    description: 'One series per database (by name), its readings oldest first; default range: the last 30 days up to today in APP_TIMEZONE.',
  })
  @ApiOkJsonOrCsvResponse(DatabaseSizesResponse, 'The series of the databases (CSV: one line per database and day)')
  async databaseSizes(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: DatabaseSizesQueryDto,
    @CurrentUser() user: AuthUser,
    @Req() request: Request,
  ): Promise<DatabaseSizesResponse | StreamableFile> {
    const sizes = await this.history.databaseSizes(user, id, query);
    // One instance's range is read whole anyway (hot and archived rows merged); only the writing streams.
    if (wantsCsv(request, query.format)) return csvFile(`instance-${id}-database-sizes.csv`, DATABASE_SIZE_CSV_COLUMNS, databaseSizeCsvRows(sizes));
    return sizes;
  }

  @Get(':id/instance-sizes')
  @ApiOperation({
    summary: 'Daily readings of the instance',
    description:
      'Oldest first; default range: the last 30 days. total = data (the databases) + log (the instance log: PostgreSQL WAL, MySQL/MariaDB binary logs, Oracle redo).',
  })
  @ApiOkResponse({ type: InstanceSizesResponse })
  instanceSizes(@Param('id', ParseIdPipe) id: number, @Query() query: InstanceSizesQueryDto, @CurrentUser() user: AuthUser): Promise<InstanceSizesResponse> {
    return this.history.instanceSizes(user, id, query);
  }

  @Get(':id/instance-sizes/aggregations')
  @ApiOperation({
    summary: 'Instance rollups of a period type',
    description: 'avg/max/min of the instance total, data and log per period, newest period first, paginated.',
  })
  @ApiPaginatedOkResponse(InstanceAggregationItem, 'A page of instance rollups')
  instanceTotalAggregations(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: InstanceAggregationsQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<InstanceAggregationsResponse> {
    return this.history.instanceTotalAggregations(user, id, query);
  }

  @Get(':id/database-sizes/aggregations')
  @ApiOperation({
    summary: 'Database aggregations of one instance',
    description: 'The aggregation items of one period type (optionally one database and a date range), newest period first, paginated.',
  })
  @ApiPaginatedOkResponse(AggregationItem, 'A page of aggregation items')
  aggregations(@Param('id', ParseIdPipe) id: number, @Query() query: AggregationsQueryDto, @CurrentUser() user: AuthUser): Promise<AggregationsResponse> {
    return this.history.instanceAggregations(user, id, query);
  }

  @Get(':id/database-sizes/trends')
  @ApiOperation({
    summary: 'Size trends of an instance',
    description:
      'Over the last `months` months: per period the sum of the databases\' averages and each database\'s average and growth; a summary of total growth, the largest and the fastest-growing database.',
  })
  @ApiOkResponse({ type: TrendsResponse })
  trends(@Param('id', ParseIdPipe) id: number, @Query() query: TrendsQueryDto, @CurrentUser() user: AuthUser): Promise<TrendsResponse> {
    return this.history.trends(user, id, query);
  }

  @Get(':id/database-sizes/forecast')
  @ApiOperation({
    summary: 'Growth forecast of a database or of the instance total',
    description:
      'A least-squares line through the last 90 daily points, projected at horizon_days (or +30 and +90 days); fewer than 7 points: no projection, enough_history false and a message.',
  })
  @ApiOkResponse({ type: ForecastResponse })
  forecast(@Param('id', ParseIdPipe) id: number, @Query() query: ForecastQueryDto, @CurrentUser() user: AuthUser): Promise<ForecastResponse> {
    return this.history.forecast(user, id, query);
  }
}
