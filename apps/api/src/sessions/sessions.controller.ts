import type { Paginated, SessionDetailResponse, SessionResponse } from '@capacity/contracts';
import { ListSessionsQueryDto } from '@capacity/contracts';
import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '../auth/roles.decorator';
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
  @ApiOkResponse({ description: '{ data: SessionResponse[], pagination }' })
  list(@Query() query: ListSessionsQueryDto, @CurrentUser() user: AuthUser): Promise<Paginated<SessionResponse>> {
    return this.sessions.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One run with its per-instance records (a viewer: only the records of its instances)' })
  @ApiNotFoundResponse({ description: 'Unknown id, or a run the viewer may not read' })
  get(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<SessionDetailResponse> {
    if (!UUID.test(id)) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['id must be a UUID'], fields: ['id'] });
    return this.sessions.get(user, id);
  }
}
