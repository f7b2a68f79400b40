/**
 * The HTTP side of signatures and preservation: a cycle started from a case, the signer's public
 * page (copy, code, one-shot signature), the monitoring state, verification of any uploaded file
 * with the report PDF, preservation submission, control panel and exhibition (audit-logged).
 */
import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { ensureBodySigningKeys } from '../../db/repositories/signing-credentials';
import { createTenant, sampleFiling, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { hasTool, pdfsig, samplePdf } from '../helpers/signing-tools';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let tenant: Tenant;
let token: string;
let partyToken: string;
let caseId: string;
let documentId: string;

const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
const api = (path: string) => `/api/bodies/${tenant.bodyId}${path}`;

beforeAll(async () => {
  stack = await startStack();
  tenant = await createTenant(stack.sequelize, ['secretariat', 'manager', 'party']);
  await ensureBodySigningKeys(stack.sequelize, tenant.bodyId, stack.config.SIGNING_KEYS_SECRET);
  token = (await login(stack.app, tenant.users.manager!.email, TEST_PASSWORD)).token;
  partyToken = (await login(stack.app, tenant.users.party!.email, TEST_PASSWORD)).token;
  const filed = await request(stack.app).post(api('/cases')).set(auth(token)).set('Idempotency-Key', randomUUID()).send(sampleFiling());
  caseId = filed.body.caseId;
  const up = await request(stack.app).post(api(`/cases/${caseId}/documents?category=agreement`)).set(auth(token)).set('Content-Type', 'application/octet-stream').set('X-Filename', 'verbale.pdf').send(await samplePdf());
  documentId = up.body.id;
});
afterAll(() => stack.stop());

const cycleBody = () => ({
  title: 'Verbale di mediazione',
  documentIds: [documentId],
  signers: [{ id: 'rossi', givenName: 'Mario', surname: 'Rossi', taxCode: 'rssmra80a01h501u', email: 'mario.rossi@example.it', role: 'party', box: { page: 1, x: 40, y: 60, width: 165, height: 60 } }],
  steps: [['rossi']],
  deadlineSeconds: 600,
  preservation: { classCode: 'VERBALI_MEDIAZIONI', metadata: { oggetto: 'Verbale', data_documento: '2026-11-20', numero_procedimento: '2026/1' } },
});

describe('signature and preservation API', () => {
  it('refuses bad input and other roles, writing nothing', async () => {
    const count = async () => (await stack.sequelize.query<{ n: number }>('SELECT count(*)::int AS n FROM signature_cycles WHERE body_id = :b', { type: QueryTypes.SELECT, replacements: { b: tenant.bodyId } }))[0]!.n;
    const before = await count();
    const bad = await request(stack.app).post(api(`/cases/${caseId}/signature-cycles`)).set(auth(token)).send({ ...cycleBody(), steps: [['nobody']] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const badCode = await request(stack.app).post(api(`/cases/${caseId}/signature-cycles`)).set(auth(token)).send({ ...cycleBody(), signers: [{ ...cycleBody().signers[0], taxCode: 'RSSMRA80A01H501X' }] });
    expect(badCode.status).toBe(422);
    const foreignDoc = await request(stack.app).post(api(`/cases/${caseId}/signature-cycles`)).set(auth(token)).send({ ...cycleBody(), documentIds: [randomUUID()] });
    expect(foreignDoc.body.error.code).toBe('DOCUMENT_NOT_FOUND');
    const party = await request(stack.app).post(api(`/cases/${caseId}/signature-cycles`)).set(auth(partyToken)).send(cycleBody());
    expect(party.status).toBe(403);
    expect(await count()).toBe(before);
    expect((await request(stack.app).get('/api/public/signature/not-a-token')).body.error.code).toBe('LINK_INVALID');
  });

  it('starts a cycle from a case; the signer signs one-shot on the public page; the result lands in the case file and in preservation', async () => {
    const started = await request(stack.app).post(api(`/cases/${caseId}/signature-cycles`)).set(auth(token)).send(cycleBody());
    expect(started.status).toBe(201);
    expect(started.body.workflowId).toMatch(new RegExp(`^signature:mediation:${tenant.bodyId}:${caseId}:1$`));
    const mail = async () => stack.sink!.messages.find((m) => /Documento da firmare/.test(m.subject ?? '') && JSON.stringify(m.to).includes('mario.rossi'));
    let invite;
    for (let i = 0; i < 100 && !(invite = await mail()); i++) await new Promise((r) => setTimeout(r, 200));
    const link = /\/firma\/([A-Za-z0-9._-]+)/.exec(invite!.text ?? '')![1]!;

    const page = await request(stack.app).get(`/api/public/signature/${link}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ title: 'Verbale di mediazione', status: 'running', signer: { name: 'Mario Rossi' } });
    const copy = await request(stack.app).get(`/api/public/signature/${link}/documents/0`).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect((copy.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    const sent = await request(stack.app).post(`/api/public/signature/${link}/code`).send({ channel: 'email' });
    expect(sent.status).toBe(200);
    let codeMail;
    for (let i = 0; i < 100 && !(codeMail = stack.sink!.messages.find((m) => /Codice per la firma/.test(m.subject ?? '') && JSON.stringify(m.to).includes('mario.rossi'))); i++) await new Promise((r) => setTimeout(r, 200));
    const code = /\b(\d{6})\b/.exec(codeMail!.text ?? '')![1]!;
    expect((await request(stack.app).post(`/api/public/signature/${link}/sign`).send({ code: code === '111111' ? '222222' : '111111' })).body.error.code).toBe('OTP_INVALID');
    const signed = await request(stack.app).post(`/api/public/signature/${link}/sign`).send({ code });
    expect(signed.body.signer.status).toBe('signed');

    let state;
    for (let i = 0; i < 100; i++) {
      state = (await request(stack.app).get(api(`/signature-cycles/${started.body.id}`)).set(auth(token))).body;
      if (state.state.status === 'completed' && state.state.preservationWorkflowId) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(state.state.status).toBe('completed');
    const docs = (await request(stack.app).get(api(`/cases/${caseId}/documents`)).set(auth(token))).body.items as { id: string; category: string }[];
    const final = docs.find((d) => d.category === 'signed')!;
    const bytes = (await request(stack.app).get(api(`/cases/${caseId}/documents/${final.id}/content`)).set(auth(token)).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    })).body as Buffer;
    if (hasTool('pdfsig')) expect(pdfsig(bytes).map((s) => s.valid)).toEqual([true]);

    // Verification of the uploaded file, with the report to download.
    const verified = await request(stack.app).post(api('/signature-verifications')).set(auth(token)).set('Content-Type', 'application/octet-stream').set('X-Filename', 'verbale-firmato.pdf').send(bytes);
    expect(verified.status).toBe(201);
    expect(verified.body.report.outcome).toBe('valid');
    expect(verified.body.report.signatures[0]).toMatchObject({ taxCode: 'RSSMRA80A01H501U', chain: 'trusted', revocation: 'not_checked' });
    const report = await request(stack.app).get(api(`/signature-verifications/${verified.body.id}/report`)).set(auth(token));
    expect(report.headers['content-type']).toBe('application/pdf');

    // Preservation started automatically: the package is on the control panel and can be exhibited.
    let panel;
    for (let i = 0; i < 100; i++) {
      panel = (await request(stack.app).get(api('/preservation/packages')).set(auth(token))).body;
      if (panel.packages.length > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(panel.packages[0]).toMatchObject({ classCode: 'VERBALI_MEDIAZIONI', files: 1 });
    const pdd = await request(stack.app).get(api(`/preservation/packages/${panel.packages[0].id}/distribution`)).set(auth(token));
    expect(pdd.status).toBe(200);
    expect(pdd.headers['x-integrity']).toBe('ok');
    const audit = await stack.sequelize.query<{ action: string }>("SELECT action FROM audit_log WHERE body_id = :b AND action LIKE 'preservation.%' ORDER BY id", { type: QueryTypes.SELECT, replacements: { b: tenant.bodyId } });
    expect(audit.map((a) => a.action)).toEqual(['preservation.preserved', 'preservation.exhibited']);
    expect((await request(stack.app).get(api(`/preservation/packages/${panel.packages[0].id}/distribution`)).set(auth(partyToken))).status).toBe(403);
  });

  it('lists the 36 standard classes and lets the body add its own', async () => {
    const list = await request(stack.app).get(api('/preservation/classes')).set(auth(token));
    expect(list.body.items.filter((c: { standard: boolean }) => c.standard)).toHaveLength(36);
    const added = await request(stack.app).post(api('/preservation/classes')).set(auth(token)).send({ code: 'CONVENZIONI', name: 'Convenzioni', retentionYears: null, metadata: [{ key: 'oggetto', label: 'Oggetto', required: true }] });
    expect(added.status).toBe(201);
    const again = await request(stack.app).post(api('/preservation/classes')).set(auth(token)).send({ code: 'CONVENZIONI', name: 'Convenzioni', retentionYears: null, metadata: [{ key: 'oggetto', label: 'Oggetto', required: true }] });
    expect(again.status).toBe(422);
  });
});
