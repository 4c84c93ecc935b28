import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppModule } from '../app.module';
import { configureRoutes } from '../configure-app';
import { buildOpenApiDocument } from './openapi-document';

/** The committed document's place, beside the README. */
export const OPENAPI_FILE = resolve(__dirname, '../../../../openapi.json');

/** The document as written to openapi.json: stable key order as built, two-space indent, final newline. */
export function serializeOpenApi(document: object): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Builds the document without a repository: preview mode resolves the module graph but instantiates no provider. */
async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule.forRoot({ databaseUrl: 'postgres://preview.invalid/none' }), { preview: true, logger: false });
  configureRoutes(app);
  const target = process.argv[2] ? resolve(process.argv[2]) : OPENAPI_FILE;
  writeFileSync(target, serializeOpenApi(buildOpenApiDocument(app)));
  await app.close();
  process.stdout.write(`OpenAPI document written to ${target}\n`);
}

if (require.main === module) void main();
