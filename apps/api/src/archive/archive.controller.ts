import { ArchiveRestoreResponse, ArchiveStatusResponse, PartitionCleanupResult, RestoreArchiveDto, RunArchiveDto } from '@capacity/contracts';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../auth/roles.decorator';
import { ApiErrorResponses } from '../common/api-responses';
import { ArchiveRestoreService } from './archive-restore.service';
import { ArchiveService } from './archive.service';

@ApiTags('archive')
@ApiBearerAuth()
@Roles('admin')
@Controller({ path: 'archive', version: '1' })
export class ArchiveController {
  constructor(
    private readonly archive: ArchiveService,
    private readonly restorer: ArchiveRestoreService,
  ) {}

  @Get('status')
  @ApiOperation({
    summary: 'The cold tier per table and month (admin)',
    description: 'Per table-month of the archive: state, rows, Parquet bytes, PostgreSQL bytes before, compression ratio; per table the months now served from Parquet.',
  })
  @ApiOkResponse({ type: ArchiveStatusResponse })
  @ApiErrorResponses(401, 403, 503)
  getStatus(): Promise<ArchiveStatusResponse> {
    return this.archive.status();
  }

  @Post('run')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Archive, then drop, every partition past RETENTION_MONTHS (admin)',
    description:
      'Exports each partition past retention to Parquet, verifies it, then drops it; recorded as an `archive` session. `dry_run` lists ' +
      'the partitions and touches nothing. 409 while a cleanup or archive run is in progress, or when ARCHIVE_ENABLED=false.',
  })
  @ApiOkResponse({ type: PartitionCleanupResult, description: 'Archived, dropped and skipped partitions, and the session id' })
  @ApiErrorResponses(400, 401, 403, 409, 413, 503)
  run(@Body() dto: RunArchiveDto, @CurrentUser() user: AuthUser): Promise<PartitionCleanupResult> {
    return this.archive.run(dto.dry_run ?? false, user);
  }

  @Post('restore')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Load an archived month back into PostgreSQL (admin)',
    description:
      'Re-creates the month partition and loads its rows from the Parquet files, which are kept. 404 when that table-month is not ' +
      'archived; 409 while a cleanup or archive run is in progress or when the partition already holds rows; 503 when a Parquet file ' +
      'of the month is missing or unreadable.',
  })
  @ApiOkResponse({ type: ArchiveRestoreResponse, description: 'The rows loaded and verified' })
  @ApiErrorResponses(400, 401, 403, 404, 409, 413, 503)
  restore(@Body() dto: RestoreArchiveDto): Promise<ArchiveRestoreResponse> {
    return this.restorer.restore(dto.table, dto.month);
  }
}
