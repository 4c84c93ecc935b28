import { RunAcceptedResponse, RunAggregationDto } from '@capacity/contracts';
import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../auth/roles.decorator';
import { ApiErrorResponses } from '../common/api-responses';
import { AggregationService } from './aggregation.service';

@ApiTags('aggregations')
@ApiBearerAuth()
@Controller('aggregations')
export class AggregationController {
  constructor(private readonly aggregation: AggregationService) {}

  @Post('run')
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles('admin')
  @ApiOperation({
    summary: 'Recompute aggregations (admin)',
    description:
      'Recomputes the periods touching [start_date, end_date] (of one period type, or all four), or today\'s periods when the body is empty; the run goes on in the background: follow it at GET /sessions/{session_id}. 409 while an aggregation run is in progress.',
  })
  @ApiBody({ type: RunAggregationDto, required: false })
  @ApiAcceptedResponse({ type: RunAcceptedResponse })
  @ApiErrorResponses(400, 401, 403, 409, 413, 503)
  run(@Body() dto: RunAggregationDto, @CurrentUser() user: AuthUser): Promise<RunAcceptedResponse> {
    return this.aggregation.startManualRun(dto ?? {}, user);
  }
}
