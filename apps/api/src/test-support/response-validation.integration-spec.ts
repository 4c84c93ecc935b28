import request from 'supertest';
import { createInstance } from './factories';
import { type OpenApiDocumentLike, ResponseValidator } from './response-validator';
import { createTestApp, type TestApp } from './test-app';
import { validatedHttp } from './validated-http';

type Document = OpenApiDocumentLike & { components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> } };

type ComponentSchema = Document['components']['schemas'][string];

/** The instance answer's schema in `document` (the spec is about it: its absence is a failure of its own). */
function instanceResponse(document: Document): ComponentSchema & { required: string[] } {
  const schema = document.components.schemas.InstanceResponse;
  if (!schema?.required) throw new Error('the document has no InstanceResponse schema with required fields');
  return schema as ComponentSchema & { required: string[] };
}

/** The served document, changed by `edit`: a contract the real app no longer keeps. */
function breakContract(document: Document, edit: (copy: Document) => void): ResponseValidator {
  const copy = structuredClone(document);
  edit(copy);
  return new ResponseValidator(copy);
}

describe('the test app validates every answer against its OpenAPI document', () => {
  let t: TestApp;
  let document: Document;

  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http.get('/api/docs-json').expect(200)).body as Document;
    await createInstance(t.dataSource, { name: 'validated' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const listInstances = (validator: ResponseValidator) =>
    validatedHttp(request(t.app.getHttpServer()), validator).get('/api/v1/instances?page=1').auth(t.adminToken, { type: 'bearer' }).expect(200);

  it('passes the real answers of the app', async () => {
    const response = await t.http.get('/api/v1/instances?page=1').auth(t.adminToken, { type: 'bearer' }).expect(200);
    expect(response.body.data).toHaveLength(1);
  });

  it('fails on a field the document does not declare', async () => {
    const validator = breakContract(document, (copy) => {
      const schema = instanceResponse(copy);
      delete schema.properties.host;
      schema.required = schema.required.filter((name) => name !== 'host');
    });
    await expect(listInstances(validator)).rejects.toThrow(/GET \/api\/v1\/instances → 200: .*body\/data\/0 must NOT have unevaluated properties 'host'/s);
  });

  it('fails on a field of the wrong type, and on a required field that is missing', async () => {
    const wrongType = breakContract(document, (copy) => {
      instanceResponse(copy).properties.port = { type: 'string' };
    });
    await expect(listInstances(wrongType)).rejects.toThrow(/body\/data\/0\/port must be string/);
    const missing = breakContract(document, (copy) => {
      const schema = instanceResponse(copy);
      schema.properties.nickname = { type: 'string' };
      schema.required.push('nickname');
    });
    await expect(listInstances(missing)).rejects.toThrow(/body\/data\/0 must have required property 'nickname'/);
  });

  it('fails on a status the operation does not declare', async () => {
    const validator = breakContract(document, (copy) => {
      const responses = copy.paths['/api/v1/instances']?.get?.responses;
      if (!responses?.['401']) throw new Error('GET /api/v1/instances declares no 401');
      delete responses['401'];
    });
    await expect(validatedHttp(request(t.app.getHttpServer()), validator).get('/api/v1/instances').expect(401)).rejects.toThrow(
      /GET \/api\/v1\/instances → 401: status 401 is not declared for GET \/api\/v1\/instances/,
    );
  });

  it('fails through t.http itself, even where the spec expects the answer', async () => {
    // The JSON body parser answers 400 before any route, also on health, which takes no input and declares no 400.
    await expect(t.http.get('/api/v1/health').set('Content-Type', 'application/json').send('{').expect(400)).rejects.toThrow(
      /GET \/api\/v1\/health → 400: status 400 is not declared for GET \/api\/v1\/health/,
    );
  });

  it('accepts the 404 of a path no route serves, as the error body', async () => {
    const response = await t.http.get('/api/v1/no-such-route').auth(t.adminToken, { type: 'bearer' }).expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, fields: [] });
  });
});
