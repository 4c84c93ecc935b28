import {
  CleanupPartitionsDto,
  CreatePartitionsDto,
  ListPartitionsQueryDto,
  PartitionCleanupResult,
  PartitionCreateResult,
  PartitionListResponse,
  PartitionStatusResponse,
} from '@capacity/contracts';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../auth/roles.decorator';
import { ApiErrorResponses } from '../common/api-responses';
import { PartitionJobsService } from './partition-jobs.service';
import { PartitionStatusService } from './partition-status.service';

@ApiTags('partitions')
@ApiBearerAuth()
@Roles('admin')
@Controller({ path: 'partitions', version: '1' })
export class PartitionController {
  constructor(
    private readonly status: PartitionStatusService,
    private readonly jobs: PartitionJobsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Partitions of the statistics tables (admin)',
    description:
      'Per partition: range, rows (exact, or the planner estimate flagged as such for very large partitions) and total bytes; ' +
      'month partitions in range order, then the default partition. `table` narrows to one statistics table.',
  })
  @ApiOkResponse({ type: PartitionListResponse })
  @ApiErrorResponses(400, 401, 403, 503)
  async list(@Query() query: ListPartitionsQueryDto): Promise<PartitionListResponse> {
    return { data: await this.status.list(query.table) };
  }

  @Get('status')
  @ApiOperation({
    summary: 'Partition health per table (admin)',
    description:
      'Per table: its partitions, counts, bytes, the rows sitting in the default partition, and the findings (a missing current or ' +
      'future month, rows in default, a gap) judged against the current month, PARTITION_PREMAKE_MONTHS and RETENTION_MONTHS.',
  })
  @ApiOkResponse({ type: PartitionStatusResponse })
  @ApiErrorResponses(401, 403, 503)
  getStatus(): Promise<PartitionStatusResponse> {
    return this.status.status();
  }

  @Post('create')
  @ApiOperation({
    summary: 'Create month partitions (admin)',
    description:
      'The partition of `month`, or the current month and `future_months` after it, for one `table` or every statistics table; rows of those ' +
      'months found in the default partition are moved into them. Recorded as a `partition` session. 409 while a partition run is in progress.',
  })
  @ApiCreatedResponse({ type: PartitionCreateResult, description: 'Created, already existing, rows moved, failures, and the session id' })
  @ApiErrorResponses(400, 401, 403, 409, 413, 503)
  create(@Body() dto: CreatePartitionsDto, @CurrentUser() user: AuthUser): Promise<PartitionCreateResult> {
    return this.jobs.createManual(dto, user);
  }

  @Post('cleanup')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Apply retention: archive, then drop partitions past it (admin)',
    description:
      'Every month partition before `keep_from` (now minus `retention_months`, default RETENTION_MONTHS) is archived to the cold tier ' +
      'and dropped; with ARCHIVE_ENABLED=false nothing is dropped unless `drop_without_archive` is true. `dry_run` lists what would go. ' +
      'Recorded as a `partition` session. 409 while a cleanup or archive run is in progress.',
  })
  @ApiOkResponse({ type: PartitionCleanupResult, description: 'Would drop, dropped, archived, skipped with reasons, and the session id' })
  @ApiErrorResponses(400, 401, 403, 409, 413, 503)
  cleanup(@Body() dto: CleanupPartitionsDto, @CurrentUser() user: AuthUser): Promise<PartitionCleanupResult> {
    return this.jobs.cleanupManual(dto, user);
  }
}
