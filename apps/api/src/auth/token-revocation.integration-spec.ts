import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../test-support/test-app';

describe('token revocation', () => {
  let t: TestApp;
  const bearer = { type: 'bearer' as const };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const me = (token: string) => t.http.get('/api/v1/auth/me').auth(token, bearer);
  const login = async (username: string, password: string): Promise<string> =>
    (await t.http.post('/api/v1/auth/login').send({ username, password }).expect(200)).body.access_token as string;

  it("changing one's password revokes every earlier token of the user, the one used included", async () => {
    const user = await t.loginAs('viewer', 'changer');
    const second = await login('changer', 'changer-password');
    await t.http.post('/api/v1/auth/password').auth(user.token, bearer).send({ current_password: 'changer-password', new_password: 'brand-new-password' }).expect(204);

    for (const old of [user.token, second]) expect((await me(old).expect(401)).body.message).toBe('the token has been revoked');
    const fresh = await login('changer', 'brand-new-password');
    expect((await me(fresh).expect(200)).body.username).toBe('changer');
  });

  it("an admin's password reset revokes the user's tokens, not the admin's", async () => {
    const user = await t.loginAs('viewer', 'reset.me');
    await t.http.patch(`/api/v1/users/${user.id}`).auth(t.adminToken, bearer).send({ password: 'reset-by-admin' }).expect(200);
    await me(user.token).expect(401);
    await me(t.adminToken).expect(200);
    await me(await login('reset.me', 'reset-by-admin')).expect(200);
  });

  it('demoting an admin revokes its tokens; the next login carries the viewer role', async () => {
    const other = await t.loginAs('admin', 'demoted.admin');
    await t.http.patch(`/api/v1/users/${other.id}`).auth(t.adminToken, bearer).send({ role: 'viewer' }).expect(200);
    await me(other.token).expect(401);
    await t.http.get('/api/v1/users').auth(other.token, bearer).expect(401);
    const fresh = await login('demoted.admin', 'demoted.admin-password');
    expect((await me(fresh).expect(200)).body.role).toBe('viewer');
    await t.http.get('/api/v1/users').auth(fresh, bearer).expect(403);
  });

  it('a rename or a promotion keeps the tokens', async () => {
    const user = await t.loginAs('viewer', 'renamed.later');
    await t.http.patch(`/api/v1/users/${user.id}`).auth(t.adminToken, bearer).send({ username: 'renamed.now', role: 'admin' }).expect(200);
    expect((await me(user.token).expect(200)).body).toMatchObject({ username: 'renamed.now', role: 'admin' });
  });

  describe('POST /auth/logout', () => {
    it('revokes the token presented and only that one', async () => {
      const first = await login('admin', TEST_ADMIN_PASSWORD);
      const second = await login('admin', TEST_ADMIN_PASSWORD);
      await t.http.post('/api/v1/auth/logout').auth(first, bearer).expect(204);
      expect((await me(first).expect(401)).body.message).toBe('the token has been revoked');
      await t.http.post('/api/v1/auth/logout').auth(first, bearer).expect(401);
      await me(second).expect(200);
    });

    it('answers 401 without a token', async () => {
      await t.http.post('/api/v1/auth/logout').expect(401);
    });

    it('forgets revocations of tokens that have expired anyway', async () => {
      const stale = randomUUID();
      await t.dataSource.query(`INSERT INTO revoked_tokens (jti, expires_at) VALUES ($1, now() - interval '1 minute')`, [stale]);
      const token = await login('admin', TEST_ADMIN_PASSWORD);
      await t.http.post('/api/v1/auth/logout').auth(token, bearer).expect(204);
      const rows: { jti: string }[] = await t.dataSource.query(`SELECT jti FROM revoked_tokens WHERE jti = $1`, [stale]);
      expect(rows).toEqual([]);
    });
  });

  describe('claims', () => {
    const adminClaims = async () => {
      const { id } = (await me(t.adminToken).expect(200)).body as { id: number };
      const [{ token_version }]: { token_version: number }[] = await t.dataSource.query('SELECT token_version FROM users WHERE id = $1', [id]);
      return { sub: id, role: 'admin', ver: token_version };
    };

    it('accepts a token signed with the key that carries every claim (the control case)', async () => {
      const token = await t.app.get(JwtService).signAsync(await adminClaims(), { expiresIn: 60, jwtid: randomUUID() });
      await me(token).expect(200);
    });

    it('refuses a token without exp, signed with the same key', async () => {
      const token = await t.app.get(JwtService).signAsync(await adminClaims(), { jwtid: randomUUID() });
      expect(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString())).not.toHaveProperty('exp');
      expect((await me(token).expect(401)).body.message).toBe('the token has no expiry');
    });

    it('refuses a token without jti (issued before revocation existed)', async () => {
      const token = await t.app.get(JwtService).signAsync(await adminClaims(), { expiresIn: 60 });
      await me(token).expect(401);
    });

    it('refuses a token of an older token_version', async () => {
      const claims = await adminClaims();
      const token = await t.app.get(JwtService).signAsync({ ...claims, ver: claims.ver + 1 }, { expiresIn: 60, jwtid: randomUUID() });
      expect((await me(token).expect(401)).body.message).toBe('the token has been revoked');
    });
  });
});
