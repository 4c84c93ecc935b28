import { Controller, Get, Headers, Inject, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { bearerMatches } from './metrics-token';
import { MetricsService } from './metrics.service';

@ApiTags('metrics')
@Controller({ path: 'metrics', version: '1' })
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Prometheus text format: latest sizes per instance and database, collection durations and failures' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus exposition format 0.0.4' })
  @ApiUnauthorizedResponse({ description: 'METRICS_TOKEN is set and the request lacks "Authorization: Bearer <METRICS_TOKEN>"' })
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() response: Response): Promise<void> {
    const token = this.config.metricsToken;
    if (token && !bearerMatches(authorization, token)) {
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: 'metrics need Authorization: Bearer <METRICS_TOKEN>' });
    }
    const body = await this.metrics.render();
    response.status(200).type(this.metrics.contentType).send(body);
  }
}
