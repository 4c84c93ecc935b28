import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const HEALTH_CHECK_STATUSES = ['ok', 'error', 'degraded', 'shutting_down'] as const;
export const HEALTH_INDICATOR_STATUSES = ['up', 'degraded', 'down'] as const;

/** One indicator's answer, e.g. `{ status: 'down', message: 'timeout of 3000ms exceeded' }`. */
export interface HealthIndicatorState {
  status: (typeof HEALTH_INDICATOR_STATUSES)[number];
  [detail: string]: unknown;
}

/** Indicators by name (`repository`), each with its status and whatever detail it gives. */
const INDICATORS = {
  type: 'object' as const,
  additionalProperties: {
    type: 'object' as const,
    required: ['status'],
    properties: { status: { type: 'string' as const, enum: [...HEALTH_INDICATOR_STATUSES] } },
    additionalProperties: true,
  },
};

/** What was checked and how each check answered (the terminus result). */
export class HealthChecks {
  @ApiProperty({ enum: HEALTH_CHECK_STATUSES }) status!: (typeof HEALTH_CHECK_STATUSES)[number];
  @ApiPropertyOptional({ ...INDICATORS, description: 'The indicators that are up' }) info?: Partial<Record<string, HealthIndicatorState>>;
  @ApiPropertyOptional({ ...INDICATORS, description: 'The indicators that are down' }) error?: Partial<Record<string, HealthIndicatorState>>;
  @ApiProperty({ ...INDICATORS, description: 'Every indicator' }) details!: Record<string, HealthIndicatorState>;
}

export class HealthDetails {
  @ApiProperty({ enum: ['embedded', 'external'], description: 'The embedded PostgreSQL, or the one of DATABASE_URL' })
  repository_kind!: 'embedded' | 'external';
  @ApiProperty({ type: () => HealthChecks }) checks!: HealthChecks;
}

/** GET /health: 200 with `ok`, 503 with `error` while the repository cannot be reached. */
export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'] }) status!: 'ok' | 'error';
  @ApiPropertyOptional({ type: () => HealthDetails, description: 'Only for an admin token: what was checked and how it answered' })
  details?: HealthDetails;
}
