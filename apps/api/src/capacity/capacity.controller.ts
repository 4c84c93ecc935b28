import {
  CapacityItemResponse,
  DatabaseLimitResponse,
  FleetCapacityQueryDto,
  InstanceCapacityQueryDto,
  InstanceCapacityResponse,
  LimitChangeResponse,
  PageQueryDto,
  SetDatabaseLimitDto,
  type Paginated,
} from '@capacity/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, Roles, type AuthUser } from '../auth/roles.decorator';
import { ApiErrorResponses, ApiPaginatedOkResponse } from '../common/api-responses';
import { ApiOkJsonOrCsvResponse } from '../common/csv/api-csv';
import { csvFile } from '../common/csv/csv-file';
import { wantsCsv } from '../common/csv/wants-csv';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiInstanceIdParam } from '../instances/api-instance-id-param';
import { DatabaseNamePipe, MAX_DATABASE_NAME_LENGTH } from '../tables/database-name.pipe';
import { CAPACITY_CSV_COLUMNS } from './capacity-csv';
import { CapacityService } from './capacity.service';

const VIEWER_SCOPE = 'A viewer sees only the instances it owns.';
const FORECAST =
  'Growth per day is the least-squares slope over the last FORECAST_POINTS (default 30) daily readings; days to full = (limit − fitted size on the latest day) / growth, ' +
  'with the 95 % prediction band of the fit (early/late). status: ok, full, not_enough_history (below 14 daily points: never a forecast), not_growing, no_limit. ' +
  'The limit is the configured one when set, else the one the engine reported (limit_source).';
const DATABASE_NAME = { name: 'name', type: 'string', description: `Database name as collected (URL-encoded), 1 to ${MAX_DATABASE_NAME_LENGTH} characters` } as const;

@ApiTags('capacity')
@ApiBearerAuth()
@Controller({ path: 'instances', version: '1' })
export class InstanceCapacityController {
  constructor(private readonly capacity: CapacityService) {}

  @Get(':id/capacity')
  @ApiOperation({
    summary: 'Size, limit and days until full of an instance and of its databases',
    description: `The instance, and one page of its databases of the latest reading (largest first). ${FORECAST} CSV: the instance row first, then every database. ${VIEWER_SCOPE}`,
  })
  @ApiInstanceIdParam()
  @ApiOkJsonOrCsvResponse(InstanceCapacityResponse, 'The instance and a page of its databases')
  @ApiErrorResponses(400, 401, 404, 503)
  async instanceCapacity(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: InstanceCapacityQueryDto,
    @Req() request: Request,
  ): Promise<InstanceCapacityResponse | StreamableFile> {
    if (wantsCsv(request, query.format)) return csvFile(`instance-${id}-capacity.csv`, CAPACITY_CSV_COLUMNS, this.capacity.exportInstance(user, id));
    return this.capacity.instanceCapacity(user, id, query);
  }

  @Put(':id/databases/:name/limit')
  @Roles('admin')
  @ApiOperation({
    summary: 'Set the capacity limit of a database (admin)',
    description: 'A whole number of bytes; replaces the engine-reported limit in the forecast. The change is audited (GET /instances/:id/limit-changes).',
  })
  @ApiInstanceIdParam()
  @ApiParam(DATABASE_NAME)
  @ApiOkResponse({ type: DatabaseLimitResponse })
  @ApiErrorResponses(400, 401, 403, 404, 413, 503)
  setDatabaseLimit(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Param('name', DatabaseNamePipe) name: string,
    @Body() dto: SetDatabaseLimitDto,
  ): Promise<DatabaseLimitResponse> {
    return this.capacity.setDatabaseLimit(user, id, name, dto.limit_bytes);
  }

  @Delete(':id/databases/:name/limit')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove the capacity limit of a database (admin)', description: 'The engine-reported limit, if any, applies again. Audited. 404 when none was set.' })
  @ApiInstanceIdParam()
  @ApiParam(DATABASE_NAME)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrorResponses(400, 401, 403, 404, 503)
  removeDatabaseLimit(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Param('name', DatabaseNamePipe) name: string): Promise<void> {
    return this.capacity.removeDatabaseLimit(user, id, name);
  }

  @Get(':id/limit-changes')
  @ApiOperation({
    summary: 'The audit record of the configured limits of an instance and its databases',
    description: `Who changed which limit when, from what to what; newest first. ${VIEWER_SCOPE}`,
  })
  @ApiInstanceIdParam()
  @ApiPaginatedOkResponse(LimitChangeResponse)
  @ApiErrorResponses(400, 401, 404, 503)
  limitChanges(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Query() query: PageQueryDto): Promise<Paginated<LimitChangeResponse>> {
    return this.capacity.limitChanges(user, id, query);
  }
}

@ApiTags('capacity')
@ApiBearerAuth()
@Controller({ path: 'fleet', version: '1' })
export class FleetCapacityController {
  constructor(private readonly capacity: CapacityService) {}

  @Get('capacity')
  @ApiOperation({
    summary: 'Which fills first: size, limit and days until full across the fleet',
    description: `One row per database (level=database, default) or per instance (level=instance), sorted in the database (default days_to_full: the first to fill first). ${FORECAST} ${VIEWER_SCOPE}`,
  })
  @ApiOkJsonOrCsvResponse({ paginated: CapacityItemResponse }, 'A page of the fleet')
  @ApiErrorResponses(400, 401, 503)
  async fleet(@CurrentUser() user: AuthUser, @Query() query: FleetCapacityQueryDto, @Req() request: Request): Promise<Paginated<CapacityItemResponse> | StreamableFile> {
    if (wantsCsv(request, query.format)) return csvFile('fleet-capacity.csv', CAPACITY_CSV_COLUMNS, this.capacity.exportFleet(user, query));
    return this.capacity.fleet(user, query);
  }
}
