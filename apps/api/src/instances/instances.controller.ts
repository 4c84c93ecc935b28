import { CreateInstanceDto, InstanceResponse, ListInstancesQueryDto, UpdateInstanceDto, type Paginated } from '@capacity/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../auth/roles.decorator';
import type { Request } from 'express';
import { ApiErrorResponses } from '../common/api-responses';
import { ApiOkJsonOrCsvResponse } from '../common/csv/api-csv';
import { csvFile } from '../common/csv/csv-file';
import { wantsCsv } from '../common/csv/wants-csv';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiInstanceIdParam } from './api-instance-id-param';
import { INSTANCE_CSV_COLUMNS } from './instance-csv';
import { InstancesService } from './instances.service';

@ApiTags('instances')
@ApiBearerAuth()
@Controller({ path: 'instances', version: '1' })
export class InstancesController {
  constructor(private readonly instances: InstancesService) {}

  @Get()
  @ApiOperation({
    summary: 'List the monitored instances',
    description:
      'Each with its latest total size, its growth over 7 and 30 days and its last collection; filtered, sorted and paginated in the database. A viewer sees only the instances it owns. Never the password.',
  })
  @ApiOkJsonOrCsvResponse({ paginated: InstanceResponse }, 'A page of instances')
  @ApiErrorResponses(400, 401, 503)
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: ListInstancesQueryDto,
    @Req() request: Request,
  ): Promise<Paginated<InstanceResponse> | StreamableFile> {
    if (wantsCsv(request, query.format)) return csvFile('instances.csv', INSTANCE_CSV_COLUMNS, this.instances.export(user, query));
    return this.instances.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one instance', description: 'An instance the viewer does not own is a 404, as if it did not exist.' })
  @ApiInstanceIdParam()
  @ApiOkResponse({ type: InstanceResponse })
  @ApiErrorResponses(400, 401, 404, 503)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<InstanceResponse> {
    return this.instances.get(user, id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Register an instance (admin)',
    description: 'The port defaults to the engine\'s port; the password is stored encrypted and never returned. 409 when the name is taken.',
  })
  @ApiCreatedResponse({ type: InstanceResponse })
  @ApiErrorResponses(400, 401, 403, 409, 413, 503)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateInstanceDto): Promise<InstanceResponse> {
    return this.instances.create(dto, user);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({
    summary: 'Change an instance (admin)',
    description: 'Only the fields given change; password null or "" removes the stored one. 409 when the new name is taken.',
  })
  @ApiInstanceIdParam()
  @ApiOkResponse({ type: InstanceResponse })
  @ApiErrorResponses(400, 401, 403, 404, 409, 413, 503)
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateInstanceDto): Promise<InstanceResponse> {
    return this.instances.update(id, dto, user);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an instance (admin)', description: 'Removes the instance with its statistics and aggregations.' })
  @ApiInstanceIdParam()
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrorResponses(400, 401, 403, 404, 503)
  remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.instances.remove(id);
  }
}
