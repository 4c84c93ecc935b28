import { RunAcceptedResponse, RunCollectionDto } from '@capacity/contracts';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../auth/roles.decorator';
import { ApiErrorResponses } from '../common/api-responses';
import { CollectionService } from './collection.service';

@ApiTags('collections')
@ApiBearerAuth()
@Controller({ path: 'collections', version: '1' })
export class CollectionController {
  constructor(private readonly collection: CollectionService) {}

  @Post('run')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({
    summary: 'Run a collection now (admin)',
    description:
      'Collects every active instance, or only `instance_id` (active or not); the run goes on in the background: follow it at GET /sessions/{session_id}. 409 while a collection run is in progress, 404 for an unknown instance_id.',
  })
  @ApiBody({ type: RunCollectionDto, required: false })
  @ApiAcceptedResponse({ type: RunAcceptedResponse })
  @ApiErrorResponses(400, 401, 403, 404, 409, 413, 503)
  run(@Body() body: RunCollectionDto, @CurrentUser() user: AuthUser): Promise<RunAcceptedResponse> {
    return this.collection.startManualRun(user, body.instance_id);
  }
}
