/**
 * Starting a cycle is retriable: when the workflow start fails after the number was reserved, the
 * row does not stay `starting` (it becomes `failed`, audited) and a retry with the same
 * Idempotency-Key reuses that row and number; a repeat after success returns the same cycle; the
 * same key with another request is refused. The failure is real: the API's Temporal connection is
 * closed.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { createApp } from '../../api/app';
import { connectTemporal } from '../../api/temporal-client';
import { ensureBodySigningKeys } from '../../db/repositories/signing-credentials';
import { createTenant, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { flow } from '../helpers/mediation-flow';
import { samplePdf } from '../helpers/signing-tools';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let tenant: Tenant;
let token: string;
let caseId: string;
let documentId: string;

const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
const api = (path: string) => `/api/bodies/${tenant.bodyId}${path}`;

beforeAll(async () => {
  stack = await startStack();
  tenant = await createTenant(stack.sequelize, ['secretariat']);
  await ensureBodySigningKeys(stack.sequelize, tenant.bodyId, stack.config.SIGNING_KEYS_SECRET);
  token = (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token;
  caseId = await flow(stack, tenant, token).fileCase();
  const up = await request(stack.app).post(api(`/cases/${caseId}/documents?category=agreement`)).set(auth(token)).set('Content-Type', 'application/octet-stream').set('X-Filename', 'verbale.pdf').send(await samplePdf());
  documentId = up.body.id;
});
afterAll(() => stack.stop());

const cycleBody = (title = 'Verbale di mediazione') => ({
  title,
  documentIds: [documentId],
  signers: [{ id: 'party-0', givenName: 'Mario', surname: 'Rossi', taxCode: 'RSSMRA80A01H501U', email: 'mario.rossi@example.it', role: 'party' }],
  steps: [['party-0']],
  deadlineSeconds: 600,
});

const rows = () =>
  stack.sequelize.query<{ id: string; seq: number; status: string; workflow_id: string }>("SELECT id, seq, status, workflow_id FROM signature_cycles WHERE body_id = :bodyId AND parent_kind = 'case' AND parent_id = :caseId ORDER BY seq", {
    type: QueryTypes.SELECT,
    replacements: { bodyId: tenant.bodyId, caseId },
  });

describe('starting a signature cycle', () => {
  it('marks a failed start `failed`, then a retry with the same key reuses the row and number', async () => {
    const broken = await connectTemporal(stack.config);
    const brokenApp = createApp({ config: stack.config, sequelize: stack.sequelize, temporal: broken, logger: pino({ level: 'silent' }) });
    await broken.close();
    const key = randomUUID();
    const failed = await request(brokenApp).post(api(`/cases/${caseId}/signature-cycles`)).set(auth(token)).set('Idempotency-Key', key).send(cycleBody());
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe('SERVICE_UNAVAILABLE');
    const [row] = await rows();
    expect(row).toMatchObject({ seq: 1, status: 'failed' });
    const audit = await stack.sequelize.query<{ action: string }>('SELECT action FROM audit_log WHERE body_id = :bodyId AND entity_id = :id ORDER BY id', { type: QueryTypes.SELECT, replacements: { bodyId: tenant.bodyId, id: row!.id } });
    expect(audit.map((a) => a.action)).toEqual(['signature.cycle_requested', 'signature.cycle_start_failed']);

    const retried = await request(stack.app).post(api(`/cases/${caseId}/signature-cycles`)).set(auth(token)).set('Idempotency-Key', key).send(cycleBody());
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ id: row!.id, workflowId: row!.workflow_id, seq: 1, reused: true });
    let state;
    for (let i = 0; i < 100; i++) {
      state = await request(stack.app).get(api(`/signature-cycles/${row!.id}`)).set(auth(token));
      if (state.body.status === 'running') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(state!.body).toMatchObject({ status: 'running', state: { status: 'running' } });

    // A repeat after success: the same cycle, no new number, no second workflow.
    const again = await request(stack.app).post(api(`/cases/${caseId}/signature-cycles`)).set(auth(token)).set('Idempotency-Key', key).send(cycleBody());
    expect(again.body).toMatchObject({ id: row!.id, seq: 1, reused: true });
    expect((await rows()).length).toBe(1);
  });

  it('refuses the same key with another request, and a malformed key, changing nothing', async () => {
    const before = await rows();
    const key = randomUUID();
    const first = await request(stack.app).post(api(`/cases/${caseId}/signature-cycles`)).set(auth(token)).set('Idempotency-Key', key).send(cycleBody('Accordo'));
    expect(first.status).toBe(201);
    expect(first.body.seq).toBe(before.length + 1);
    const other = await request(stack.app).post(api(`/cases/${caseId}/signature-cycles`)).set(auth(token)).set('Idempotency-Key', key).send(cycleBody('Altro titolo'));
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const malformed = await request(stack.app).post(api(`/cases/${caseId}/signature-cycles`)).set(auth(token)).set('Idempotency-Key', 'not-a-uuid').send(cycleBody('Terzo'));
    expect(malformed.status).toBe(422);
    expect((await rows()).length).toBe(before.length + 1);
    // Without a key each request is a new cycle (numbers stay consecutive).
    const plain = await request(stack.app).post(api(`/cases/${caseId}/signature-cycles`)).set(auth(token)).send(cycleBody('Quarto'));
    expect(plain.body.seq).toBe(before.length + 2);
  });
});
