import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../test-support/test-app';

describe('auth API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('POST /auth/login', () => {
    it('answers a JWT and the user for the right password', async () => {
      const response = await t.http.post('/api/v1/auth/login').send({ username: 'admin', password: TEST_ADMIN_PASSWORD }).expect(200);
      expect(response.body).toMatchObject({ token_type: 'Bearer', expires_in: 12 * 3600, user: { username: 'admin', role: 'admin' } });
      expect(response.body.access_token.split('.')).toHaveLength(3);
      expect(response.text).not.toContain('password_hash');
      const me = await t.http.get('/api/v1/auth/me').auth(response.body.access_token, { type: 'bearer' }).expect(200);
      expect(me.body).toMatchObject({ username: 'admin', role: 'admin' });
    });

    it('matches the username case-insensitively', async () => {
      await t.http.post('/api/v1/auth/login').send({ username: 'ADMIN', password: TEST_ADMIN_PASSWORD }).expect(200);
    });

    it('answers 401 for a wrong password and for an unknown user, with the same message', async () => {
      const wrong = await t.http.post('/api/v1/auth/login').send({ username: 'admin', password: 'not-the-password' }).expect(401);
      const unknown = await t.http.post('/api/v1/auth/login').send({ username: 'nobody', password: 'whatever1' }).expect(401);
      expect(wrong.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'wrong username or password', fields: [] });
      expect(unknown.body).toEqual(wrong.body);
    });

    it('answers 400 naming a missing field', async () => {
      const response = await t.http.post('/api/v1/auth/login').send({ username: 'admin' }).expect(400);
      expect(response.body.fields).toEqual(['password']);
    });
  });

  describe('tokens', () => {
    it('answers 401 without a token, with a malformed one and with a forged one', async () => {
      const none = await t.http.get('/api/v1/auth/me').expect(401);
      expect(none.body.message).toBe('a Bearer token is required');
      await t.http.get('/api/v1/auth/me').set('Authorization', `Basic ${Buffer.from('admin:x').toString('base64')}`).expect(401);
      const [header, payload] = t.adminToken.split('.');
      await t.http.get('/api/v1/auth/me').auth(`${header}.${payload}.forged-signature`, { type: 'bearer' }).expect(401);
    });

    it('refuses the token of a deleted user', async () => {
      const viewer = await t.loginAs('viewer');
      await t.http.delete(`/api/v1/users/${viewer.id}`).auth(t.adminToken, { type: 'bearer' }).expect(204);
      const response = await t.http.get('/api/v1/auth/me').auth(viewer.token, { type: 'bearer' }).expect(401);
      expect(response.body.message).toBe('the token belongs to no user');
    });

    it('keeps health and docs public', async () => {
      await t.http.get('/api/v1/health').expect(200);
      await t.http.get('/api/docs-json').expect(200);
    });
  });

  describe('POST /auth/password', () => {
    it("changes one's own password: the old one stops working, the new one logs in", async () => {
      const viewer = await t.loginAs('viewer', 'changer');
      await t.http
        .post('/api/v1/auth/password')
        .auth(viewer.token, { type: 'bearer' })
        .send({ current_password: 'changer-password', new_password: 'brand-new-password' })
        .expect(204);
      await t.http.post('/api/v1/auth/login').send({ username: 'changer', password: 'changer-password' }).expect(401);
      await t.http.post('/api/v1/auth/login').send({ username: 'changer', password: 'brand-new-password' }).expect(200);
    });

    it('answers 400 naming current_password when it is wrong', async () => {
      const viewer = await t.loginAs('viewer');
      const response = await t.http
        .post('/api/v1/auth/password')
        .auth(viewer.token, { type: 'bearer' })
        .send({ current_password: 'wrong-one', new_password: 'brand-new-password' })
        .expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, fields: ['current_password'] });
    });

    it('answers 400 naming new_password when it is too short', async () => {
      const response = await t.http
        .post('/api/v1/auth/password')
        .auth(t.adminToken, { type: 'bearer' })
        .send({ current_password: TEST_ADMIN_PASSWORD, new_password: 'short' })
        .expect(400);
      expect(response.body.fields).toEqual(['new_password']);
    });

    it('answers 401 without a token', async () => {
      await t.http.post('/api/v1/auth/password').send({ current_password: 'a', new_password: 'bbbbbbbb' }).expect(401);
    });

    it('answers 400 naming new_password when it is the username in any letter case', async () => {
      const viewer = await t.loginAs('viewer', 'same.as.name');
      const response = await t.http
        .post('/api/v1/auth/password')
        .auth(viewer.token, { type: 'bearer' })
        .send({ current_password: 'same.as.name-password', new_password: 'Same.As.Name' })
        .expect(400);
      expect(response.body).toMatchObject({ message: 'new_password must not be the username', fields: ['new_password'] });
    });

    it('answers 400 naming new_password past 72 bytes', async () => {
      const response = await t.http
        .post('/api/v1/auth/password')
        .auth(t.adminToken, { type: 'bearer' })
        .send({ current_password: TEST_ADMIN_PASSWORD, new_password: 'ü'.repeat(37) })
        .expect(400);
      expect(response.body).toMatchObject({ message: ['new_password must be at most 72 bytes'], fields: ['new_password'] });
    });
  });
});
