import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createTenant, sampleFiling, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let tenant: Tenant;
let token: string;

beforeAll(async () => {
  stack = await startStack();
  tenant = await createTenant(stack.sequelize, ['secretariat']);
  token = (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token;
});
afterAll(() => stack.stop());

async function counts() {
  const [rows] = await stack.sequelize.query(
    `SELECT (SELECT count(*) FROM cases WHERE body_id = :b)::int AS cases,
            (SELECT count(*) FROM subjects WHERE body_id = :b)::int AS subjects,
            (SELECT count(*) FROM audit_log WHERE body_id = :b AND action LIKE 'case.%')::int AS audit`,
    { replacements: { b: tenant.bodyId } },
  );
  let workflows = 0;
  for await (const _ of stack.temporal.client.workflow.list({ query: `BodyId = '${tenant.bodyId}'` })) workflows++;
  return { ...(rows as object[])[0], workflows };
}

const post = (body: string | object, key: string | null = randomUUID()) => {
  const r = request(stack.app).post(`/api/bodies/${tenant.bodyId}/cases`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json');
  if (key) r.set('Idempotency-Key', key);
  return r.send(typeof body === 'string' ? body : JSON.stringify(body));
};

describe('bad input is refused with a clear code and writes nothing', () => {
  let before: Awaited<ReturnType<typeof counts>>;
  beforeAll(async () => {
    before = await counts();
  });
  afterAll(async () => {
    expect(await counts()).toEqual(before);
  });

  it('malformed JSON', async () => {
    const res = await post('{"mediationType": "OBBLIGATORIA",');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'MALFORMED_JSON', message: { it: expect.any(String), en: expect.any(String) } });
  });

  it('a missing idempotency key', async () => {
    const res = await post(sampleFiling(), null);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('missing fields', async () => {
    const res = await post({ mediationType: 'OBBLIGATORIA' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const paths = res.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['matter', 'subject', 'facts', 'parties']));
  });

  it('wrong types', async () => {
    const res = await post(sampleFiling({ valueCents: 'mille', parties: 'nessuno' }));
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['valueCents', 'parties']));
  });

  it('an invalid tax code, reported on its field', async () => {
    const filing = sampleFiling();
    filing.parties[0]!.person.taxCode = 'RSSMRA80A01H501X';
    const res = await post(filing);
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toContainEqual({ path: 'parties.0.person.taxCode', code: 'INVALID_TAX_CODE' });
  });

  it('an invalid VAT number and phone', async () => {
    const filing = sampleFiling();
    filing.parties[1]!.person.vatNumber = '01234567890';
    filing.parties[0]!.person.phone = '12';
    const res = await post(filing);
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual(
      expect.arrayContaining([
        { path: 'parties.1.person.vatNumber', code: 'INVALID_VAT_NUMBER' },
        { path: 'parties.0.person.phone', code: 'INVALID_PHONE' },
      ]),
    );
  });

  it('a filing without an invited party', async () => {
    const filing = sampleFiling();
    filing.parties = filing.parties.slice(0, 1);
    const res = await post(filing);
    expect(res.status).toBe(422);
    expect(res.body.error.fields.map((f: { code: string }) => f.code)).toContain('INVITED_PARTY_REQUIRED');
  });

  it('an unknown case id and an unknown route', async () => {
    const a = await request(stack.app).get(`/api/bodies/${tenant.bodyId}/cases/${randomUUID()}`).set('Authorization', `Bearer ${token}`);
    const b = await request(stack.app).get(`/api/bodies/${tenant.bodyId}/cases/not-a-uuid`).set('Authorization', `Bearer ${token}`);
    const c = await request(stack.app).get('/api/nothing-here');
    expect([a.status, b.status, c.status]).toEqual([404, 404, 404]);
    expect(a.body.error.code).toBe('CASE_NOT_FOUND');
    expect(c.body.error.code).toBe('NOT_FOUND');
  });
});
