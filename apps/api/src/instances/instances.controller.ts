import type { InstanceResponse, Paginated } from '@capacity/contracts';
import { CreateInstanceDto, ListInstancesQueryDto, UpdateInstanceDto } from '@capacity/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../auth/roles.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { InstancesService } from './instances.service';

const INSTANCE_SHAPE =
  'InstanceResponse: { id, name, db_type, host, port, username, database_name, is_active, tags, owner_id, description, has_password, created_at, updated_at, latest_total_size_bytes, latest_total_size_mb, database_count, last_collected_at, last_collection_status } — never the password';

@ApiTags('instances')
@ApiBearerAuth()
@Controller({ path: 'instances', version: '1' })
export class InstancesController {
  constructor(private readonly instances: InstancesService) {}

  @Get()
  @ApiOperation({ summary: 'Monitored instances with their latest total size and last collection (a viewer sees those it owns)' })
  @ApiOkResponse({ description: `{ data: ${INSTANCE_SHAPE}[], pagination }` })
  @ApiBadRequestResponse({ description: 'a bad filter value, named' })
  list(@CurrentUser() user: AuthUser, @Query() query: ListInstancesQueryDto): Promise<Paginated<InstanceResponse>> {
    return this.instances.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One instance' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: INSTANCE_SHAPE })
  @ApiNotFoundResponse({ description: 'no such instance, or not readable by this user' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<InstanceResponse> {
    return this.instances.get(user, id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Register an instance (admin); the port defaults to the engine port, the password is stored encrypted' })
  @ApiCreatedResponse({ description: INSTANCE_SHAPE })
  @ApiBadRequestResponse({ description: 'a bad field, named' })
  @ApiForbiddenResponse({ description: 'not an admin' })
  @ApiConflictResponse({ description: 'the name is taken' })
  create(@Body() dto: CreateInstanceDto): Promise<InstanceResponse> {
    return this.instances.create(dto);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change an instance (admin); password null or "" removes it' })
  @ApiParam({ name: 'id', type: Number })
  @ApiOkResponse({ description: INSTANCE_SHAPE })
  @ApiBadRequestResponse({ description: 'a bad field, named' })
  @ApiForbiddenResponse({ description: 'not an admin' })
  @ApiNotFoundResponse({ description: 'no such instance' })
  @ApiConflictResponse({ description: 'the name is taken' })
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateInstanceDto): Promise<InstanceResponse> {
    return this.instances.update(id, dto);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an instance and its statistics (admin)' })
  @ApiParam({ name: 'id', type: Number })
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiForbiddenResponse({ description: 'not an admin' })
  @ApiNotFoundResponse({ description: 'no such instance' })
  remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.instances.remove(id);
  }
}
