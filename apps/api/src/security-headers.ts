import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** The SPA's policy: everything from our own origin, no inline script or style, never framed. */
const SPA_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  // The product is served over plain HTTP by default: upgrading its requests to https would break it.
  upgradeInsecureRequests: null,
};

/** Swagger UI ships an inline <style> block and style attributes; its scripts are files, so scripts stay strict. */
const DOCS_DIRECTIVES = { ...SPA_DIRECTIVES, styleSrc: ["'self'", "'unsafe-inline'"] };

const headers = (directives: typeof SPA_DIRECTIVES): RequestHandler =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // TLS is terminated in front of the product, if at all: HSTS belongs to that proxy.
    strictTransportSecurity: false,
  });

const DOCS_PATH = /^\/api\/docs(\/|$)/;

/** helmet on every answer (API, errors, 404s, the SPA); the Swagger UI pages get a policy it can run under. */
export function securityHeaders(): RequestHandler {
  const spa = headers(SPA_DIRECTIVES);
  const docs = headers(DOCS_DIRECTIVES);
  return (request, response, next) => (DOCS_PATH.test(request.path) ? docs : spa)(request, response, next);
}
