import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { createTenant, sampleFiling, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  stack = await startStack({ worker: false });
  tenant = await createTenant(stack.sequelize, ['secretariat', 'mediator', 'auditor']);
  other = await createTenant(stack.sequelize, ['secretariat']);
});
afterAll(() => stack.stop());

const refreshCookie = (setCookie: string[]) => setCookie.find((c) => c.startsWith('mz_refresh='))!.split(';')[0]!;

describe('login', () => {
  it('refuses a wrong password and an unknown e-mail with the same error', async () => {
    const wrong = await request(stack.app).post('/api/auth/login').send({ email: tenant.users.auditor!.email, password: 'sbagliata' });
    const unknown = await request(stack.app).post('/api/auth/login').send({ email: 'nessuno@prova.it', password: 'sbagliata' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body.error).toEqual(wrong.body.error);
    expect(wrong.body.error.message.it).toMatch(/password/);
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    const t = await createTenant(stack.sequelize, ['secretariat']);
    const email = t.users.secretariat!.email;
    for (let i = 0; i < stack.config.LOGIN_MAX_FAILURES; i++) {
      expect((await request(stack.app).post('/api/auth/login').send({ email, password: 'x' })).status).toBe(401);
    }
    const locked = await request(stack.app).post('/api/auth/login').send({ email, password: TEST_PASSWORD });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
  });

  it('returns a session scoped to the chosen body with its permissions', async () => {
    const { session, cookie } = await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD);
    expect(session.activeBodyId).toBe(tenant.bodyId);
    expect(session.permissions).toContain('cases.file');
    expect(refreshCookie(cookie)).toMatch(/^mz_refresh=/);
    expect(cookie.join(';')).toMatch(/HttpOnly/i);
  });
});

describe('refresh tokens', () => {
  it('rotate on use, and a replayed token revokes the whole family', async () => {
    const { cookie } = await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD);
    const first = refreshCookie(cookie);
    const r1 = await request(stack.app).post('/api/auth/refresh').set('Cookie', first).send({});
    expect(r1.status).toBe(200);
    const second = refreshCookie(r1.headers['set-cookie'] as unknown as string[]);
    expect(second).not.toBe(first);

    // Replayed later than the grace for concurrent tabs.
    await stack.sequelize.query("UPDATE refresh_tokens SET used_at = now() - interval '1 minute' WHERE user_id = :u AND used_at IS NOT NULL", {
      replacements: { u: tenant.users.secretariat!.id },
    });
    const replay = await request(stack.app).post('/api/auth/refresh').set('Cookie', first).send({});
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('REFRESH_INVALID');
    // The legitimate newer token died with its family.
    expect((await request(stack.app).post('/api/auth/refresh').set('Cookie', second).send({})).status).toBe(401);
  });

  it('tolerate two tabs refreshing with the same token at the same moment', async () => {
    const { cookie } = await login(stack.app, tenant.users.mediator!.email, TEST_PASSWORD);
    const c = refreshCookie(cookie);
    const [a, b] = await Promise.all([
      request(stack.app).post('/api/auth/refresh').set('Cookie', c).send({}),
      request(stack.app).post('/api/auth/refresh').set('Cookie', c).send({}),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
  });

  it('are revoked by logout', async () => {
    const { cookie } = await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD);
    const c = refreshCookie(cookie);
    expect((await request(stack.app).post('/api/auth/logout').set('Cookie', c)).status).toBe(204);
    expect((await request(stack.app).post('/api/auth/refresh').set('Cookie', c).send({})).status).toBe(401);
  });
});

describe('access tokens', () => {
  const path = () => `/api/bodies/${tenant.bodyId}/cases`;

  it('refuses a request without a token', async () => {
    const res = await request(stack.app).get(path());
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token', async () => {
    const expired = jwt.sign({ bid: tenant.bodyId }, stack.config.JWT_ACCESS_SECRET, {
      algorithm: 'HS256', subject: tenant.users.secretariat!.id, issuer: 'mediazione-aperta', audience: 'mediazione-aperta/api', expiresIn: -10,
    });
    const res = await request(stack.app).get(path()).set('Authorization', `Bearer ${expired}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('TOKEN_EXPIRED');
  });

  it('refuses a tampered token and one signed with another key or algorithm', async () => {
    const { token } = await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD);
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, bid: other.bodyId })).toString('base64url')}.${s}`;
    const forged = jwt.sign({ bid: tenant.bodyId }, 'another-secret-another-secret-1234567', { algorithm: 'HS256', subject: claims.sub, issuer: 'mediazione-aperta', audience: 'mediazione-aperta/api' });
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    for (const bad of [tampered, forged, none]) {
      const res = await request(stack.app).get(path()).set('Authorization', `Bearer ${bad}`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('TOKEN_INVALID');
    }
  });

  it("refuses a token of another body and does not file the case", async () => {
    const { token } = await login(stack.app, other.users.secretariat!.email, TEST_PASSWORD);
    const res = await request(stack.app).post(path()).set('Authorization', `Bearer ${token}`).set('Idempotency-Key', randomUUID()).send(sampleFiling());
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('BODY_MISMATCH');
    const [rows] = await stack.sequelize.query('SELECT count(*)::int AS n FROM cases WHERE body_id = :b', { replacements: { b: tenant.bodyId } });
    expect((rows as { n: number }[])[0]!.n).toBe(0);
  });

  it('refuses switching to a body the user does not belong to', async () => {
    const { token } = await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD);
    const res = await request(stack.app).post('/api/auth/switch-body').set('Authorization', `Bearer ${token}`).send({ bodyId: other.bodyId });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('BODY_FORBIDDEN');
  });

  it('enforces the role mapping: an auditor can read cases but not file one', async () => {
    const { token } = await login(stack.app, tenant.users.auditor!.email, TEST_PASSWORD);
    expect((await request(stack.app).get(path()).set('Authorization', `Bearer ${token}`)).status).toBe(200);
    const res = await request(stack.app).post(path()).set('Authorization', `Bearer ${token}`).set('Idempotency-Key', randomUUID()).send(sampleFiling());
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('PERMISSION_DENIED');
  });

  it("follows the body's own edits of the role mapping", async () => {
    const { token } = await login(stack.app, tenant.users.mediator!.email, TEST_PASSWORD);
    const roles = () => request(stack.app).get(`/api/bodies/${tenant.bodyId}/roles`).set('Authorization', `Bearer ${token}`);
    expect((await roles()).status).toBe(403);
    await stack.sequelize.query("INSERT INTO role_permissions (body_id, role, permission) VALUES (:b, 'mediator', 'roles.manage')", { replacements: { b: tenant.bodyId } });
    expect((await roles()).status).toBe(200);
  });
});
