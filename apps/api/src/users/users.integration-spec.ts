import type { UserResponse } from '@capacity/contracts';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../test-support/test-app';

describe('users API (admin)', () => {
  let t: TestApp;
  const bearer = { type: 'bearer' as const };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const adminId = async (): Promise<number> => {
    const me = await t.http.get('/api/v1/auth/me').auth(t.adminToken, bearer).expect(200);
    return me.body.id as number;
  };

  it('creates, lists, updates and deletes a user; hashes never leave the API', async () => {
    const created = await t.http.post('/api/v1/users').auth(t.adminToken, bearer).send({ username: 'dba.one', password: 'dba-one-pass', role: 'viewer' }).expect(201);
    expect(created.body).toMatchObject({ username: 'dba.one', role: 'viewer' });
    const [stored]: { password_hash: string }[] = await t.dataSource.query('SELECT password_hash FROM users WHERE id = $1', [created.body.id]);
    expect(stored.password_hash).toMatch(/^\$2[aby]\$/);
    expect(stored.password_hash).not.toContain('dba-one-pass');

    const list = await t.http.get('/api/v1/users').auth(t.adminToken, bearer).expect(200);
    expect(list.body.map((user: UserResponse) => user.username)).toEqual(expect.arrayContaining(['admin', 'dba.one']));
    expect(list.text).not.toMatch(/password/);

    const updated = await t.http
      .patch(`/api/v1/users/${created.body.id}`)
      .auth(t.adminToken, bearer)
      .send({ username: 'dba.renamed', role: 'admin', password: 'renamed-pass-1' })
      .expect(200);
    expect(updated.body).toMatchObject({ id: created.body.id, username: 'dba.renamed', role: 'admin' });
    expect(updated.text).not.toMatch(/password/);
    await t.http.post('/api/v1/auth/login').send({ username: 'dba.renamed', password: 'renamed-pass-1' }).expect(200);

    await t.http.delete(`/api/v1/users/${created.body.id}`).auth(t.adminToken, bearer).expect(204);
    await t.http.delete(`/api/v1/users/${created.body.id}`).auth(t.adminToken, bearer).expect(404);
  });

  it('answers 409 for a username taken in any letter case', async () => {
    await t.http.post('/api/v1/users').auth(t.adminToken, bearer).send({ username: 'Twin', password: 'twin-password', role: 'viewer' }).expect(201);
    const response = await t.http.post('/api/v1/users').auth(t.adminToken, bearer).send({ username: 'twin', password: 'twin-password', role: 'viewer' }).expect(409);
    expect(response.body).toMatchObject({ statusCode: 409, fields: ['username'] });
  });

  it.each([
    ['role', { username: 'okname', password: 'long-enough', role: 'root' }],
    ['password', { username: 'okname', password: 'short', role: 'viewer' }],
    ['username', { username: 'a b', password: 'long-enough', role: 'viewer' }],
  ])('answers 400 naming %s', async (field, payload) => {
    const response = await t.http.post('/api/v1/users').auth(t.adminToken, bearer).send(payload).expect(400);
    expect(response.body.fields).toEqual([field]);
  });

  describe('password rules', () => {
    it('answers 400 naming password for a password of more than 72 bytes in UTF-8', async () => {
      // 30 characters, 90 bytes: bcrypt would read only the first 72 of them.
      const response = await t.http.post('/api/v1/users').auth(t.adminToken, bearer).send({ username: 'long.pass', password: '€'.repeat(30), role: 'viewer' }).expect(400);
      expect(response.body).toMatchObject({ message: ['password must be at most 72 bytes'], fields: ['password'] });
    });

    it('keeps all 72 bytes of the longest password: a change in the last byte does not log in', async () => {
      const password = 'é'.repeat(36);
      await t.http.post('/api/v1/users').auth(t.adminToken, bearer).send({ username: 'full.pass', password, role: 'viewer' }).expect(201);
      await t.http.post('/api/v1/auth/login').send({ username: 'full.pass', password }).expect(200);
      await t.http.post('/api/v1/auth/login').send({ username: 'full.pass', password: `${'é'.repeat(35)}e` }).expect(401);
    });

    it('answers 400 naming password when it is the username in any letter case', async () => {
      const create = await t.http.post('/api/v1/users').auth(t.adminToken, bearer).send({ username: 'Mirror.Name', password: 'mirror.name', role: 'viewer' }).expect(400);
      expect(create.body).toMatchObject({ message: 'password must not be the username', fields: ['password'] });

      const user = await t.loginAs('viewer', 'patched.name');
      const samePassword = await t.http.patch(`/api/v1/users/${user.id}`).auth(t.adminToken, bearer).send({ password: 'PATCHED.NAME' }).expect(400);
      expect(samePassword.body.fields).toEqual(['password']);
      const both = await t.http.patch(`/api/v1/users/${user.id}`).auth(t.adminToken, bearer).send({ username: 'new.name.1', password: 'new.name.1' }).expect(400);
      expect(both.body.fields).toEqual(['password']);
      // Refused as a whole: the old name and password still log in.
      await t.http.post('/api/v1/auth/login').send({ username: 'patched.name', password: 'patched.name-password' }).expect(200);
    });
  });

  it.each(['username', 'role', 'password'])('answers 400 naming %s when PATCH sets it to null', async (field) => {
    const user = await t.loginAs('viewer');
    const response = await t.http.patch(`/api/v1/users/${user.id}`).auth(t.adminToken, bearer).send({ [field]: null }).expect(400);
    expect(response.body.fields).toEqual([field]);
    expect(response.body.message).toContain(`${field} must not be null`);
  });

  it('answers 400 naming id for a malformed id', async () => {
    const response = await t.http.patch('/api/v1/users/abc').auth(t.adminToken, bearer).send({ role: 'viewer' }).expect(400);
    expect(response.body.fields).toEqual(['id']);
  });

  it('answers 403 to a viewer for every users route, 401 without a token', async () => {
    const viewer = await t.loginAs('viewer');
    await t.http.get('/api/v1/users').auth(viewer.token, bearer).expect(403);
    await t.http.post('/api/v1/users').auth(viewer.token, bearer).send({ username: 'sneaky', password: 'sneaky-pass', role: 'admin' }).expect(403);
    await t.http.patch(`/api/v1/users/${viewer.id}`).auth(viewer.token, bearer).send({ role: 'admin' }).expect(403);
    await t.http.delete(`/api/v1/users/${viewer.id}`).auth(viewer.token, bearer).expect(403);
    await t.http.get('/api/v1/users').expect(401);
  });

  it('keeps the last admin: it can be neither demoted nor deleted', async () => {
    const id = await adminId();
    const admins: { count: string }[] = await t.dataSource.query(`SELECT count(*) FROM users WHERE role = 'admin'`);
    expect(Number(admins[0].count)).toBe(1);
    const demote = await t.http.patch(`/api/v1/users/${id}`).auth(t.adminToken, bearer).send({ role: 'viewer' }).expect(409);
    expect(demote.body.message).toBe('the last admin cannot be removed or demoted');
    await t.http.delete(`/api/v1/users/${id}`).auth(t.adminToken, bearer).expect(409);
    const me = await t.http.get('/api/v1/auth/me').auth(t.adminToken, bearer).expect(200);
    expect(me.body.role).toBe('admin');
  });

  it('lets an admin go once another admin exists', async () => {
    const second = await t.loginAs('admin', 'second-admin');
    const firstId = await adminId();
    await t.http.patch(`/api/v1/users/${firstId}`).auth(second.token, bearer).send({ role: 'viewer' }).expect(200);
    // Now `second-admin` is the last admin.
    await t.http.delete(`/api/v1/users/${second.id}`).auth(second.token, bearer).expect(409);
    await t.http.patch(`/api/v1/users/${firstId}`).auth(second.token, bearer).send({ role: 'admin' }).expect(200);
    // The demotion revoked the first admin's tokens: it logs in again.
    await t.http.get('/api/v1/users').auth(t.adminToken, bearer).expect(401);
    const login = await t.http.post('/api/v1/auth/login').send({ username: 'admin', password: TEST_ADMIN_PASSWORD }).expect(200);
    t.adminToken = login.body.access_token as string;
    await t.http.delete(`/api/v1/users/${second.id}`).auth(t.adminToken, bearer).expect(204);
  });

  it('answers 404 for an unknown user', async () => {
    await t.http.patch('/api/v1/users/999999').auth(t.adminToken, bearer).send({ role: 'viewer' }).expect(404);
  });
});
