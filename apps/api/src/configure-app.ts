import { type INestApplication, VersioningType } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { createValidationPipe } from './common/validation';

export const WEB_DIST_DIR = resolve(__dirname, '../web');

/** Everything the running app and the test app share: prefix, versioning, validation, errors, docs, SPA. */
export function configureApp(app: INestApplication, webDir = WEB_DIST_DIR): void {
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Capacity API')
      .setDescription('Database size monitoring: instances, collection, history, aggregations, partitions, archive')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  if (existsSync(join(webDir, 'index.html'))) {
    const server = app.getHttpAdapter().getInstance() as express.Express;
    server.use(express.static(webDir, { index: false, maxAge: '1h' }));
    server.get(/^\/(?!api\/).*/, (_request, response) => response.sendFile(join(webDir, 'index.html')));
  }
}
