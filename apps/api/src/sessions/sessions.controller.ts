import type { Paginated, SessionDetailResponse, SessionResponse } from '@capacity/contracts';
import { ListSessionsQueryDto } from '@capacity/contracts';
import { BadRequestException, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SessionsService } from './sessions.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('sessions')
@ApiBearerAuth()
@Controller({ path: 'sessions', version: '1' })
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @ApiOperation({ summary: 'Runs of every category, newest first' })
  @ApiOkResponse({ description: '{ data: SessionResponse[], pagination }' })
  list(@Query() query: ListSessionsQueryDto): Promise<Paginated<SessionResponse>> {
    return this.sessions.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One run with its per-instance records' })
  get(@Param('id') id: string): Promise<SessionDetailResponse> {
    if (!UUID.test(id)) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['id must be a UUID'], fields: ['id'] });
    return this.sessions.get(id);
  }
}
