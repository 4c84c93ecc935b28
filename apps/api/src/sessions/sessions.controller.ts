import { ListSessionsQueryDto, SessionDetailResponse, SessionResponse, type Paginated } from '@capacity/contracts';
import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/roles.decorator';
import { ApiErrorResponses, ApiPaginatedOkResponse } from '../common/api-responses';
import { SessionsQueryService } from './sessions-query.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('sessions')
@ApiBearerAuth()
@Controller({ path: 'sessions', version: '1' })
export class SessionsController {
  constructor(private readonly sessions: SessionsQueryService) {}

  @Get()
  @ApiOperation({
    summary: 'Runs, newest first',
    description:
      'An admin sees every run. A viewer sees only the capacity runs that touched an instance it owns, with totals and status ' +
      'counted over those instances and no summary; partition, archive and aggregation runs are admin only ' +
      '(category=partition, archive or aggregation answers an empty page to a viewer).',
  })
  @ApiPaginatedOkResponse(SessionResponse, 'A page of runs')
  @ApiErrorResponses(400, 401, 503)
  list(@Query() query: ListSessionsQueryDto, @CurrentUser() user: AuthUser): Promise<Paginated<SessionResponse>> {
    return this.sessions.list(user, query);
  }

  @Get(':id')
  @ApiParam({ name: 'id', description: 'The session id', schema: { type: 'string', format: 'uuid' } })
  @ApiOperation({
    summary: 'One run with its per-instance records',
    description: 'A viewer reads only the capacity runs of its instances, with only their records; any other id answers 404.',
  })
  @ApiOkResponse({ type: SessionDetailResponse })
  @ApiErrorResponses(400, 401, 404, 503)
  get(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<SessionDetailResponse> {
    if (!UUID.test(id)) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['id must be a UUID'], fields: ['id'] });
    return this.sessions.get(user, id);
  }
}
