import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createTenant, sampleFiling, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let tenant: Tenant;
let admin: string;
let secretariat: string;

beforeAll(async () => {
  stack = await startStack();
  tenant = await createTenant(stack.sequelize, ['admin', 'secretariat', 'auditor']);
  admin = (await login(stack.app, tenant.users.admin!.email, TEST_PASSWORD)).token;
  secretariat = (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token;
});
afterAll(() => stack.stop());

const base = () => `/api/bodies/${tenant.bodyId}`;

describe('customisable access levels', () => {
  it('lists the mapping to admins only', async () => {
    const res = await request(stack.app).get(`${base()}/roles`).set('Authorization', `Bearer ${admin}`);
    expect(res.status).toBe(200);
    expect(res.body.mapping.secretariat).toContain('cases.file');
    expect((await request(stack.app).get(`${base()}/roles`).set('Authorization', `Bearer ${secretariat}`)).status).toBe(403);
  });

  it('lets an admin give the auditor the right to file, audited, effective at once', async () => {
    const auditor = (await login(stack.app, tenant.users.auditor!.email, TEST_PASSWORD)).token;
    const file = () => request(stack.app).post(`${base()}/cases`).set('Authorization', `Bearer ${auditor}`).set('Idempotency-Key', randomUUID()).send(sampleFiling());
    expect((await file()).status).toBe(403);

    const res = await request(stack.app)
      .put(`${base()}/roles/auditor/permissions`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ permissions: ['cases.read', 'cases.file'] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ role: 'auditor', permissions: ['cases.file', 'cases.read'] });
    expect((await file()).status).toBe(201);

    const [rows] = await stack.sequelize.query("SELECT user_id, details FROM audit_log WHERE body_id = :b AND action = 'roles.permissions_changed'", { replacements: { b: tenant.bodyId } });
    expect(rows).toEqual([{ user_id: tenant.users.admin!.id, details: expect.objectContaining({ after: ['cases.file', 'cases.read'] }) }]);
  });

  it('refuses unknown roles and permissions, and an admin role that could not manage roles, changing nothing', async () => {
    const put = (role: string, permissions: unknown) => request(stack.app).put(`${base()}/roles/${role}/permissions`).set('Authorization', `Bearer ${admin}`).send({ permissions });
    const before = (await request(stack.app).get(`${base()}/roles`).set('Authorization', `Bearer ${admin}`)).body.mapping;
    const answers = await Promise.all([put('pope', ['cases.read']), put('auditor', ['cases.delete_everything']), put('admin', ['cases.read'])]);
    expect(answers.map((r) => r.status)).toEqual([422, 422, 422]);
    expect(answers[2]!.body.error.fields).toEqual([{ path: 'permissions', code: 'ADMIN_MUST_MANAGE_ROLES' }]);
    const after = (await request(stack.app).get(`${base()}/roles`).set('Authorization', `Bearer ${admin}`)).body.mapping;
    expect(after).toEqual(before);
  });
});

describe('registry', () => {
  it('finds the persons and companies of filed cases, only in its own body', async () => {
    await request(stack.app).post(`${base()}/cases`).set('Authorization', `Bearer ${secretariat}`).set('Idempotency-Key', randomUUID()).send(sampleFiling());
    const res = await request(stack.app).get(`${base()}/registry?q=rossi`).set('Authorization', `Bearer ${secretariat}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([expect.objectContaining({ kind: 'person', lastName: 'Rossi', taxCode: 'RSSMRA80A01H501U' })]);

    const other = await createTenant(stack.sequelize, ['secretariat']);
    const t = (await login(stack.app, other.users.secretariat!.email, TEST_PASSWORD)).token;
    const foreign = await request(stack.app).get(`/api/bodies/${other.bodyId}/registry?q=rossi`).set('Authorization', `Bearer ${t}`);
    expect(foreign.body).toEqual({ items: [], total: 0 });
  });
});
