/**
 * The communications view: each body reads its own outbox, written by the real e-mail activity
 * against a real SMTP server, with the status history of every message.
 */
import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import nodemailer from 'nodemailer';
import request from 'supertest';
import { createSendEmail, type SendEmailInput, type SendEmailResult } from '../../activities/notify/send-email';
import { registerCase } from '../../db/repositories/cases';
import { filingSchema } from '../../domain/mediation/matters';
import type { CommunicationView } from '../../domain/views/communication';
import { createTenant, sampleFiling, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let sink: SmtpSink;
let sendEmail: (i: SendEmailInput) => Promise<SendEmailResult>;
const mock = new MockActivityEnvironment();
const send = (i: SendEmailInput) => mock.run(sendEmail, i) as Promise<SendEmailResult>;

interface Side {
  tenant: Tenant;
  token: string;
  cases: { id: string; caseNumber: string }[];
}
let a: Side;
let b: Side;
/** Recipients are unique to this run, so a leak between bodies cannot hide among other suites' mail. */
const run = randomUUID().slice(0, 8);
const addr = (name: string) => `${name}.${run}@example.it`;

/** A case entered in the body's register by the records repository (no workflow, so no e-mail of its own). */
async function registeredCase(tenant: Tenant, number: number) {
  const caseId = randomUUID();
  const registration = await registerCase(stack.sequelize, {
    caseId,
    bodyId: tenant.bodyId,
    workflowId: `mediation:${tenant.bodyId}:${caseId}`,
    year: 2026,
    filedAt: new Date(Date.UTC(2026, 0, number)),
    filedBy: tenant.users.secretariat!.id,
    filing: filingSchema.parse(sampleFiling()),
  });
  return { id: caseId, caseNumber: registration.caseNumber };
}

function email(tenant: Tenant, to: string, caseId: string | null): SendEmailInput {
  return {
    idempotencyKey: `test:${randomUUID()}`,
    bodyId: tenant.bodyId,
    caseId,
    workflowId: caseId ? `mediation:${tenant.bodyId}:${caseId}` : null,
    to: { address: to, name: 'Mario Rossi' },
    template: 'case-registered',
    data: { caseNumber: '2026/1', subject: 'Ripartizione spese', bodyName: 'Organismo di prova' },
  };
}

async function side(roles: Parameters<typeof createTenant>[1]): Promise<Side> {
  const tenant = await createTenant(stack.sequelize, roles);
  const token = (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token;
  return { tenant, token, cases: [await registeredCase(tenant, 1), await registeredCase(tenant, 2)] };
}

const get = (s: Side, path: string, token = s.token) =>
  request(stack.app).get(`/api/bodies/${s.tenant.bodyId}${path}`).set('Authorization', `Bearer ${token}`);
const statuses = (c: CommunicationView) => c.history.map((h) => h.status);

beforeAll(async () => {
  stack = await startStack({ worker: false });
  sink = await startSmtpSink();
  sendEmail = createSendEmail({
    sequelize: stack.sequelize,
    transport: nodemailer.createTransport(sink.url),
    from: 'segreteria@odm.example.it',
    messageIdHost: 'mediazione.example.it',
  });
  a = await side(['secretariat', 'protocol_officer']);
  b = await side(['secretariat']);

  // Body A: two delivered messages on its first case, one refused for good on its second, one without a case.
  await send(email(a.tenant, addr('mario'), a.cases[0]!.id));
  await send(email(a.tenant, addr('lucia'), a.cases[0]!.id));
  sink.reject.permanent.add(addr('nessuno'));
  await expect(send(email(a.tenant, addr('nessuno'), a.cases[1]!.id))).rejects.toMatchObject({ type: 'EMAIL_REJECTED' });
  await send(email(a.tenant, addr('senza-caso'), null));
  // Body B: one delivered message.
  await send(email(b.tenant, addr('bianca'), b.cases[0]!.id));
});
afterAll(async () => {
  await sink?.close();
  await stack?.stop();
});

describe('communications of a body', () => {
  it('lists only the body’s own messages, newest first, with their history in order', async () => {
    const res = await get(a, '/communications');
    expect(res.status).toBe(200);
    const list = res.body as { items: CommunicationView[]; total: number };
    expect(list.total).toBe(4);
    expect(list.items.map((c) => c.recipientAddress)).toEqual([addr('senza-caso'), addr('nessuno'), addr('lucia'), addr('mario')]);
    const createdAt = list.items.map((c) => Date.parse(c.createdAt));
    expect([...createdAt].sort((x, y) => y - x)).toEqual(createdAt);

    const mario = list.items.find((c) => c.recipientAddress === addr('mario'))!;
    expect(mario).toMatchObject({
      channel: 'email',
      template: 'case-registered',
      status: 'sent',
      recipientName: 'Mario Rossi',
      subject: 'Domanda di mediazione n. 2026/1 iscritta a registro',
      caseId: a.cases[0]!.id,
      caseNumber: a.cases[0]!.caseNumber,
      attempts: 1,
    });
    expect(statuses(mario)).toEqual(['pending', 'sending', 'sent']);
    const times = mario.history.map((h) => Date.parse(h.at));
    expect(times.every((t, i) => !Number.isNaN(t) && (i === 0 || t >= times[i - 1]!))).toBe(true);
    expect(mario.history[2]!.detail).toMatchObject({ accepted: 1, rejected: 0, provider: 'smtp' });

    expect(list.items.find((c) => c.recipientAddress === addr('senza-caso'))).toMatchObject({ caseId: null, caseNumber: null, status: 'sent' });

    const other = await get(b, '/communications');
    expect(other.status).toBe(200);
    expect(other.body.total).toBe(1);
    expect(other.body.items).toEqual([
      expect.objectContaining({ recipientAddress: addr('bianca'), status: 'sent', caseId: b.cases[0]!.id, caseNumber: b.cases[0]!.caseNumber }),
    ]);
    expect(statuses(other.body.items[0])).toEqual(['pending', 'sending', 'sent']);
  });

  it('shows a message refused by the mail server as failed, with the SMTP code in its history', async () => {
    const res = await get(a, '/communications?status=failed');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    const failed = res.body.items[0] as CommunicationView;
    expect(failed).toMatchObject({ recipientAddress: addr('nessuno'), status: 'failed', caseNumber: a.cases[1]!.caseNumber });
    expect(statuses(failed)).toEqual(['pending', 'sending', 'failed']);
    expect(failed.history[2]!.detail).toEqual({ code: '550', provider: 'smtp' });
  });

  it('filters by status, channel and case, and pages', async () => {
    const sent = await get(a, '/communications?status=sent');
    expect(sent.body.total).toBe(3);
    expect(sent.body.items.every((c: CommunicationView) => c.status === 'sent')).toBe(true);

    expect((await get(a, '/communications?channel=email')).body.total).toBe(4);
    expect((await get(a, '/communications?channel=pec')).body).toEqual({ items: [], total: 0 });
    expect((await get(a, '/communications?status=pending&channel=email')).body).toEqual({ items: [], total: 0 });

    const ofCase = await get(a, `/communications?caseId=${a.cases[0]!.id}`);
    expect(ofCase.body.items.map((c: CommunicationView) => c.recipientAddress)).toEqual([addr('lucia'), addr('mario')]);

    const page = await get(a, '/communications?limit=2&offset=2');
    expect(page.body.total).toBe(4);
    expect(page.body.items.map((c: CommunicationView) => c.recipientAddress)).toEqual([addr('lucia'), addr('mario')]);

    const bad = await get(a, '/communications?status=teleported&channel=pigeon&limit=0');
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['channel', 'limit', 'status']);
    expect((await get(a, '/communications?caseId=42')).status).toBe(422);
  });

  it('lists the messages of one case, and treats a case of another body as unknown', async () => {
    const own = await get(a, `/cases/${a.cases[0]!.id}/communications`);
    expect(own.status).toBe(200);
    expect(own.body.total).toBe(2);
    expect(own.body.items.every((c: CommunicationView) => c.caseId === a.cases[0]!.id)).toBe(true);
    expect((await get(a, `/cases/${a.cases[1]!.id}/communications?status=sent`)).body).toEqual({ items: [], total: 0 });
    expect((await get(a, `/cases/${a.cases[1]!.id}/communications?status=failed`)).body.total).toBe(1);

    for (const caseId of [b.cases[0]!.id, randomUUID(), 'not-a-uuid']) {
      const res = await get(a, `/cases/${caseId}/communications`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('CASE_NOT_FOUND');
    }
    // Naming another body's case in the filter finds nothing either.
    expect((await get(a, `/communications?caseId=${b.cases[0]!.id}`)).body).toEqual({ items: [], total: 0 });
  });

  it('needs cases.read, and a token of the body itself', async () => {
    const officer = (await login(stack.app, a.tenant.users.protocol_officer!.email, TEST_PASSWORD)).token;
    for (const path of ['/communications', `/cases/${a.cases[0]!.id}/communications`]) {
      const res = await get(a, path, officer);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('PERMISSION_DENIED');
    }
    const foreign = await get(b, '/communications', a.token);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('BODY_MISMATCH');
    expect((await request(stack.app).get(`/api/bodies/${a.tenant.bodyId}/communications`)).status).toBe(401);
  });
});
