import {
  type ArchiveRestoreResponse,
  type ArchiveStatusResponse,
  type PartitionCleanupResult,
  RestoreArchiveDto,
  RunArchiveDto,
} from '@capacity/contracts';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../auth/roles.decorator';
import { ArchiveRestoreService } from './archive-restore.service';
import { ArchiveService } from './archive.service';

@ApiTags('archive')
@ApiBearerAuth()
@Roles('admin')
@ApiForbiddenResponse({ description: 'Admins only' })
@Controller({ path: 'archive', version: '1' })
export class ArchiveController {
  constructor(
    private readonly archive: ArchiveService,
    private readonly restorer: ArchiveRestoreService,
  ) {}

  @Get('status')
  @ApiOperation({ summary: 'Cold tier per table and month: rows, Parquet bytes, PostgreSQL bytes before, compression ratio, state' })
  @ApiOkResponse({ description: 'ArchiveStatusResponse' })
  getStatus(): Promise<ArchiveStatusResponse> {
    return this.archive.status();
  }

  @Post('run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archive (export, verify) then drop every partition past RETENTION_MONTHS; an `archive` session' })
  @ApiOkResponse({ description: 'PartitionCleanupResult with the session id: archived, dropped, skipped partitions' })
  @ApiBadRequestResponse({ description: 'dry_run is not a boolean' })
  @ApiConflictResponse({ description: 'a cleanup or archive run is already in progress, or ARCHIVE_ENABLED=false' })
  run(@Body() dto: RunArchiveDto, @CurrentUser() user: AuthUser): Promise<PartitionCleanupResult> {
    return this.archive.run(dto.dry_run ?? false, user);
  }

  @Post('restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-create an archived month partition and load its rows back from Parquet (files kept)' })
  @ApiOkResponse({ description: 'ArchiveRestoreResponse: rows loaded and verified' })
  @ApiBadRequestResponse({ description: 'table is not a statistics table, or month is not YYYY-MM' })
  @ApiNotFoundResponse({ description: 'the month of that table is not archived' })
  @ApiConflictResponse({ description: 'a cleanup or archive run is in progress, or the partition already holds rows' })
  @ApiServiceUnavailableResponse({ description: 'a Parquet file of the month is missing or unreadable' })
  restore(@Body() dto: RestoreArchiveDto): Promise<ArchiveRestoreResponse> {
    return this.restorer.restore(dto.table, dto.month);
  }
}
