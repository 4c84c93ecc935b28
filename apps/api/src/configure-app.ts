import type { CapacityRole } from '@capacity/contracts';
import { type INestApplication, VersioningType } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import express from 'express';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { createValidationPipe } from './common/validation';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { securityHeaders } from './security-headers';

export const WEB_DIST_DIR = resolve(__dirname, '../web');

/** Vite puts every hashed file under assets/: its name changes with its content, so it may be cached for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and the other unhashed files: revalidate each time (ETag), so a new build is picked up at once. */
const REVALIDATE = 'no-cache';

/** The route layout the OpenAPI document describes: `/api` prefix, URI versioning with v1 by default. */
export function configureRoutes(app: INestApplication): void {
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
}

/** What a collector-only process (CAPACITY_ROLE=collector) answers: its health, for the orchestrator. */
const COLLECTOR_PATHS = /^\/api\/v1\/health\/?$/;

/**
 * Everything the running app and the test app share: headers, prefix, versioning, validation, errors, docs, SPA.
 * A collector-only process serves its health endpoint and nothing else (no public API, no docs, no SPA).
 */
export function configureApp(app: INestApplication, webDir = WEB_DIST_DIR, role: CapacityRole = 'all'): void {
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.disable('x-powered-by');
  // Registered before any route, so that errors and 404s carry the headers too.
  app.use(securityHeaders());
  app.use(compression());
  if (role === 'collector') {
    app.use((request: express.Request, response: express.Response, next: express.NextFunction) => {
      if (COLLECTOR_PATHS.test(request.path)) return next();
      response.status(404).json({ statusCode: 404, error: 'Not Found', message: 'a collector process serves only GET /api/v1/health', fields: [] });
    });
  }

  configureRoutes(app);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  if (role === 'collector') return;

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  if (existsSync(join(webDir, 'index.html'))) {
    const assetsDir = join(webDir, 'assets') + sep;
    server.use(
      express.static(webDir, {
        index: false,
        setHeaders: (response, path) => response.setHeader('Cache-Control', path.startsWith(assetsDir) ? IMMUTABLE : REVALIDATE),
      }),
    );
    server.get(/^\/(?!api\/).*/, (request, response) => {
      // A missing hashed file is a 404, not the SPA's page (a browser would cache that under the asset's name).
      if (request.path.startsWith('/assets/')) {
        response.status(404).json({ statusCode: 404, error: 'Not Found', message: `${request.path} not found`, fields: [] });
        return;
      }
      response.setHeader('Cache-Control', REVALIDATE);
      response.sendFile(join(webDir, 'index.html'));
    });
  }
}
