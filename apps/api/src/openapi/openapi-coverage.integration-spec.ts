import { createTestApp, type TestApp } from '../test-support/test-app';

interface Schema {
  [keyword: string]: unknown;
}
interface Response {
  description?: string;
  content?: Record<string, { schema?: Schema }>;
}
interface Operation {
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: unknown;
  responses: Record<string, Response>;
}
interface Document {
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema>; securitySchemes?: Record<string, unknown> };
}

const ERROR_SCHEMA = '#/components/schemas/ApiErrorBody';
/** The one error answer whose body is not ApiErrorBody: the health check's `{ status: 'error' }` (HealthResponse). */
const OWN_ERROR_BODY = new Set(['GET /api/v1/health 503']);

/** `METHOD /path` → operation, for every operation of the document. */
function operations(document: Document): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]): [string, Operation] => [`${method.toUpperCase()} ${path}`, operation]));
}

/** A schema that says something about the body: not `{}`, not a bare `type: object`. */
function describesBody(schema: Schema | undefined): boolean {
  if (!schema || Object.keys(schema).length === 0) return false;
  if (schema.type === 'object' && !schema.properties && schema.additionalProperties === undefined) return false;
  return true;
}

/** A schema with its `$ref` (or single-member `allOf`, Nest's way of wrapping a `$ref`) followed. */
function resolved(document: Document, schema: Schema | undefined): Schema | undefined {
  if (typeof schema?.$ref === 'string') return resolved(document, document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')]);
  if (Array.isArray(schema?.allOf) && schema.allOf.length === 1) return resolved(document, schema.allOf[0] as Schema);
  return schema;
}

function isPublic(document: Document, operation: Operation): boolean {
  const security = operation.security ?? document.security;
  return Array.isArray(security) && security.length === 0;
}

describe('OpenAPI document: every answer declared', () => {
  let t: TestApp;
  let document: Document;
  let all: [string, Operation][];

  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http.get('/api/docs-json').expect(200)).body as Document;
    all = operations(document);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The operations for which `fault` names a problem. */
  const offenders = (fault: (name: string, operation: Operation) => string | undefined): string[] =>
    all.flatMap(([name, operation]) => {
      const problem = fault(name, operation);
      return problem ? [`${name}: ${problem}`] : [];
    });

  it('gives every operation a success answer', () => {
    expect(all.length).toBeGreaterThan(30);
    expect(offenders((_name, operation) => (Object.keys(operation.responses).some((status) => status.startsWith('2')) ? undefined : 'no 2xx answer'))).toEqual([]);
  });

  it('gives every 2xx answer with a body a response schema, and none to a 204', () => {
    expect(
      offenders((_name, operation) => {
        const problems = Object.entries(operation.responses)
          .filter(([status]) => status.startsWith('2'))
          .flatMap(([status, response]) => {
            const media = Object.entries(response.content ?? {});
            if (status === '204') return media.length > 0 ? [`204 declares content (${media.map(([type]) => type).join(', ')})`] : [];
            if (media.length === 0) return [`${status} has no content`];
            return media.filter(([, { schema }]) => !describesBody(schema)).map(([type]) => `${status} ${type} has no response schema`);
          });
        return problems.join('; ') || undefined;
      }),
    ).toEqual([]);
  });

  it('declares every error answer with the one error schema', () => {
    expect(
      offenders((name, operation) => {
        const problems = Object.entries(operation.responses)
          .filter(([status]) => /^[45]/.test(status) && !OWN_ERROR_BODY.has(`${name} ${status}`))
          .filter(([, response]) => response.content?.['application/json']?.schema?.$ref !== ERROR_SCHEMA)
          .map(([status]) => `${status} is not ApiErrorBody`);
        return problems.join('; ') || undefined;
      }),
    ).toEqual([]);
  });

  it('declares 401 and the bearer scheme on every operation but those with `security: []`', () => {
    expect(Object.keys(document.components?.securitySchemes ?? {})).toContain('bearer');
    expect(
      offenders((_name, operation) => {
        if (isPublic(document, operation)) return undefined;
        const problems: string[] = [];
        if (!operation.responses['401']) problems.push('no 401');
        if (!(operation.security ?? document.security ?? []).some((requirement) => 'bearer' in requirement)) problems.push('no bearer security');
        return problems.join('; ') || undefined;
      }),
    ).toEqual([]);
  });

  it('declares no security exactly on login and health', () => {
    expect(all.filter(([, operation]) => isPublic(document, operation)).map(([name]) => name).sort()).toEqual(['GET /api/v1/health', 'POST /api/v1/auth/login']);
  });

  it('declares 400 on every operation that takes parameters or a body', () => {
    expect(offenders((_name, operation) => ((operation.parameters?.length || operation.requestBody) && !operation.responses['400'] ? 'takes input, no 400' : undefined))).toEqual([]);
  });

  it('declares 404 on every operation with a path parameter', () => {
    expect(offenders((_name, operation) => (operation.parameters?.some((parameter) => parameter.in === 'path') && !operation.responses['404'] ? 'has a path parameter, no 404' : undefined))).toEqual([]);
  });

  // Every operation reads the repository: the bearer guard looks the token up there, login checks the password
  // there, metrics read the last collections there, and health pings it.
  it('declares 503 on every operation', () => {
    expect(offenders((_name, operation) => (operation.responses['503'] ? undefined : 'no 503'))).toEqual([]);
  });

  it('gives every parameter its real type (no empty or `object` schema)', () => {
    expect(
      offenders((_name, operation) => {
        const untyped = (operation.parameters ?? []).filter(({ schema }) => {
          const target = resolved(document, schema);
          return !target || (!target.type && !target.enum) || target.type === 'object';
        });
        return untyped.length > 0 ? `untyped parameters ${untyped.map((parameter) => parameter.name).join(', ')}` : undefined;
      }),
    ).toEqual([]);
  });

  it('types every property of the request bodies (no empty or `object` schema without properties)', () => {
    const bodies = Object.entries(document.components?.schemas ?? {}).filter(([name]) => name.endsWith('Dto'));
    expect(bodies.length).toBeGreaterThan(5);
    const untyped = bodies.flatMap(([name, schema]) =>
      Object.entries((schema.properties ?? {}) as Record<string, Schema>)
        .filter(([, property]) => !describesBody(resolved(document, property)))
        .map(([property]) => `${name}.${property}`),
    );
    expect(untyped).toEqual([]);
  });

  it('references no schema that is not a component, and leaves no component unused', () => {
    const text = JSON.stringify(document);
    const referenced = new Set([...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1] ?? ''));
    const defined = Object.keys(document.components?.schemas ?? {});
    expect([...referenced].filter((name) => !defined.includes(name))).toEqual([]);
    expect(defined.filter((name) => !referenced.has(name))).toEqual([]);
  });
});
