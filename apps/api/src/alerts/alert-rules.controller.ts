import { AlertRuleResponse, CreateAlertRuleDto, UpdateAlertRuleDto } from '@capacity/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ApiErrorResponses } from '../common/api-responses';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { AlertRulesService } from './alert-rules.service';

const ApiRuleIdParam = () => ApiParam({ name: 'id', description: 'The alert rule id', schema: { type: 'integer', minimum: 1 } });

/**
 * Alert rules, admin only — reads too: a rule's scope may name instances and databases a viewer does not own. A viewer
 * sees the alerts of its own instances (GET /alerts), each naming its rule.
 */
@ApiTags('alerts')
@ApiBearerAuth()
@Roles('admin')
@Controller({ path: 'alert-rules', version: '1' })
export class AlertRulesController {
  constructor(private readonly rules: AlertRulesService) {}

  @Get()
  @ApiOperation({ summary: 'List the alert rules (admin)', description: 'Every rule with its parameters, scope, channels and the count of its events firing now.' })
  @ApiOkResponse({ type: [AlertRuleResponse] })
  @ApiErrorResponses(401, 403, 503)
  list(): Promise<AlertRuleResponse[]> {
    return this.rules.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one alert rule (admin)' })
  @ApiRuleIdParam()
  @ApiOkResponse({ type: AlertRuleResponse })
  @ApiErrorResponses(400, 401, 403, 404, 503)
  get(@Param('id', ParseIdPipe) id: number): Promise<AlertRuleResponse> {
    return this.rules.get(id);
  }

  @Post()
  @ApiOperation({
    summary: 'Create an alert rule (admin)',
    description:
      'The parameters of its type are required and the others refused (400 naming them, e.g. params.percent); an enabled rule needs at least one channel (400 naming channel_ids). 409 when the name is taken.',
  })
  @ApiCreatedResponse({ type: AlertRuleResponse })
  @ApiErrorResponses(400, 401, 403, 409, 413, 503)
  create(@Body() dto: CreateAlertRuleDto): Promise<AlertRuleResponse> {
    return this.rules.create(dto);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change an alert rule (admin)',
    description:
      'Only the fields given change; params and scope are replaced whole and checked against the (new) type. Disabling a rule resolves its firing events without a notice.',
  })
  @ApiRuleIdParam()
  @ApiOkResponse({ type: AlertRuleResponse })
  @ApiErrorResponses(400, 401, 403, 404, 409, 413, 503)
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateAlertRuleDto): Promise<AlertRuleResponse> {
    return this.rules.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an alert rule (admin)', description: 'Removes the rule with its events and their history.' })
  @ApiRuleIdParam()
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrorResponses(400, 401, 403, 404, 503)
  remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.rules.remove(id);
  }
}
