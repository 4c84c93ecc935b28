import type { LatestDatabaseSizesResponse } from '@capacity/contracts';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/roles.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { InstanceAccessService } from '../instances/instance-access.service';
import { StatsService } from '../stats/stats.service';
import { toInstanceSizePoint, toInstanceStatRow } from './instance-rows';

@ApiTags('database-sizes')
@ApiBearerAuth()
@Controller({ path: 'instances', version: '1' })
export class StatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly access: InstanceAccessService,
  ) {}

  @Get(':id/database-sizes/latest')
  @ApiOperation({ summary: 'One row per database from the latest collection of the instance' })
  @ApiOkResponse({ description: '{ data: LatestDatabaseSizeResponse[] ordered by size, largest first, instance: InstanceSizeStatPoint | null }' })
  @ApiNotFoundResponse({ description: 'Unknown instance, or one the user may not read' })
  async latest(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<LatestDatabaseSizesResponse> {
    await this.access.assertReadable(user, id);
    const [databases, instance] = await Promise.all([this.stats.latestDatabaseSizes(id), this.stats.latestInstanceRow(id)]);
    return { data: databases, instance: instance ? toInstanceSizePoint(toInstanceStatRow(instance)) : null };
  }
}
