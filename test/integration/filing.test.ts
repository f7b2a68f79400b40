import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createTenant, sampleFiling, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let tenant: Tenant;
let token: string;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  stack = await startStack({ config: { SMTP_URL: sink.url } });
  tenant = await createTenant(stack.sequelize, ['secretariat', 'mediator']);
  token = (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token;
});
afterAll(async () => {
  await stack.stop();
  await sink.close();
});

const fileCase = (key: string, body: object = sampleFiling()) =>
  request(stack.app)
    .post(`/api/bodies/${tenant.bodyId}/cases`)
    .set('Authorization', `Bearer ${token}`)
    .set('Idempotency-Key', key)
    .send(body);

describe('filing a mediation', () => {
  it('registers the case with the next number of the body and year and shows it in list and detail', async () => {
    const res = await fileCase(randomUUID());
    expect(res.status).toBe(201);
    expect(res.body.caseNumber).toMatch(/^\d{4}\/\d+$/);
    expect(res.body.stage).toBe('ISCRITTA');

    const list = await request(stack.app).get(`/api/bodies/${tenant.bodyId}/cases`).set('Authorization', `Bearer ${token}`);
    expect(list.status).toBe(200);
    const item = list.body.items.find((c: { id: string }) => c.id === res.body.caseId);
    expect(item).toMatchObject({ caseNumber: res.body.caseNumber, applicants: ['Mario Rossi'], invited: ['Alfa Immobiliare S.r.l.'], stage: 'ISCRITTA' });

    const detail = await request(stack.app).get(`/api/bodies/${tenant.bodyId}/cases/${res.body.caseId}`).set('Authorization', `Bearer ${token}`);
    expect(detail.status).toBe(200);
    expect(detail.body.parties).toHaveLength(2);
    expect(detail.body.parties[0].lawyer).toMatchObject({ lastName: 'Bruno' });
    expect(detail.body.workflowId).toBe(res.body.workflowId);
  });

  it('returns the same case for a repeated request with the same idempotency key', async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([fileCase(key), fileCase(key)]);
    const c = await fileCase(key);
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(new Set([a.body.caseId, b.body.caseId, c.body.caseId]).size).toBe(1);
    expect(new Set([a.body.caseNumber, b.body.caseNumber, c.body.caseNumber]).size).toBe(1);
    const [rows] = await stack.sequelize.query('SELECT count(*)::int AS n FROM cases WHERE id = :id', { replacements: { id: a.body.caseId } });
    expect((rows as { n: number }[])[0]!.n).toBe(1);
  });

  it('tells the applicant by e-mail, once, that the case is registered', async () => {
    const key = randomUUID();
    const res = await fileCase(key);
    const subject = `Domanda di mediazione n. ${res.body.caseNumber} iscritta a registro`;
    const arrived = () => sink.messages.filter((m) => m.subject === subject);
    for (let i = 0; i < 100 && arrived().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    await fileCase(key);
    await new Promise((r) => setTimeout(r, 500));
    expect(arrived()).toHaveLength(1);
    expect(arrived()[0]!.to).toMatchObject({ value: [{ address: 'mario.rossi@example.it', name: 'Mario Rossi' }] });
    expect(arrived()[0]!.text).toContain(`Organismo di prova`);
  });

  it('is found in Temporal by its case number search attribute', async () => {
    const res = await fileCase(randomUUID());
    const query = `CaseNumber = '${res.body.caseNumber}' AND BodyId = '${tenant.bodyId}'`;
    let found: string[] = [];
    for (let i = 0; i < 50 && found.length === 0; i++) {
      found = [];
      for await (const wf of stack.temporal.client.workflow.list({ query })) found.push(wf.workflowId);
      if (found.length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(found).toEqual([res.body.workflowId]);
  });

  it('numbers concurrent filings without gaps or duplicates', async () => {
    const fresh = await createTenant(stack.sequelize, ['secretariat']);
    const t = (await login(stack.app, fresh.users.secretariat!.email, TEST_PASSWORD)).token;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(stack.app).post(`/api/bodies/${fresh.bodyId}/cases`).set('Authorization', `Bearer ${t}`).set('Idempotency-Key', randomUUID()).send(sampleFiling()),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => Number(String(r.body.caseNumber).split('/')[1])).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('keeps one registry entry per tax code across cases', async () => {
    await fileCase(randomUUID());
    const [rows] = await stack.sequelize.query("SELECT count(*)::int AS n FROM subjects WHERE body_id = :b AND tax_code = 'RSSMRA80A01H501U'", {
      replacements: { b: tenant.bodyId },
    });
    expect((rows as { n: number }[])[0]!.n).toBe(1);
  });
});
