/**
 * The minutes of an online mediation signed through a signature cycle started by the mediation as a
 * CHILD workflow (art. 8-bis): parties and lawyers in parallel, verified, the mediator last; every
 * signer signs one-shot on the public page with the code read from the SMTP sink; on completion the
 * signed PDF is deposited (CONCLUSA) and sent to preservation. A refused or cancelled cycle keeps
 * the case at VERBALE_IN_FORMAZIONE with restart and manual deposit; a missing signer blocks the start.
 */
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { ensureBodySigningKeys } from '../../db/repositories/signing-credentials';
import type { MediationState } from '../../domain/views/mediation-state';
import { answerAdhesionUpdate } from '../../workflows/mediation/contract';
import { createTenant, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { flow, waitFor } from '../helpers/mediation-flow';
import { signOneShot } from '../helpers/minutes-signing';
import { hasTool, pdfsig } from '../helpers/signing-tools';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let tenant: Tenant;
let secretariat: string;
let f: ReturnType<typeof flow>;

const MEDIATOR_TAX_CODE = 'VRDGPP70C10F205B';
const laura = { firstName: 'Laura', lastName: 'Ferri', taxCode: 'FRRLCU90E50L219S', pec: 'laura.ferri@pec.example.it' };

beforeAll(async () => {
  stack = await startStack({ config: { DEADLINE_TIME_SCALE: '1' } });
  tenant = await createTenant(stack.sequelize, ['secretariat']);
  await ensureBodySigningKeys(stack.sequelize, tenant.bodyId, stack.config.SIGNING_KEYS_SECRET);
  secretariat = (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token;
  f = flow(stack, tenant, secretariat);
}, 60_000);
afterAll(() => stack?.stop());

const api = (path: string) => `/api/bodies/${tenant.bodyId}${path}`;
const auth = () => ({ Authorization: `Bearer ${secretariat}` });
/** A case taken to VERBALE_IN_FORMAZIONE: designation, convocation, adhesion (with a lawyer), one meeting, agreement. */
async function toMinutes(mode: 'video' | 'in_person', mediatorTaxCode: string | null) {
  const mediator = await f.newMediator();
  if (mediatorTaxCode) await stack.sequelize.query('UPDATE users SET tax_code = :tc WHERE id = :id', { replacements: { tc: mediatorTaxCode, id: mediator.id } });
  const caseId = await f.fileCase();
  await f.accepted(caseId, mediator);
  const convened = await f.convene(caseId, { mode, roomId: mode === 'video' ? null : undefined });
  expect(convened.status).toBe(200);
  const [row] = await stack.sequelize.query<{ workflow_id: string; case_number: string }>('SELECT workflow_id, case_number FROM cases WHERE id = :id', { type: QueryTypes.SELECT, replacements: { id: caseId } });
  await stack.temporal.client.workflow.getHandle(row!.workflow_id).executeUpdate(answerAdhesionUpdate, { args: [{ position: 1, adhere: true, lawyer: laura }] });
  const m = f.api(mediator.token);
  const held = await m.act(caseId, 'hold-meeting', { meetingId: convened.body.meetings[0].id, attendance: [{ position: 0, present: true }, { position: 1, present: true }] });
  expect(held.status).toBe(200);
  const outcome = await m.act(caseId, 'record-outcome', { kind: 'agreement', text: 'Le parti concordano la ripartizione delle spese.' });
  expect(outcome.status).toBe(200);
  expect(outcome.body.stage).toBe('VERBALE_IN_FORMAZIONE');
  return { caseId, mediator, caseNumber: row!.case_number };
}

const signatureOf = (caseId: string, ok: (s: MediationState['minutesSignature']) => boolean) =>
  waitFor(async () => (await f.stateOf(caseId)) as MediationState, (s) => ok(s.minutesSignature), 30_000);

describe('minutes signed through a child signature cycle', () => {
  it('starts the cycle at VERBALE_IN_FORMAZIONE with the art. 8-bis order; the signed minutes are deposited and preserved', async () => {
    const { caseId, mediator, caseNumber } = await toMinutes('video', MEDIATOR_TAX_CODE);
    const running = await signatureOf(caseId, (s) => s?.status === 'running');
    expect(running.minutesSignature).toMatchObject({ attempt: 1, status: 'running', missing: [] });
    expect(running.minutesSignature!.workflowId).toBe(`signature:mediation:${tenant.bodyId}:${caseId}:1`);
    // While the cycle runs the minutes cannot be deposited by hand, nor a second cycle started.
    expect(running.allowedActions).not.toContain('depositMinutes');
    const deposit = await f.sec.act(caseId, 'deposit-minutes', {});
    expect(deposit.status).toBe(409);
    expect(deposit.body.error.code).toBe('ACTION_NOT_ALLOWED');

    const cycle = (await request(stack.app).get(api(`/signature-cycles/${running.minutesSignature!.cycleId}`)).set(auth())).body;
    expect(cycle).toMatchObject({ parentKind: 'case', parentId: caseId, seq: 1 });
    const steps = Object.fromEntries(cycle.state.signers.map((s: { id: string; step: number }) => [s.id, s.step]));
    expect(steps).toEqual({ 'party-0': 0, 'lawyer-0': 0, 'lawyer-1': 0, mediator: 1 });
    // Parties sign one-shot (no certificate known); lawyers may also upload a file signed with their own device.
    const actions = Object.fromEntries(cycle.state.signers.map((s: { id: string; actions: string[] }) => [s.id, s.actions]));
    expect(actions['party-0']).not.toContain('uploadSigned');
    expect(actions['lawyer-0']).toEqual(expect.arrayContaining(['uploadSigned', 'signWithCode']));
    expect(actions.mediator).toEqual([]);

    const title = `Verbale della mediazione n. ${caseNumber}`;
    for (const address of ['mario.rossi@example.it', 'anna.bruno@pec.example.it', laura.pec]) await signOneShot(stack.app, stack.sink!, address, title);
    // The mediator is invited only after the parties' signatures were verified.
    await signOneShot(stack.app, stack.sink!, mediator.email, title);

    const done = await waitFor(async () => (await f.stateOf(caseId)) as MediationState, (s) => s.stage === 'CONCLUSA', 30_000);
    expect(done.minutesSignature).toMatchObject({ status: 'completed' });
    expect(done.minutesDocumentId).toBe(done.minutesSignature!.signedDocumentId);
    const docs = (await request(stack.app).get(api(`/cases/${caseId}/documents`)).set(auth())).body.items as { id: string; category: string }[];
    expect(docs.find((d) => d.id === done.minutesDocumentId)?.category).toBe('signed');
    const timeline = (await request(stack.app).get(api(`/cases/${caseId}/timeline`)).set(auth())).body.items as { action: string; details: Record<string, unknown> }[];
    expect(timeline.map((t) => t.action)).toEqual(expect.arrayContaining(['case.minutes_signature_started', 'case.concluded']));
    expect(timeline.find((t) => t.action === 'case.concluded')?.details).toMatchObject({ minutesDocumentId: done.minutesDocumentId, signatureCycleId: running.minutesSignature!.cycleId });

    if (hasTool('pdfsig')) {
      const bytes = (await request(stack.app).get(api(`/cases/${caseId}/documents/${done.minutesDocumentId}/content`)).set(auth()).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })).body as Buffer;
      const sigs = pdfsig(bytes);
      expect(sigs).toHaveLength(4);
      expect(sigs.every((s) => s.valid)).toBe(true);
    }
    // The cycle sent the signed minutes to preservation (its own child workflow).
    const packages = await waitFor(
      () => stack.sequelize.query<{ class_code: string }>("SELECT class_code FROM preservation_packages WHERE body_id = :b AND class_code = 'VERBALI_MEDIAZIONI'", { type: QueryTypes.SELECT, replacements: { b: tenant.bodyId } }),
      (rows) => rows.length > 0,
      30_000,
    );
    expect(packages).toHaveLength(1);
  }, 180_000);

  it('a refusal keeps the case at VERBALE_IN_FORMAZIONE; the secretariat restarts, cancels and deposits by hand', async () => {
    const { caseId, caseNumber } = await toMinutes('video', MEDIATOR_TAX_CODE);
    const running = await signatureOf(caseId, (s) => s?.status === 'running');
    const mine = () => stack.sink!.messages.filter((m) => (m.subject ?? '').includes(`Documento da firmare: Verbale della mediazione n. ${caseNumber}`) && JSON.stringify(m.to).includes('mario.rossi'));
    await waitFor(async () => mine(), (l) => l.length > 0, 30_000);
    const links = mine().map((m) => /\/firma\/([A-Za-z0-9._-]+)/.exec(m.text ?? '')![1]!);
    let refused = false;
    for (const link of links) {
      const r = await request(stack.app).post(`/api/public/signature/${link}/refuse`).send({ reason: 'Il testo non corrisponde a quanto concordato' });
      if (r.status === 200) refused = true;
    }
    expect(refused).toBe(true);
    const after = await signatureOf(caseId, (s) => s?.status === 'refused');
    expect(after.stage).toBe('VERBALE_IN_FORMAZIONE');
    expect(after.minutesSignature).toMatchObject({ attempt: 1, status: 'refused', cycleId: running.minutesSignature!.cycleId });
    expect(after.allowedActions).toEqual(expect.arrayContaining(['depositMinutes', 'signMinutes']));

    // Restart: a new cycle (number 2 of the case); this time the mediator signs only with an own device.
    const restart = await f.sec.act(caseId, 'sign-minutes', { methods: { mediator: 'own-device' } });
    expect(restart.status).toBe(200);
    const second = await signatureOf(caseId, (s) => s?.attempt === 2 && s.status === 'running');
    expect(second.minutesSignature!.workflowId).toMatch(/:2$/);
    const cycle = (await request(stack.app).get(api(`/signature-cycles/${second.minutesSignature!.cycleId}`)).set(auth())).body;
    expect(cycle.seq).toBe(2);

    const cancelled = await request(stack.app).post(api(`/signature-cycles/${second.minutesSignature!.cycleId}/cancel`)).set(auth()).send({ reason: 'Firma in presenza' });
    expect(cancelled.status).toBe(200);
    const stopped = await signatureOf(caseId, (s) => s?.status === 'cancelled');
    expect(stopped.stage).toBe('VERBALE_IN_FORMAZIONE');
    const deposit = await f.sec.act(caseId, 'deposit-minutes', {});
    expect(deposit.status).toBe(200);
    expect(deposit.body.stage).toBe('CONCLUSA');
    const timeline = (await request(stack.app).get(api(`/cases/${caseId}/timeline`)).set(auth())).body.items as { action: string; details: { status?: string } }[];
    expect(timeline.filter((t) => t.action === 'case.minutes_signature_ended').map((t) => t.details.status)).toEqual(['refused', 'cancelled']);
  }, 180_000);

  it('in person nothing starts by itself; a mediator without a tax code blocks the cycle, and the deposit by hand still works', async () => {
    const { caseId } = await toMinutes('in_person', null);
    const state = (await f.stateOf(caseId)) as MediationState;
    expect(state.minutesSignature).toBeNull();
    expect(state.allowedActions).toEqual(expect.arrayContaining(['depositMinutes', 'signMinutes']));
    const bad = await f.sec.act(caseId, 'sign-minutes', { methods: { mediator: 'fax' } });
    expect(bad.status).toBe(422);
    const started = await f.sec.act(caseId, 'sign-minutes', {});
    expect(started.status).toBe(200);
    const blocked = await signatureOf(caseId, (s) => s?.status === 'needs_signers');
    expect(blocked.minutesSignature!.missing).toEqual(['mediator']);
    expect(blocked.allowedActions).toContain('depositMinutes');
    const deposit = await f.sec.act(caseId, 'deposit-minutes', {});
    expect(deposit.body.stage).toBe('CONCLUSA');
  }, 120_000);
});
