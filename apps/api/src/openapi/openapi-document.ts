import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { tidyEnumSchemas } from './enum-schemas';
import { unwrapLoneAllOf } from './lone-all-of';

/** One tag per controller group, in the order a reader meets them; every `@ApiTags` of the API is one of these. */
export const OPENAPI_TAGS = [
  { name: 'auth', description: 'Log in for a bearer token, log out, the token\'s user, change one\'s own password' },
  { name: 'users', description: 'User accounts and their roles (admin only)' },
  { name: 'instances', description: 'The monitored database instances: list, create, change, delete, test the connection' },
  { name: 'collections', description: 'Start a collection of database sizes, for every instance or one' },
  { name: 'collectors', description: 'The live collector processes that take collection jobs, with their zones (admin only)' },
  { name: 'history', description: 'Collected sizes of an instance and its databases over time: series, latest reading, trends' },
  { name: 'aggregations', description: 'Daily, weekly, monthly and quarterly statistics per database, across the fleet, and their recalculation' },
  { name: 'sessions', description: 'Runs of the jobs (collection, aggregation, partition, archive) with their per-instance records' },
  { name: 'partitions', description: 'Monthly partitions of the statistics tables: health, creation, retention (admin only)' },
  { name: 'archive', description: 'The cold tier: partitions past retention as Parquet files, their status and restore (admin only)' },
  { name: 'capacity', description: 'Limits (configured and engine-reported) and the forecast to them: days until full, per database, instance and fleet' },
  { name: 'notifications', description: 'Notification channels (e-mail, webhook, Slack, DingTalk, WeCom, Feishu): settings, test message, delivery attempts (admin only)' },
  { name: 'alerts', description: 'Alert rules (admin), their evaluation after each collection and aggregation, and the alert events with their history (a viewer sees its own instances\' events)' },
  { name: 'metrics', description: 'Prometheus metrics for a scraper' },
  { name: 'health', description: 'Liveness and repository reachability, for load balancers and monitors' },
  { name: 'settings', description: 'Server settings a client needs: the time zone of the calendar and today on it' },
] as const;

/** The API's OpenAPI document, built from the controllers and the contract classes (served and written to openapi.json). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Capacity API')
    .setDescription(
      'Database size monitoring: instances, collection, history, aggregations, partitions, archive. ' +
        'JSON with snake_case fields; every error answers `{ statusCode, error, message, fields }`. ' +
        'Authenticate with `POST /api/v1/auth/login` and send the token as `Authorization: Bearer <token>`.',
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'The Capacity server that serves this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A token from POST /api/v1/auth/login (or METRICS_TOKEN for /metrics)' });
  for (const tag of OPENAPI_TAGS) builder.addTag(tag.name, tag.description);
  const config = builder.build();
  delete config.info.contact; // DocumentBuilder's default is an empty `{}`: no contact is better than a blank one
  return unwrapLoneAllOf(tidyEnumSchemas(SwaggerModule.createDocument(app, config)));
}
