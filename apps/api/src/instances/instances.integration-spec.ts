import { DEFAULT_PORTS, type InstanceResponse } from '@capacity/contracts';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { insertInstanceStats } from '../test-support/factories';
import { testServerKind } from '../test-support/test-database';
import { CredentialCipher } from '../common/credential-cipher';
import { InstanceAccessService } from './instance-access.service';

const PASSWORD = 'Plain-Text-Pa55word!';

const body = (overrides: Record<string, unknown> = {}) => ({
  name: `pg-${Math.random().toString(36).slice(2, 8)}`,
  db_type: 'postgresql',
  host: 'db1.internal',
  username: 'monitor',
  password: PASSWORD,
  ...overrides,
});

describe(`instances API (${testServerKind()} PostgreSQL)`, () => {
  let t: TestApp;
  let viewer: { id: number; token: string };

  beforeAll(async () => {
    t = await createTestApp();
    viewer = await t.loginAs('viewer');
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = async (overrides: Record<string, unknown> = {}): Promise<InstanceResponse> => {
    const response = await t.http.post('/api/v1/instances').auth(t.adminToken, { type: 'bearer' }).send(body(overrides)).expect(201);
    return response.body as InstanceResponse;
  };

  describe('create', () => {
    it('stores the instance, defaults the port per engine and answers has_password without the password', async () => {
      for (const dbType of ['postgresql', 'mysql', 'sqlserver', 'oracle'] as const) {
        const created = await create({ db_type: dbType, tags: ['team-a'] });
        expect(created.port).toBe(DEFAULT_PORTS[dbType]);
        expect(created).toMatchObject({ db_type: dbType, host: 'db1.internal', username: 'monitor', is_active: true, tags: ['team-a'], has_password: true });
        expect(created).not.toHaveProperty('password');
        expect(created).not.toHaveProperty('password_encrypted');
        expect(JSON.stringify(created)).not.toContain(PASSWORD);
      }
    });

    it('stores AES-GCM ciphertext, not the plaintext, and decrypts it for the collector only', async () => {
      const created = await create({ port: 15432 });
      const [row]: { password_encrypted: string }[] = await t.dataSource.query('SELECT password_encrypted FROM instances WHERE id = $1', [created.id]);
      expect(row.password_encrypted).toMatch(/^v1\./);
      expect(row.password_encrypted).not.toContain(PASSWORD);
      const cipher = t.app.get(CredentialCipher);
      expect(cipher.decrypt(row.password_encrypted)).toBe(PASSWORD);
      const credentials = await t.app.get(InstanceAccessService).getCredentials(created.id);
      expect(credentials).toMatchObject({ id: created.id, host: 'db1.internal', port: 15432, username: 'monitor', password: PASSWORD, dbType: 'postgresql' });
    });

    it('answers 409 for a duplicate name', async () => {
      const first = await create();
      const response = await t.http.post('/api/v1/instances').auth(t.adminToken, { type: 'bearer' }).send(body({ name: first.name })).expect(409);
      expect(response.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
      expect(response.body.message).toContain(first.name);
    });

    it.each([
      ['db_type', { db_type: 'db2' }],
      ['port', { port: 70000 }],
      ['port', { port: 0 }],
      ['name', { name: '' }],
      ['name', { name: '   ' }],
      ['host', { host: 'bad host; drop' }],
      ['username', { username: '' }],
    ])('answers 400 naming %s for %j', async (field, overrides) => {
      const response = await t.http.post('/api/v1/instances').auth(t.adminToken, { type: 'bearer' }).send(body(overrides)).expect(400);
      expect(response.body.statusCode).toBe(400);
      expect(response.body.fields).toContain(field);
      expect(JSON.stringify(response.body.message)).toContain(field);
    });

    it('answers 400 naming a missing required field and an unknown one', async () => {
      const { name: _name, ...withoutName } = body();
      const missing = await t.http.post('/api/v1/instances').auth(t.adminToken, { type: 'bearer' }).send(withoutName).expect(400);
      expect(missing.body.fields).toContain('name');
      const unknown = await t.http.post('/api/v1/instances').auth(t.adminToken, { type: 'bearer' }).send(body({ colour: 'red' })).expect(400);
      expect(unknown.body.fields).toContain('colour');
    });

    it('answers 400 naming owner_id for a user that does not exist', async () => {
      const response = await t.http.post('/api/v1/instances').auth(t.adminToken, { type: 'bearer' }).send(body({ owner_id: 999_999 })).expect(400);
      expect(response.body.fields).toEqual(['owner_id']);
    });
  });

  describe('auth', () => {
    it('answers 401 without a token, and with a bad one', async () => {
      await t.http.get('/api/v1/instances').expect(401);
      await t.http.get('/api/v1/instances').auth('not-a-jwt', { type: 'bearer' }).expect(401);
    });

    it('answers 403 to a viewer writing, whatever the body', async () => {
      const existing = await create();
      const token = { type: 'bearer' as const };
      await t.http.post('/api/v1/instances').auth(viewer.token, token).send(body()).expect(403);
      await t.http.post('/api/v1/instances').auth(viewer.token, token).send({ port: 'nonsense' }).expect(403);
      await t.http.patch(`/api/v1/instances/${existing.id}`).auth(viewer.token, token).send({ host: 'x' }).expect(403);
      await t.http.delete(`/api/v1/instances/${existing.id}`).auth(viewer.token, token).expect(403);
      await t.http.get(`/api/v1/instances/${existing.id}`).auth(t.adminToken, token).expect(200);
    });

    it('lets a viewer read only the instances it owns; others answer 404', async () => {
      const mine = await create({ owner_id: viewer.id });
      const other = await create();
      const list = await t.http.get('/api/v1/instances').auth(viewer.token, { type: 'bearer' }).expect(200);
      expect(list.body.data.map((item: InstanceResponse) => item.id)).toEqual([mine.id]);
      expect(list.body.pagination.total).toBe(1);
      await t.http.get(`/api/v1/instances/${mine.id}`).auth(viewer.token, { type: 'bearer' }).expect(200);
      const hidden = await t.http.get(`/api/v1/instances/${other.id}`).auth(viewer.token, { type: 'bearer' }).expect(404);
      expect(hidden.body).toMatchObject({ statusCode: 404, error: 'Not Found' });

      const access = t.app.get(InstanceAccessService);
      const viewerUser = { id: viewer.id, username: 'v', role: 'viewer' as const };
      expect(await access.readableInstanceIds(viewerUser)).toEqual([mine.id]);
      expect(await access.readableInstanceIds({ id: 1, username: 'admin', role: 'admin' })).toBeNull();
      await expect(access.assertReadable(viewerUser, other.id)).rejects.toMatchObject({ status: 404 });
    });
  });

  describe('read, update, delete', () => {
    it('answers 400 naming id for a malformed id and 404 for an unknown one', async () => {
      const bad = await t.http.get('/api/v1/instances/abc').auth(t.adminToken, { type: 'bearer' }).expect(400);
      expect(bad.body.fields).toEqual(['id']);
      expect(bad.body.message.join(' ')).toContain('id must be a positive integer');
      await t.http.patch('/api/v1/instances/-1').auth(t.adminToken, { type: 'bearer' }).send({ host: 'h' }).expect(400);
      await t.http.get('/api/v1/instances/987654').auth(t.adminToken, { type: 'bearer' }).expect(404);
      await t.http.delete('/api/v1/instances/987654').auth(t.adminToken, { type: 'bearer' }).expect(404);
    });

    it('patches fields, re-encrypts a new password, clears it with null, never returns it', async () => {
      const created = await create();
      const [before]: { password_encrypted: string }[] = await t.dataSource.query('SELECT password_encrypted FROM instances WHERE id = $1', [created.id]);
      const patched = await t.http
        .patch(`/api/v1/instances/${created.id}`)
        .auth(t.adminToken, { type: 'bearer' })
        .send({ host: '10.0.0.5', is_active: false, password: 'Another-Secret-1', description: 'moved' })
        .expect(200);
      expect(patched.body).toMatchObject({ id: created.id, host: '10.0.0.5', is_active: false, description: 'moved', has_password: true });
      expect(JSON.stringify(patched.body)).not.toContain('Another-Secret-1');
      const [after]: { password_encrypted: string }[] = await t.dataSource.query('SELECT password_encrypted FROM instances WHERE id = $1', [created.id]);
      expect(after.password_encrypted).not.toBe(before.password_encrypted);
      expect(after.password_encrypted).not.toContain('Another-Secret-1');
      expect(t.app.get(CredentialCipher).decrypt(after.password_encrypted)).toBe('Another-Secret-1');

      const cleared = await t.http.patch(`/api/v1/instances/${created.id}`).auth(t.adminToken, { type: 'bearer' }).send({ password: null }).expect(200);
      expect(cleared.body.has_password).toBe(false);
    });

    it('validates a patch like a create (port, db_type, duplicate name)', async () => {
      const a = await create();
      const b = await create();
      const port = await t.http.patch(`/api/v1/instances/${a.id}`).auth(t.adminToken, { type: 'bearer' }).send({ port: 70000 }).expect(400);
      expect(port.body.fields).toEqual(['port']);
      const engine = await t.http.patch(`/api/v1/instances/${a.id}`).auth(t.adminToken, { type: 'bearer' }).send({ db_type: 'mongo' }).expect(400);
      expect(engine.body.fields).toEqual(['db_type']);
      await t.http.patch(`/api/v1/instances/${a.id}`).auth(t.adminToken, { type: 'bearer' }).send({ name: b.name }).expect(409);
      await t.http.patch(`/api/v1/instances/${a.id}`).auth(t.adminToken, { type: 'bearer' }).send({ name: a.name }).expect(200);
    });

    it('deletes an instance with its statistics', async () => {
      const created = await create();
      await insertInstanceStats(t.dataSource, [{ instanceId: created.id, date: '2026-01-05', totalSizeBytes: 100, databaseCount: 1 }]);
      await t.http.delete(`/api/v1/instances/${created.id}`).auth(t.adminToken, { type: 'bearer' }).expect(204);
      await t.http.get(`/api/v1/instances/${created.id}`).auth(t.adminToken, { type: 'bearer' }).expect(404);
      const [{ count }]: { count: string }[] = await t.dataSource.query('SELECT count(*) FROM instance_size_stats WHERE instance_id = $1', [created.id]);
      expect(Number(count)).toBe(0);
    });
  });

  describe('list', () => {
    it('carries the newest size reading and the newest capacity collection of each instance', async () => {
      const sized = await create({ name: 'list-sized' });
      const fresh = await create({ name: 'list-fresh' });
      await insertInstanceStats(t.dataSource, [
        { instanceId: sized.id, date: '2026-01-01', totalSizeBytes: 1024 * 1024, databaseCount: 2 },
        { instanceId: sized.id, date: '2026-01-03', totalSizeBytes: 3 * 1024 * 1024 + 524_288, databaseCount: 4 },
        { instanceId: sized.id, date: '2026-01-02', totalSizeBytes: 2 * 1024 * 1024, databaseCount: 3 },
      ]);
      // Two capacity sessions and a newer aggregation session: the newest capacity record wins.
      await t.dataSource.query(
        `INSERT INTO sync_sessions (session_id, sync_type, sync_category, status, started_at) VALUES
           ('00000000-0000-4000-8000-000000000001', 'scheduled', 'capacity', 'completed', '2026-01-02T03:00:00Z'),
           ('00000000-0000-4000-8000-000000000002', 'manual', 'capacity', 'partial', '2026-01-03T03:00:00Z'),
           ('00000000-0000-4000-8000-000000000003', 'manual', 'aggregation', 'completed', '2026-01-04T03:00:00Z')`,
      );
      await t.dataSource.query(
        `INSERT INTO sync_instance_records (session_id, instance_id, instance_name, status, started_at, completed_at) VALUES
           ('00000000-0000-4000-8000-000000000001', $1, 'list-sized', 'completed', '2026-01-02T03:00:00Z', '2026-01-02T03:00:05Z'),
           ('00000000-0000-4000-8000-000000000002', $1, 'list-sized', 'failed', '2026-01-03T03:00:00Z', '2026-01-03T03:00:09Z'),
           ('00000000-0000-4000-8000-000000000003', $1, 'list-sized', 'completed', '2026-01-04T03:00:00Z', '2026-01-04T03:00:01Z')`,
        [sized.id],
      );
      const response = await t.http.get('/api/v1/instances?search=list-').auth(t.adminToken, { type: 'bearer' }).expect(200);
      const byName = Object.fromEntries(response.body.data.map((item: InstanceResponse) => [item.name, item]));
      expect(byName['list-sized']).toMatchObject({
        latest_total_size_bytes: 3 * 1024 * 1024 + 524_288,
        latest_total_size_mb: 3.5,
        database_count: 4,
        last_collected_at: '2026-01-03T03:00:09.000Z',
        last_collection_status: 'failed',
      });
      expect(byName['list-fresh']).toMatchObject({
        id: fresh.id,
        latest_total_size_bytes: null,
        latest_total_size_mb: null,
        database_count: null,
        last_collected_at: null,
        last_collection_status: null,
      });
      for (const item of response.body.data) expect(JSON.stringify(item)).not.toContain(PASSWORD);
    });

    it('filters by engine, name substring and activity, and paginates', async () => {
      await create({ name: 'flt-my-a', db_type: 'mysql' });
      await create({ name: 'flt-my-b', db_type: 'mysql', is_active: false });
      await create({ name: 'flt-ora', db_type: 'oracle' });
      await create({ name: 'flt_under%score', db_type: 'oracle' });
      const get = (query: string) => t.http.get(`/api/v1/instances?${query}`).auth(t.adminToken, { type: 'bearer' }).expect(200);
      const names = (response: { body: { data: InstanceResponse[] } }) => response.body.data.map((item) => item.name);

      expect(names(await get('search=flt-&db_type=mysql'))).toEqual(['flt-my-a', 'flt-my-b']);
      expect(names(await get('search=flt-&db_type=mysql&is_active=false'))).toEqual(['flt-my-b']);
      expect(names(await get('search=_under%25'))).toEqual(['flt_under%score']);
      const page = await get('search=flt&per_page=2&page=2');
      expect(names(page)).toEqual(['flt-ora', 'flt_under%score']);
      expect(page.body.pagination).toEqual({ page: 2, pages: 2, per_page: 2, total: 4, has_next: false, has_prev: true });
    });

    it.each([
      ['db_type', 'db_type=db2'],
      ['is_active', 'is_active=perhaps'],
      ['per_page', 'per_page=0'],
      ['page', 'page=abc'],
    ])('answers 400 naming %s', async (field, query) => {
      const response = await t.http.get(`/api/v1/instances?${query}`).auth(t.adminToken, { type: 'bearer' }).expect(400);
      expect(response.body.fields).toContain(field);
    });

    it('never contains a password in any response of the API', async () => {
      const created = await create();
      for (const path of ['/api/v1/instances', `/api/v1/instances/${created.id}`]) {
        const response = await t.http.get(path).auth(t.adminToken, { type: 'bearer' }).expect(200);
        expect(response.text).not.toContain(PASSWORD);
        expect(response.text).not.toContain('password_encrypted');
      }
    });
  });
});
