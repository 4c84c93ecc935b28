import {
  CleanupPartitionsDto,
  CreatePartitionsDto,
  ListPartitionsQueryDto,
  type PartitionCleanupResult,
  type PartitionCreateResult,
  type PartitionListResponse,
  type PartitionStatusResponse,
} from '@capacity/contracts';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../auth/roles.decorator';
import { PartitionJobsService } from './partition-jobs.service';
import { PartitionStatusService } from './partition-status.service';

@ApiTags('partitions')
@ApiBearerAuth()
@Roles('admin')
@ApiForbiddenResponse({ description: 'Admins only' })
@Controller({ path: 'partitions', version: '1' })
export class PartitionController {
  constructor(
    private readonly status: PartitionStatusService,
    private readonly jobs: PartitionJobsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Partitions of the statistics tables: range, rows (exact or flagged estimate), total bytes' })
  @ApiOkResponse({ description: '{ data: PartitionInfo[] }, month partitions in range order then the default partition' })
  @ApiBadRequestResponse({ description: 'table is not one of the four statistics tables' })
  async list(@Query() query: ListPartitionsQueryDto): Promise<PartitionListResponse> {
    return { data: await this.status.list(query.table) };
  }

  @Get('status')
  @ApiOperation({ summary: 'Per table: partitions, counts, bytes, rows in default and health findings' })
  @ApiOkResponse({ description: 'PartitionStatusResponse' })
  getStatus(): Promise<PartitionStatusResponse> {
    return this.status.status();
  }

  @Post('create')
  @ApiOperation({ summary: 'Create the partition of a month, or the current month and n future months (one table or all)' })
  @ApiCreatedResponse({ description: 'PartitionCreateResult: created, existing, rows moved out of the default partition, session id' })
  @ApiBadRequestResponse({ description: 'bad month, future_months out of 0..120, both or neither given, unknown table' })
  @ApiConflictResponse({ description: 'a partition run is already in progress' })
  create(@Body() dto: CreatePartitionsDto, @CurrentUser() user: AuthUser): Promise<PartitionCreateResult> {
    return this.jobs.createManual(dto, user);
  }

  @Post('cleanup')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply retention: archive then drop partitions past it (dry_run lists what would go)' })
  @ApiOkResponse({ description: 'PartitionCleanupResult: would_drop, dropped, archived, skipped with reasons, session id' })
  @ApiBadRequestResponse({ description: 'retention_months out of 1..1200, non-boolean flags' })
  @ApiConflictResponse({ description: 'a cleanup run is already in progress' })
  cleanup(@Body() dto: CleanupPartitionsDto, @CurrentUser() user: AuthUser): Promise<PartitionCleanupResult> {
    return this.jobs.cleanupManual(dto, user);
  }
}
