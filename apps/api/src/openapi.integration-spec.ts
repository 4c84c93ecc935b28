import { createTestApp, type TestApp } from './test-support/test-app';

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every `/api/v1` route the running app serves, as `METHOD /path/{param}`. */
function servedRoutes(t: TestApp): string[] {
  const server = t.app.getHttpAdapter().getInstance() as unknown as { router: { stack: RouterLayer[] } };
  return server.router.stack
    .flatMap(({ route }) => (route ? Object.keys(route.methods).map((method) => ({ method, path: route.path })) : []))
    .filter((route) => route.path.startsWith('/api/v1/'))
    // A route middleware (e.g. metrics' scrape token) is mounted as the same path with a trailing slash.
    .map((route) => `${route.method.toUpperCase()} ${route.path.replace(/(.)\/$/, '$1').replace(/:(\w+)/g, '{$1}')}`)
    .filter((route, index, all) => all.indexOf(route) === index)
    .sort();
}

describe('OpenAPI document', () => {
  let t: TestApp;
  let document: { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>> };

  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http.get('/api/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('describes every route the app serves', () => {
    const documented = Object.entries(document.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    const served = servedRoutes(t);
    expect(served.length).toBeGreaterThan(10);
    expect(served.filter((route) => !documented.includes(route))).toEqual([]);
  });

  it('includes the foundation endpoints of DESIGN.md §8', () => {
    for (const route of [
      'POST /api/v1/auth/login',
      'GET /api/v1/auth/me',
      'POST /api/v1/auth/password',
      'GET /api/v1/users',
      'POST /api/v1/users',
      'PATCH /api/v1/users/{id}',
      'DELETE /api/v1/users/{id}',
      'GET /api/v1/instances',
      'POST /api/v1/instances',
      'GET /api/v1/instances/{id}',
      'PATCH /api/v1/instances/{id}',
      'DELETE /api/v1/instances/{id}',
      'GET /api/v1/sessions',
      'GET /api/v1/sessions/{id}',
      'GET /api/v1/health',
    ]) {
      const [method, path] = route.split(' ');
      expect(document.paths[path]?.[method.toLowerCase()], route).toBeDefined();
    }
  });

  it('documents the instance body from the DTO, with the password write-only', () => {
    type Property = { writeOnly?: boolean; $ref?: string; allOf?: { $ref: string }[] };
    const schemas = (document as unknown as { components: { schemas: Record<string, { properties: Record<string, Property>; required?: string[]; enum?: string[] }> } })
      .components.schemas;
    const create = schemas.CreateInstanceDto;
    expect(create.required).toEqual(expect.arrayContaining(['name', 'db_type', 'host', 'username']));
    // The enum is one named schema (enumName), shared by every use.
    const dbType = create.properties.db_type;
    expect(dbType.$ref ?? dbType.allOf?.[0]?.$ref).toBe('#/components/schemas/DbType');
    expect(schemas.DbType.enum).toEqual(['postgresql', 'mysql', 'sqlserver', 'oracle']);
    expect(create.properties.password.writeOnly).toBe(true);
  });

  it('documents the query parameters of the instance list', () => {
    const parameters = document.paths['/api/v1/instances'].get.parameters?.map((parameter) => parameter.name);
    expect(parameters).toEqual(expect.arrayContaining(['db_type', 'search', 'is_active', 'page', 'per_page']));
  });

  it('serves the Swagger UI at /api/docs', async () => {
    const response = await t.http.get('/api/docs').redirects(1).expect(200);
    expect(response.text).toContain('swagger');
  });
});
