import { HealthResponse } from '@capacity/contracts';
import { Controller, Get, Headers, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AdminTokenReader } from './admin-token';

@ApiTags('health')
@Controller({ path: 'health', version: '1' })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly adminToken: AdminTokenReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Liveness and repository reachability',
    description:
      'Public: `{ "status": "ok" }`, or 503 with `{ "status": "error" }` while the repository cannot be reached. ' +
      'With an admin token (`Authorization: Bearer <token>`) the answer adds `details`: the repository kind and what each check answered. ' +
      'Any other token is ignored (no 401).',
    security: [],
  })
  @ApiOkResponse({ type: HealthResponse, description: 'The API and its repository answer' })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'The repository cannot be reached' })
  async check(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    const [checks, admin] = await Promise.all([this.probe(), this.adminToken.isAdmin(authorization)]);
    const status = checks.status === 'ok' ? 'ok' : 'error';
    response.status(status === 'ok' ? 200 : 503);
    if (!admin) return { status }; // public: no address, no error text
    return { status, details: { repository_kind: this.config.databaseUrl ? 'external' : 'embedded', checks } };
  }

  private async probe(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.database.pingCheck('repository', { timeout: 3000 })]);
    } catch (error) {
      // Terminus answers a failed check by throwing its result.
      if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
      throw error;
    }
  }
}
