import { CollectorListResponse } from '@capacity/contracts';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ApiErrorResponses } from '../common/api-responses';
import { CollectorsService } from './collectors.service';

@ApiTags('collectors')
@ApiBearerAuth()
@Roles('admin')
@Controller({ path: 'collectors', version: '1' })
export class CollectorsController {
  constructor(private readonly collectors: CollectorsService) {}

  @Get()
  @ApiOperation({
    summary: 'Live collector processes (admin)',
    description: 'Every process that takes collection jobs (API replicas and collector-only processes) whose heartbeat is recent: host, zones, start, last heartbeat, jobs done.',
  })
  @ApiOkResponse({ type: CollectorListResponse })
  @ApiErrorResponses(401, 403, 503)
  async list(): Promise<CollectorListResponse> {
    return { data: await this.collectors.live() };
  }
}
