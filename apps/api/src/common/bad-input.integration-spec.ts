import { ConsoleLogger, Logger } from '@nestjs/common';
import type { MockInstance } from 'vitest';
import { createInstance } from '../test-support/factories';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../test-support/test-app';
import { MAX_INPUT_DEPTH } from './input-checks';

type Method = 'get' | 'post' | 'patch' | 'delete';
type Body = Record<string, unknown>;

interface BadRequest {
  title: string;
  method: Method;
  /** `:instance`, `:user` are replaced by the ids of the fixtures. */
  path: string;
  query?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as it is, as application/json. */
  body?: Body | string;
  /** The field the 400 must name in `fields`. */
  named: string;
}

interface BodyRoute {
  route: string;
  base: () => Body;
  strings?: string[];
  arrays?: string[];
  nonNull?: string[];
  ints?: Record<string, number[]>;
  dates?: string[];
  months?: string[];
}

interface QueryRoute {
  route: string;
  base: Record<string, string>;
  strings: string[];
  ints?: string[];
  dates?: string[];
}

const NUL = 'a\u0000b';
const INT4_OVERFLOW = 2 ** 31;
const BAD_DATES = ['0000-01-01', '9999-12-31', '1899-12-31', '3000-01-01', '2026-02-30'];
const LOOSE_INTEGERS = ['0x10', '1e3', ' 1 ', '1.5', '+1', '2147483648'];
let unique = 0;

const validInstance = (): Body => ({ name: `bad-input-${++unique}`, db_type: 'postgresql', host: 'db1.internal', username: 'monitor', password: 'secret' });

const BODY_ROUTES: BodyRoute[] = [
  {
    route: 'POST /instances',
    base: validInstance,
    strings: ['name', 'db_type', 'host', 'username', 'password', 'database_name', 'description'],
    arrays: ['tags'],
    nonNull: ['name', 'db_type', 'host', 'port', 'username', 'is_active', 'tags'],
    ints: { owner_id: [INT4_OVERFLOW, 2 ** 53, 0], port: [0, 65536, INT4_OVERFLOW] },
  },
  {
    route: 'PATCH /instances/:instance',
    base: () => ({}),
    strings: ['name', 'db_type', 'host', 'username', 'password', 'database_name', 'description'],
    arrays: ['tags'],
    nonNull: ['name', 'db_type', 'host', 'port', 'username', 'is_active', 'tags'],
    ints: { owner_id: [INT4_OVERFLOW, 2 ** 53, 0], port: [0, 65536, INT4_OVERFLOW] },
  },
  { route: 'POST /users', base: () => ({ username: `bad-user-${++unique}`, password: 'long-enough-password', role: 'viewer' }), strings: ['username', 'password', 'role'] },
  { route: 'PATCH /users/:user', base: () => ({}), strings: ['username', 'password', 'role'], nonNull: ['username', 'password', 'role'] },
  { route: 'POST /auth/login', base: () => ({ username: 'admin', password: TEST_ADMIN_PASSWORD }), strings: ['username', 'password'] },
  { route: 'POST /auth/password', base: () => ({ current_password: TEST_ADMIN_PASSWORD, new_password: 'another-password-1' }), strings: ['current_password', 'new_password'] },
  { route: 'POST /collections/run', base: () => ({}), nonNull: ['instance_id'], ints: { instance_id: [INT4_OVERFLOW, 0] } },
  {
    route: 'POST /aggregations/run',
    base: () => ({}),
    strings: ['period_type', 'start_date', 'end_date'],
    nonNull: ['period_type', 'start_date', 'end_date'],
    dates: ['start_date', 'end_date'],
  },
  {
    route: 'POST /partitions/create',
    base: () => ({}),
    strings: ['month', 'table'],
    nonNull: ['month', 'future_months', 'table'],
    ints: { future_months: [INT4_OVERFLOW, -1] },
    months: ['month'],
  },
  {
    route: 'POST /partitions/cleanup',
    base: () => ({ dry_run: true }),
    nonNull: ['retention_months', 'dry_run', 'drop_without_archive'],
    ints: { retention_months: [INT4_OVERFLOW, 0] },
  },
  { route: 'POST /archive/run', base: () => ({ dry_run: true }), nonNull: ['dry_run'] },
  { route: 'POST /archive/restore', base: () => ({ table: 'database_size_stats', month: '2025-01' }), strings: ['table', 'month'], nonNull: ['table', 'month'], months: ['month'] },
];

const QUERY_ROUTES: QueryRoute[] = [
  { route: 'GET /instances', base: {}, strings: ['search', 'db_type', 'is_active'], ints: ['page', 'per_page'] },
  { route: 'GET /instances/:instance/database-sizes', base: {}, strings: ['database_name', 'start_date', 'end_date'], dates: ['start_date', 'end_date'] },
  {
    route: 'GET /instances/:instance/database-sizes/aggregations',
    base: { period_type: 'daily' },
    strings: ['period_type', 'database_name', 'start_date', 'end_date'],
    ints: ['page', 'per_page'],
    dates: ['start_date', 'end_date'],
  },
  { route: 'GET /instances/:instance/database-sizes/trends', base: { period_type: 'monthly' }, strings: ['period_type'], ints: ['months'] },
  { route: 'GET /instances/:instance/database-sizes/forecast', base: {}, strings: ['database_name'], ints: ['horizon_days'] },
  {
    route: 'GET /aggregations',
    base: {},
    strings: ['db_type', 'database_name', 'period_type', 'start_date', 'end_date'],
    ints: ['instance_id', 'page', 'per_page'],
    dates: ['start_date', 'end_date'],
  },
  { route: 'GET /sessions', base: {}, strings: ['category', 'status'], ints: ['page', 'per_page'] },
  { route: 'GET /partitions', base: {}, strings: ['table'] },
];

/** Every route with a numeric path id, each as a request that would succeed (or fail harmlessly) with a good id. */
const ID_ROUTES: { route: string; query?: Record<string, string>; body?: Body }[] = [
  { route: 'GET /instances/:id' },
  { route: 'PATCH /instances/:id', body: { description: 'changed' } },
  { route: 'DELETE /instances/:id' },
  { route: 'POST /instances/:id/test-connection' },
  { route: 'GET /instances/:id/database-sizes' },
  { route: 'GET /instances/:id/database-sizes/latest' },
  { route: 'GET /instances/:id/database-sizes/aggregations', query: { period_type: 'daily' } },
  { route: 'GET /instances/:id/database-sizes/trends', query: { period_type: 'monthly' } },
  { route: 'GET /instances/:id/database-sizes/forecast' },
  { route: 'PATCH /users/:id', body: { role: 'admin' } },
  { route: 'DELETE /users/:id' },
];

/** `{"a":{"a":…1…}}`, `levels` objects deep, as raw JSON (60 kB at 10,000 levels). */
const deepJson = (levels: number, key = 'a'): string => `${`{"${key}":`.repeat(levels)}1${'}'.repeat(levels)}`;
/** The path at which a value nested under `key` becomes too deep. */
const tooDeepAt = (key: string): string => Array.from({ length: MAX_INPUT_DEPTH }, () => key).join('.');
/** The base body as raw JSON with one more member written verbatim (JSON.stringify cannot write an own `__proto__`). */
const withRawMember = (base: Body, member: string): string => {
  const json = JSON.stringify(base);
  return json === '{}' ? `{${member}}` : `${json.slice(0, -1)},${member}}`;
};
const split = (route: string): { method: Method; path: string } => {
  const [method, path] = route.split(' ');
  return { method: method.toLowerCase() as Method, path };
};

function bodyCases(): BadRequest[] {
  const cases: BadRequest[] = [];
  for (const route of BODY_ROUTES) {
    const { method, path } = split(route.route);
    const add = (title: string, body: Body | string, field: string) => cases.push({ title: `${route.route} ${title}`, method, path, body, named: field });
    for (const field of route.strings ?? []) add(`${field} with a NUL byte`, { ...route.base(), [field]: NUL }, field);
    for (const field of route.arrays ?? []) add(`${field} with a NUL byte in an item`, { ...route.base(), [field]: ['ok', NUL] }, `${field}.1`);
    for (const field of route.nonNull ?? []) add(`${field}: null`, { ...route.base(), [field]: null }, field);
    for (const [field, values] of Object.entries(route.ints ?? {})) for (const value of values) add(`${field}: ${value}`, { ...route.base(), [field]: value }, field);
    for (const field of route.dates ?? []) for (const date of BAD_DATES) add(`${field}: ${date}`, { ...route.base(), [field]: date }, field);
    for (const field of route.months ?? []) for (const month of ['0000-01', '9999-12', '2026-13']) add(`${field}: ${month}`, { ...route.base(), [field]: month }, field);
    add('with an array for a body', '[{"name":"x"}]', 'body');
    add('nested 10,000 levels deep', withRawMember(route.base(), `"a":${deepJson(10_000)}`), tooDeepAt('a'));
    add(`nested ${MAX_INPUT_DEPTH + 1} levels deep`, withRawMember(route.base(), `"a":${deepJson(MAX_INPUT_DEPTH)}`), tooDeepAt('a'));
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      add(`with a ${key} key`, withRawMember(route.base(), `"${key}":{"role":"admin","is_admin":true}`), key);
      add(`with a nested ${key} key`, withRawMember(route.base(), `"x":{"${key}":{"polluted":true}}`), `x.${key}`);
    }
  }
  return cases;
}

function queryCases(): BadRequest[] {
  const cases: BadRequest[] = [];
  for (const route of QUERY_ROUTES) {
    const { method, path } = split(route.route);
    const add = (title: string, query: Record<string, string>, field: string) => cases.push({ title: `${route.route} ${title}`, method, path, query: { ...route.base, ...query }, named: field });
    for (const field of route.strings) add(`?${field} with a NUL byte`, { [field]: NUL }, field);
    for (const field of route.ints ?? []) for (const value of LOOSE_INTEGERS) add(`?${field}=${JSON.stringify(value)}`, { [field]: value }, field);
    for (const field of route.dates ?? []) for (const date of BAD_DATES) add(`?${field}=${date}`, { [field]: date }, field);
  }
  return cases;
}

function pathCases(): BadRequest[] {
  const cases: BadRequest[] = [];
  for (const { route, query, body } of ID_ROUTES) {
    const { method, path } = split(route);
    const target = path.startsWith('/users') ? ':user' : ':instance';
    // Each of these reads as the fixture's id under Number(): none may reach it.
    for (const id of [`%20${target}`, `${target}%20`, `%20${target}%20`, `${target}%00`, '0x{hex}', `${target}e0`, `${target}.0`, `%2B${target}`, '2147483648', '0', '-1']) {
      cases.push({ title: `${route} with id ${JSON.stringify(decodeURIComponent(id))}`, method, path: path.replace(':id', id), query, body, named: 'id' });
    }
  }
  cases.push({ title: 'GET /sessions/:id with a NUL byte', method: 'get', path: '/sessions/%00', named: 'id' });
  return cases;
}

const CASES = [...bodyCases(), ...queryCases(), ...pathCases()];

describe('bad input: every route answers 400 naming the field, writes nothing, logs no error', () => {
  let t: TestApp;
  const ids = { instance: 0, user: 0 };
  let errorSpies: MockInstance[] = [];

  const snapshot = async (): Promise<unknown> => {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT jsonb_agg(i ORDER BY id) FROM instances i) AS instances,
              (SELECT jsonb_agg(u ORDER BY id) FROM users u) AS users,
              (SELECT count(*) FROM sync_sessions) AS sessions,
              (SELECT count(*) FROM pg_inherits) AS partitions`,
    );
    return row;
  };

  const resolve = (path: string): string =>
    path
      .replace('0x{hex}', `0x${ids.instance.toString(16)}`)
      .replace(':instance', String(ids.instance))
      .replace(':user', String(ids.user));

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_THROTTLE_USER_LIMIT: '100000', LOGIN_THROTTLE_IP_LIMIT: '100000' });
    ids.instance = (await createInstance(t.dataSource, { name: 'keep-me' })).id;
    ids.user = (await t.loginAs('viewer')).id;
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => {
    errorSpies = [vi.spyOn(Logger.prototype, 'error'), vi.spyOn(ConsoleLogger.prototype, 'error'), vi.spyOn(console, 'error')];
  });
  afterEach(() => {
    for (const spy of errorSpies) spy.mockRestore();
  });

  it('sends at least the 35 NUL-byte requests of the issue, over every route that takes a string', () => {
    const withNul = CASES.filter((c) => JSON.stringify(c.body ?? c.query ?? '').includes('\\u0000'));
    expect(withNul.length).toBeGreaterThanOrEqual(35);
    const routesWithStrings = [...BODY_ROUTES, ...QUERY_ROUTES].filter((route) => (route.strings ?? []).length > 0).map((route) => split(route.route).path);
    expect(new Set(withNul.map((c) => c.path))).toEqual(new Set(routesWithStrings));
  });

  it.each(CASES.map((c) => [c.title, c] as const))('%s', async (_title, c) => {
    const before = await snapshot();
    let request = t.http[c.method](`/api/v1${resolve(c.path)}`).auth(t.adminToken, { type: 'bearer' });
    if (c.query) request = request.query(c.query);
    if (typeof c.body === 'string') request = request.set('Content-Type', 'application/json').send(c.body);
    else if (c.body) request = request.send(c.body);
    const response = await request;

    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(response.body).not.toHaveProperty('field');
    expect(response.body.fields).toContain(c.named);
    expect(JSON.stringify(response.body.message)).toContain(c.named);
    expect(await snapshot()).toEqual(before);
    for (const spy of errorSpies) expect(spy).not.toHaveBeenCalled();
  });

  it('still has the instance that DELETE /instances/%20<id> would have deleted', async () => {
    await t.http.get(`/api/v1/instances/${ids.instance}`).auth(t.adminToken, { type: 'bearer' }).expect(200);
  });

  it('keeps accepting null for the nullable instance fields on PATCH', async () => {
    const response = await t.http
      .patch(`/api/v1/instances/${ids.instance}`)
      .auth(t.adminToken, { type: 'bearer' })
      .send({ description: null, owner_id: null, database_name: null, password: null })
      .expect(200);
    expect(response.body).toMatchObject({ description: null, owner_id: null, database_name: null, has_password: false });
  });

  it('accepts plain decimal integers and in-range dates on the same routes', async () => {
    const get = (path: string) => t.http.get(`/api/v1${path}`).auth(t.adminToken, { type: 'bearer' });
    await get(`/instances/${ids.instance}/database-sizes?start_date=1900-01-01&end_date=2999-12-31`).expect(200);
    await get(`/instances/${ids.instance}/database-sizes/trends?period_type=monthly&months=007`).expect(200);
    const list = await get('/instances?page=1&per_page=500').expect(200);
    expect(list.body.pagination).toMatchObject({ page: 1, per_page: 500 });
    await get(`/aggregations?instance_id=${ids.instance}&start_date=1900-01-01`).expect(200);
  });
});
