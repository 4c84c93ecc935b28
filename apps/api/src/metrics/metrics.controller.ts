import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/roles.decorator';
import { ApiErrorResponses } from '../common/api-responses';
import { MetricsService } from './metrics.service';

/** The admin path of GET /metrics; a scraper with METRICS_TOKEN (or METRICS_PUBLIC=true) is served by MetricsAccessMiddleware. */
@ApiTags('metrics')
@ApiBearerAuth()
@Controller({ path: 'metrics', version: '1' })
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Prometheus text exposition format 0.0.4: the latest sizes per instance and database, collection durations and failures. ' +
      'The bearer token is METRICS_TOKEN (for a scraper) or an admin token; with METRICS_PUBLIC=true the endpoint needs no token at all.',
  })
  @ApiOkResponse({
    description: 'The metrics, `text/plain; version=0.0.4; charset=utf-8`',
    content: { 'text/plain': { schema: { type: 'string', example: '# TYPE capacity_instance_size_bytes gauge\ncapacity_instance_size_bytes{instance_name="prod-1",db_type="postgresql"} 1073741824\n' } } },
  })
  @ApiErrorResponses(401, 403, 503)
  async scrape(@Res() response: Response): Promise<void> {
    const body = await this.metrics.render();
    response.status(200).type(this.metrics.contentType).send(body);
  }
}
