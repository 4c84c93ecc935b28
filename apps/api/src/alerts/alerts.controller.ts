import { AlertDetailResponse, AlertResponse, AlertSummaryResponse, ListAlertsQueryDto, RunAcceptedResponse, type Paginated } from '@capacity/contracts';
import { Controller, Get, HttpCode, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import type { Request } from 'express';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '../auth/roles.decorator';
import { ApiErrorResponses } from '../common/api-responses';
import { ApiOkJsonOrCsvResponse } from '../common/csv/api-csv';
import { csvFile } from '../common/csv/csv-file';
import { wantsCsv } from '../common/csv/wants-csv';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ALERT_CSV_COLUMNS } from './alert-csv';
import { AlertEvaluationService } from './alert-evaluation.service';
import { AlertsService } from './alerts.service';

const ApiAlertIdParam = () => ApiParam({ name: 'id', description: 'The alert (event) id', schema: { type: 'integer', minimum: 1 } });

@ApiTags('alerts')
@ApiBearerAuth()
@Controller({ path: 'alerts', version: '1' })
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly evaluation: AlertEvaluationService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Alert events, firing first, then the newest',
    description: 'One event per condition (rule + instance + database) from firing to resolved. A viewer sees only the events of the instances it owns.',
  })
  @ApiOkJsonOrCsvResponse({ paginated: AlertResponse }, 'A page of alert events')
  @ApiErrorResponses(400, 401, 503)
  async list(@CurrentUser() user: AuthUser, @Query() query: ListAlertsQueryDto, @Req() request: Request): Promise<Paginated<AlertResponse> | StreamableFile> {
    if (wantsCsv(request, query.format)) return csvFile('alerts.csv', ALERT_CSV_COLUMNS, this.alerts.export(user, query));
    return this.alerts.list(user, query);
  }

  @Get('summary')
  @ApiOperation({ summary: 'Firing alerts by severity (the header count)', description: 'A viewer counts only the events of the instances it owns.' })
  @ApiOkResponse({ type: AlertSummaryResponse })
  @ApiErrorResponses(401, 503)
  summary(@CurrentUser() user: AuthUser): Promise<AlertSummaryResponse> {
    return this.alerts.summary(user);
  }

  @Post('evaluate')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({
    summary: 'Evaluate the alert rules now (admin)',
    description:
      'Runs after every collection and aggregation anyway; this one goes on in the background: follow it at GET /sessions/{session_id} (category alert, one record per enabled rule). 409 while an evaluation is in progress.',
  })
  @ApiAcceptedResponse({ type: RunAcceptedResponse })
  @ApiErrorResponses(401, 403, 409, 503)
  evaluate(@CurrentUser() user: AuthUser): Promise<RunAcceptedResponse> {
    return this.evaluation.run(user.id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One alert event with its history', description: 'An event of an instance the viewer does not own is a 404.' })
  @ApiAlertIdParam()
  @ApiOkResponse({ type: AlertDetailResponse })
  @ApiErrorResponses(400, 401, 404, 503)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<AlertDetailResponse> {
    return this.alerts.get(user, id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Acknowledge a firing alert (admin)',
    description: 'No repeat notices until it resolves; the resolve notice still goes. Acknowledging twice keeps the first. 409 when the event is resolved.',
  })
  @ApiAlertIdParam()
  @ApiOkResponse({ type: AlertDetailResponse })
  @ApiErrorResponses(400, 401, 403, 404, 409, 503)
  acknowledge(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<AlertDetailResponse> {
    return this.alerts.acknowledge(user, id);
  }
}
