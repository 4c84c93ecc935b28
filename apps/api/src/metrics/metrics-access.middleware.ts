import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { bearerMatches } from './metrics-token';
import { MetricsService } from './metrics.service';

/**
 * GET /metrics for a scraper: answered here, before the auth guard, when METRICS_PUBLIC=true or the request
 * carries `Authorization: Bearer <METRICS_TOKEN>`. Any other request goes on to the controller, which the
 * global guard lets through for an admin token only (401 without a valid token, 403 for a viewer).
 */
@Injectable()
export class MetricsAccessMiddleware implements NestMiddleware {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    const token = this.config.metricsToken;
    const allowed = this.config.metricsPublic || Boolean(token && bearerMatches(request.headers.authorization, token));
    if (!allowed) {
      next();
      return;
    }
    // A failure here is thrown: Nest's middleware proxy hands it to the global exception filter.
    const body = await this.metrics.render();
    response.status(200).type(this.metrics.contentType).send(body);
  }
}
