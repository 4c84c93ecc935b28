import { createServer, type Server } from 'node:http';
import request from 'supertest';
import type { SchemaObject } from './openapi-json-schema';
import { type ObservedResponse, type OpenApiDocumentLike, ResponseValidator } from './response-validator';
import { validatedHttp } from './validated-http';

const json = (schema: SchemaObject) => ({ content: { 'application/json': { schema } } });
const errorBody = json({ $ref: '#/components/schemas/ApiErrorBody' });

const document: OpenApiDocumentLike = {
  paths: {
    '/api/v1/things': {
      get: {
        responses: {
          200: json({
            type: 'object',
            required: ['data'],
            properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Thing' } } },
          }),
          401: errorBody,
        },
      },
    },
    '/api/v1/things/{id}': {
      get: { responses: { 200: json({ $ref: '#/components/schemas/Thing' }), 404: errorBody } },
      delete: { responses: { 204: { description: 'Deleted' } } },
    },
    '/api/v1/things/summary': { get: { responses: { 200: json({ $ref: '#/components/schemas/Summary' }) } } },
    '/api/v1/things.csv': { get: { responses: { 200: { content: { 'text/csv': { schema: { type: 'string' } } } } } } },
    '/api/v1/metrics': { get: { responses: { 200: { content: { 'text/plain': { schema: { type: 'string' } } } } } } },
    '/api/v1/broken': { get: { responses: { 200: json({ type: 'object' }) } } },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['id', 'name', 'owner', 'created_on', 'parent'],
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          owner: { type: 'string', nullable: true },
          created_on: { type: 'string', format: 'date' },
          parent: { nullable: true, allOf: [{ $ref: '#/components/schemas/Ref' }] },
          labels: { type: 'object', additionalProperties: true, nullable: true },
        },
      },
      Ref: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } },
      Summary: {
        allOf: [{ $ref: '#/components/schemas/Ref' }, { type: 'object', required: ['total'], properties: { total: { type: 'number' } } }],
      },
      ApiErrorBody: {
        type: 'object',
        required: ['statusCode', 'error', 'message', 'fields'],
        properties: {
          statusCode: { type: 'integer' },
          error: { type: 'string' },
          message: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
          fields: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};

const thing = { id: 1, name: 'one', owner: null, created_on: '2026-12-02', parent: { id: 7 }, labels: { free: ['form'] } };
const notFound = { statusCode: 404, error: 'Not Found', message: 'no such thing', fields: [] };

function jsonResponse(status: number, body: unknown): ObservedResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, text: JSON.stringify(body), body };
}

describe('ResponseValidator', () => {
  const validator = new ResponseValidator(document);

  it('accepts an answer that keeps the contract, nulls and free-form objects included', () => {
    expect(validator.check('GET', '/api/v1/things?page=1', jsonResponse(200, { data: [thing, { ...thing, parent: null, labels: null }] }))).toEqual([]);
  });

  it('refuses an unknown field, naming method, path, status and the field', () => {
    const [violation] = validator.check('GET', '/api/v1/things/1', jsonResponse(200, { ...thing, secret: 'x' }));
    expect(violation).toContain('GET /api/v1/things/1 → 200');
    expect(violation).toContain('GET /api/v1/things/{id}');
    expect(violation).toContain("must NOT have unevaluated properties 'secret'");
  });

  it('refuses an unknown field in a nested object and in an array item', () => {
    expect(validator.check('GET', '/api/v1/things/1', jsonResponse(200, { ...thing, parent: { id: 7, extra: 1 } }))[0]).toContain('body/parent');
    expect(validator.check('GET', '/api/v1/things', jsonResponse(200, { data: [{ ...thing, extra: 1 }] }))[0]).toContain('body/data/0');
  });

  it('refuses a wrong type, a null where none is allowed and a malformed date', () => {
    expect(validator.check('GET', '/api/v1/things/1', jsonResponse(200, { ...thing, id: '1' }))[0]).toContain('body/id must be integer');
    expect(validator.check('GET', '/api/v1/things/1', jsonResponse(200, { ...thing, name: null }))[0]).toContain('body/name must be string');
    expect(validator.check('GET', '/api/v1/things/1', jsonResponse(200, { ...thing, created_on: '02/12/2026' }))[0]).toContain('must match format "date"');
  });

  it('refuses a missing required field', () => {
    const { name: _name, ...nameless } = thing;
    expect(validator.check('GET', '/api/v1/things/1', jsonResponse(200, nameless))[0]).toContain("must have required property 'name'");
  });

  it('keeps the properties of every member of an allOf, and refuses what none declares', () => {
    expect(validator.check('GET', '/api/v1/things/summary', jsonResponse(200, { id: 1, total: 2.5 }))).toEqual([]);
    expect(validator.check('GET', '/api/v1/things/summary', jsonResponse(200, { id: 1, total: 2.5, extra: true }))[0]).toContain("'extra'");
  });

  it('treats an object schema without properties or additionalProperties as closed', () => {
    expect(validator.check('GET', '/api/v1/broken', jsonResponse(200, { anything: 1 }))[0]).toContain("'anything'");
  });

  it('refuses a status the operation does not declare, showing the body', () => {
    const [violation] = validator.check('GET', '/api/v1/things', jsonResponse(500, { statusCode: 500 }));
    expect(violation).toContain('status 500 is not declared for GET /api/v1/things (declared: 200, 401)');
    expect(violation).toContain('"statusCode":500');
  });

  it('validates error answers against the error schema', () => {
    expect(validator.check('GET', '/api/v1/things/9', jsonResponse(404, notFound))).toEqual([]);
    expect(validator.check('GET', '/api/v1/things/9', jsonResponse(404, { message: 'gone' }))[0]).toContain("required property 'statusCode'");
  });

  it('prefers a literal path over a template that also matches', () => {
    expect(validator.check('GET', '/api/v1/things/summary', jsonResponse(200, thing))[0]).toContain('GET /api/v1/things/summary 200');
  });

  it('checks a HEAD against the GET of its path, without a body', () => {
    expect(validator.check('HEAD', '/api/v1/things/1', { status: 200, headers: { 'content-type': 'application/json' }, text: '' })).toEqual([]);
    expect(validator.check('HEAD', '/api/v1/things/1', { status: 500, headers: {}, text: '' })[0]).toContain('status 500 is not declared for GET /api/v1/things/{id}');
  });

  it('accepts an empty 204 declared without content, and refuses a body there', () => {
    expect(validator.check('DELETE', '/api/v1/things/1', { status: 204, headers: {}, text: '' })).toEqual([]);
    expect(validator.check('DELETE', '/api/v1/things/1', jsonResponse(204, thing))[0]).toContain('declares 204 without content');
  });

  it('refuses an empty body where the document declares content', () => {
    expect(validator.check('GET', '/api/v1/things/1', { status: 200, headers: {}, text: '' })[0]).toContain('empty body, but GET /api/v1/things/{id} declares 200 with content');
  });

  it('checks text bodies by their content type', () => {
    const text = (type: string): ObservedResponse => ({ status: 200, headers: { 'content-type': type }, text: 'a,b\n1,2\n', body: {} });
    expect(validator.check('GET', '/api/v1/metrics', text('text/plain; version=0.0.4; charset=utf-8'))).toEqual([]);
    expect(validator.check('GET', '/api/v1/things.csv', text('text/csv; charset=utf-8'))).toEqual([]);
    expect(validator.check('GET', '/api/v1/metrics', jsonResponse(200, {}))[0]).toContain('content type application/json is not declared');
    expect(validator.check('GET', '/api/v1/things', text('text/csv'))[0]).toContain('content type text/csv is not declared for GET /api/v1/things 200');
  });

  it('refuses any answer but the error 404 from a route missing from the document', () => {
    expect(validator.check('GET', '/api/v1/undocumented', jsonResponse(200, { ok: true }))[0]).toContain('GET /api/v1/undocumented → 200: the route is missing from the OpenAPI document');
    expect(validator.check('POST', '/api/v1/things', jsonResponse(201, thing))[0]).toContain('the path is there, not this method');
    expect(validator.check('GET', '/api/v1/undocumented', jsonResponse(404, notFound))).toEqual([]);
    expect(validator.check('GET', '/api/v1/undocumented', jsonResponse(404, { oops: 1 }))[0]).toContain('its 404 body is not ApiErrorBody');
  });

  it('leaves alone what is not an API operation (the SPA, its assets, the docs)', () => {
    expect(validator.check('GET', '/', { status: 200, headers: { 'content-type': 'text/html' }, text: '<html>' })).toEqual([]);
    expect(validator.check('GET', '/api/docs-json', jsonResponse(200, { openapi: '3.0.0' }))).toEqual([]);
  });

  it('refuses to start on a $ref it cannot resolve', () => {
    const dangling: OpenApiDocumentLike = { paths: { '/api/v1/x': { get: { responses: { 200: json({ $ref: '#/components/schemas/Nowhere' }) } } } } };
    expect(() => new ResponseValidator(dangling)).toThrow(/cannot compile the schema of GET \/api\/v1\/x 200/);
  });
});

describe('validatedHttp', () => {
  let server: Server;
  let answer: { status: number; body: unknown };

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const http = () => validatedHttp(request(server), new ResponseValidator(document));

  it('lets a request that keeps the contract reach the spec\'s own expectations', async () => {
    answer = { status: 200, body: thing };
    const response = await http().get('/api/v1/things/1').expect(200);
    expect(response.body).toEqual(thing);
  });

  it('fails the request of a deliberately wrong answer, even when the spec expects its status', async () => {
    answer = { status: 200, body: { ...thing, id: 'one' } };
    await expect(http().get('/api/v1/things/1').expect(200)).rejects.toThrow(/GET \/api\/v1\/things\/1 → 200: the body does not match.*body\/id must be integer/s);
  });

  it('fails the request of an undeclared status through every verb', async () => {
    answer = { status: 418, body: { teapot: true } };
    for (const verb of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      await expect(http()[verb]('/api/v1/things/1')).rejects.toThrow(/The answer breaks the OpenAPI document/);
    }
  });
});
