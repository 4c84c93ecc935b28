import { RunAggregationDto, type RunAggregationResponse } from '@capacity/contracts';
import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../auth/roles.decorator';
import { AggregationService } from './aggregation.service';

@ApiTags('aggregations')
@ApiBearerAuth()
@Controller('aggregations')
export class AggregationController {
  constructor(private readonly aggregation: AggregationService) {}

  @Post('run')
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles('admin')
  @ApiOperation({ summary: 'Recompute aggregations: a date range, or today\'s periods when the body is empty' })
  @ApiAcceptedResponse({ description: 'The run started; follow it at GET /sessions/{session_id}' })
  @ApiConflictResponse({ description: 'An aggregation run is already in progress' })
  @ApiForbiddenResponse({ description: 'Admins only' })
  run(@Body() dto: RunAggregationDto, @CurrentUser() user: AuthUser): Promise<RunAggregationResponse> {
    return this.aggregation.startManualRun(dto ?? {}, user);
  }
}
