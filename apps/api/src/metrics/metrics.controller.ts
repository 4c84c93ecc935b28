import { Controller, Get, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/roles.decorator';
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
    summary: 'Prometheus text format: latest sizes per instance and database, collection durations and failures',
    description: 'Needs "Authorization: Bearer <METRICS_TOKEN>" or an admin token, unless METRICS_PUBLIC=true.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus exposition format 0.0.4' })
  @ApiUnauthorizedResponse({ description: 'Neither METRICS_TOKEN nor a valid token was presented' })
  @ApiForbiddenResponse({ description: 'A viewer token' })
  async scrape(@Res() response: Response): Promise<void> {
    const body = await this.metrics.render();
    response.status(200).type(this.metrics.contentType).send(body);
  }
}
