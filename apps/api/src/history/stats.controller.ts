import { LatestDatabaseSizesResponse } from '@capacity/contracts';
import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/roles.decorator';
import { ApiErrorResponses } from '../common/api-responses';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiInstanceIdParam } from '../instances/api-instance-id-param';
import { InstanceAccessService } from '../instances/instance-access.service';
import { StatsService } from '../stats/stats.service';
import { toInstanceSizePoint, toInstanceStatRow } from './instance-rows';

@ApiTags('history')
@ApiBearerAuth()
@Controller({ path: 'instances', version: '1' })
export class StatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly access: InstanceAccessService,
  ) {}

  @Get(':id/database-sizes/latest')
  @ApiOperation({
    summary: 'The latest reading of an instance',
    description: 'One row per database from the latest collection, largest first, and the instance reading of the same collection (null before the first).',
  })
  @ApiInstanceIdParam()
  @ApiOkResponse({ type: LatestDatabaseSizesResponse })
  @ApiErrorResponses(400, 401, 404, 503)
  async latest(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<LatestDatabaseSizesResponse> {
    await this.access.assertReadable(user, id);
    const [databases, instance] = await Promise.all([this.stats.latestDatabaseSizes(id), this.stats.latestInstanceRow(id)]);
    return { data: databases, instance: instance ? toInstanceSizePoint(toInstanceStatRow(instance)) : null };
  }
}
