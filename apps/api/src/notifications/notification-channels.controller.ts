import {
  CreateNotificationChannelDto,
  INT4_MAX,
  NotificationChannelResponse,
  NotificationDeliveriesQueryDto,
  NotificationDeliveryResponse,
  NotificationTestResponse,
  PageQueryDto,
  UpdateNotificationChannelDto,
  type Paginated,
} from '@capacity/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ApiErrorResponses, ApiPaginatedOkResponse } from '../common/api-responses';
import { ApiOkJsonOrCsvResponse } from '../common/csv/api-csv';
import { type CsvColumn, fieldColumns } from '../common/csv/csv-column';
import { csvFile } from '../common/csv/csv-file';
import { wantsCsv } from '../common/csv/wants-csv';
import { ParseIdPipe } from '../common/parse-id.pipe';
import type { Request } from 'express';
import { NotificationChannelsService } from './notification-channels.service';

/** The deliveries export: the fields of the JSON list, event ids joined by `; `. */
const DELIVERY_CSV_COLUMNS: CsvColumn<NotificationDeliveryResponse>[] = [
  ...fieldColumns<NotificationDeliveryResponse>(['id', 'channel_id', 'purpose']),
  { header: 'event_ids', value: (row) => row.event_ids.map(String) },
  ...fieldColumns<NotificationDeliveryResponse>(['attempt', 'ok', 'status_code', 'error', 'duration_ms', 'attempted_at']),
];

const ApiChannelIdParam = (): MethodDecorator & ClassDecorator =>
  ApiParam({ name: 'id', description: 'The notification channel id', schema: { type: 'integer', minimum: 1, maximum: INT4_MAX } });

@ApiTags('notifications')
@ApiBearerAuth()
@Roles('admin')
@Controller({ path: 'notification-channels', version: '1' })
export class NotificationChannelsController {
  constructor(private readonly channels: NotificationChannelsService) {}

  @Get()
  @ApiOperation({ summary: 'List the notification channels (admin)', description: 'In id order; never a secret (has_secret says whether one is stored).' })
  @ApiPaginatedOkResponse(NotificationChannelResponse, 'A page of channels')
  @ApiErrorResponses(400, 401, 403, 503)
  list(@Query() query: PageQueryDto): Promise<Paginated<NotificationChannelResponse>> {
    return this.channels.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one notification channel (admin)' })
  @ApiChannelIdParam()
  @ApiOkResponse({ type: NotificationChannelResponse })
  @ApiErrorResponses(400, 401, 403, 404, 503)
  get(@Param('id', ParseIdPipe) id: number): Promise<NotificationChannelResponse> {
    return this.channels.get(id);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a notification channel (admin)',
    description:
      'kind email takes `email` (SMTP host, port, tls_mode, user, password, from, to); the other kinds take `url` and, for webhook, ' +
      'dingtalk and feishu, an optional signing `secret`. The URL and the secrets are stored encrypted and never returned. ' +
      'mode immediate sends on firing, repeat and resolve; digest queues the notices for the daily digest (ALERT_DIGEST_CRON). 409 when the name is taken.',
  })
  @ApiCreatedResponse({ type: NotificationChannelResponse })
  @ApiErrorResponses(400, 401, 403, 409, 413, 503)
  create(@Body() dto: CreateNotificationChannelDto): Promise<NotificationChannelResponse> {
    return this.channels.create(dto);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a notification channel (admin)',
    description: 'Only the fields given change; the kind cannot. A secret left out is kept, null or "" removes it. 409 when the new name is taken.',
  })
  @ApiChannelIdParam()
  @ApiOkResponse({ type: NotificationChannelResponse })
  @ApiErrorResponses(400, 401, 403, 404, 409, 413, 503)
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateNotificationChannelDto): Promise<NotificationChannelResponse> {
    return this.channels.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a notification channel (admin)', description: 'With its delivery records and queued digest notices.' })
  @ApiChannelIdParam()
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrorResponses(400, 401, 403, 404, 503)
  remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.channels.remove(id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a test message (admin)',
    description: 'Sends now (a disabled channel too), with the retries of a real send; answers how it went. Each attempt is recorded as a delivery.',
  })
  @ApiChannelIdParam()
  @ApiOkResponse({ type: NotificationTestResponse })
  @ApiErrorResponses(400, 401, 403, 404, 503)
  test(@Param('id', ParseIdPipe) id: number): Promise<NotificationTestResponse> {
    return this.channels.test(id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The delivery attempts of a channel (admin)', description: 'Newest first: one row per attempt (alert, digest or test).' })
  @ApiChannelIdParam()
  @ApiOkJsonOrCsvResponse({ paginated: NotificationDeliveryResponse }, 'A page of delivery attempts')
  @ApiErrorResponses(400, 401, 403, 404, 503)
  async deliveries(
    @Param('id', ParseIdPipe) id: number,
    @Query() query: NotificationDeliveriesQueryDto,
    @Req() request: Request,
  ): Promise<Paginated<NotificationDeliveryResponse> | StreamableFile> {
    if (wantsCsv(request, query.format)) return csvFile(`notification-channel-${id}-deliveries.csv`, DELIVERY_CSV_COLUMNS, await this.channels.exportDeliveries(id));
    return this.channels.deliveries(id, query);
  }
}
