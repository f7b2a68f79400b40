/**
 * Designation of the mediator on the real stack: criteria, acceptance with the declaration, refusal
 * and expiry of the answer term with automatic re-designation, and actions refused out of order.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { addMediator, createTenant, sampleFiling, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let tenant: Tenant;
let secretariat: string;

beforeAll(async () => {
  stack = await startStack();
  tenant = await createTenant(stack.sequelize, ['secretariat']);
  secretariat = (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token;
});
afterAll(() => stack.stop());

const declaration = { text: 'Dichiaro di essere indipendente e imparziale rispetto alle parti…', version: '2026-01', accepted: true };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function fileCase() {
  const res = await request(stack.app).post(`/api/bodies/${tenant.bodyId}/cases`).set('Authorization', `Bearer ${secretariat}`).set('Idempotency-Key', randomUUID()).send(sampleFiling());
  expect(res.status).toBe(201);
  return res.body.caseId as string;
}
const act = (token: string, caseId: string, action: string, body: object) =>
  request(stack.app).post(`/api/bodies/${tenant.bodyId}/cases/${caseId}/actions/${action}`).set('Authorization', `Bearer ${token}`).send(body);
const stateOf = async (caseId: string) =>
  (await request(stack.app).get(`/api/bodies/${tenant.bodyId}/cases/${caseId}/state`).set('Authorization', `Bearer ${secretariat}`)).body;

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await sleep(200);
  }
}

describe('designation of the mediator', () => {
  // Mediators of this suite's body, created in order: rotation picks the one never designated first.
  let a: { id: string; email: string; token: string };
  let b: { id: string; email: string; token: string };
  beforeAll(async () => {
    const ma = await addMediator(stack.sequelize, tenant.bodyId);
    const mb = await addMediator(stack.sequelize, tenant.bodyId);
    a = { ...ma, token: (await login(stack.app, ma.email, TEST_PASSWORD)).token };
    b = { ...mb, token: (await login(stack.app, mb.email, TEST_PASSWORD)).token };
  });

  it('designates by rotation, and the designated mediator accepts with the declaration', async () => {
    const caseId = await fileCase();
    const designated = await act(secretariat, caseId, 'designate-mediator', { criterion: 'rotation' });
    expect(designated.status).toBe(200);
    expect(designated.body).toMatchObject({ stage: 'MEDIATORE_DESIGNATO', allowedActions: ['withdraw', 'answerAppointment', 'changeAnswerDeadline'] });
    // The term ends at the end of a day in Rome (23:59:59.999 local time), whatever the season.
    const due = new Date(designated.body.designation.answerDueAt);
    expect(new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(due)).toBe('23:59:59');
    const chosen = designated.body.designation.mediatorId === a.id ? a : b;
    const other = chosen === a ? b : a;

    // Another mediator does not even see the case (cases.read_own)…
    const stranger = await act(other.token, caseId, 'answer-appointment', { accept: true, declaration });
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('CASE_NOT_FOUND');
    // …and one who can read every case (here: the role widened by the body) is refused by the workflow.
    await stack.sequelize.query("INSERT INTO role_permissions (body_id, role, permission) VALUES (:b, 'mediator', 'cases.read')", { replacements: { b: tenant.bodyId } });
    const intruder = await act(other.token, caseId, 'answer-appointment', { accept: true, declaration });
    await stack.sequelize.query("DELETE FROM role_permissions WHERE body_id = :b AND role = 'mediator' AND permission = 'cases.read'", { replacements: { b: tenant.bodyId } });
    expect(intruder.status).toBe(403);
    expect(intruder.body.error.code).toBe('NOT_ASSIGNED_MEDIATOR');
    const noDeclaration = await act(chosen.token, caseId, 'answer-appointment', { accept: true });
    expect(noDeclaration.status).toBe(422);

    const accepted = await act(chosen.token, caseId, 'answer-appointment', { accept: true, declaration });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ mediatorAccepted: true, mediatorId: chosen.id, designation: null });
    const [rows] = await stack.sequelize.query('SELECT outcome, declaration, chosen_by, criterion FROM designations WHERE case_id = :caseId', { replacements: { caseId } });
    expect(rows).toEqual([
      { outcome: 'accepted', criterion: 'rotation', chosen_by: tenant.users.secretariat!.id, declaration: expect.objectContaining({ text: declaration.text, version: '2026-01', acceptedBy: chosen.id }) },
    ]);

    // The secretariat's list of mediators, for manual designation.
    const list = await request(stack.app).get(`/api/bodies/${tenant.bodyId}/mediators`).set('Authorization', `Bearer ${secretariat}`);
    expect(list.body.map((m: { id: string }) => m.id).sort()).toEqual([a.id, b.id].sort());

    // Out of order: no second designation, no second answer.
    const again = await act(secretariat, caseId, 'designate-mediator', { criterion: 'rotation' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ACTION_NOT_ALLOWED');
    expect((await act(chosen.token, caseId, 'answer-appointment', { accept: false, refusalReason: 'ripensamento' })).status).toBe(409);
  });

  it("shows a mediator only the cases they are designated to", async () => {
    const caseId = await fileCase();
    const chosenId = (await act(secretariat, caseId, 'designate-mediator', { criterion: 'rotation' })).body.designation.mediatorId as string;
    const chosen = chosenId === a.id ? a : b;
    const other = chosen === a ? b : a;
    const mine = await request(stack.app).get(`/api/bodies/${tenant.bodyId}/cases`).set('Authorization', `Bearer ${chosen.token}`);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(caseId);
    const theirs = await request(stack.app).get(`/api/bodies/${tenant.bodyId}/cases`).set('Authorization', `Bearer ${other.token}`);
    expect(theirs.body.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
    const detail = await request(stack.app).get(`/api/bodies/${tenant.bodyId}/cases/${caseId}`).set('Authorization', `Bearer ${chosen.token}`);
    expect(detail.body.mediator).toEqual({ id: chosen.id, fullName: expect.stringMatching(/^Mediatore /) });
    expect((await request(stack.app).get(`/api/bodies/${tenant.bodyId}/cases/${caseId}`).set('Authorization', `Bearer ${other.token}`)).status).toBe(404);
  });

  it('re-designates automatically when the mediator refuses, excluding them', async () => {
    const caseId = await fileCase();
    const first = (await act(secretariat, caseId, 'designate-mediator', { criterion: 'rotation' })).body.designation.mediatorId as string;
    const refuser = first === a.id ? a : b;
    const refused = await act(refuser.token, caseId, 'answer-appointment', { accept: false, refusalReason: 'Conflitto di agenda' });
    expect(refused.status).toBe(200);
    const s = await waitFor(() => stateOf(caseId), (v) => v.designation?.seq === 2);
    expect(s).toMatchObject({ stage: 'MEDIATORE_DESIGNATO', excludedMediators: [refuser.id] });
    expect(s.designation.mediatorId).not.toBe(refuser.id);
  });

  it('re-designates when the answer term passes, and asks for a manual choice when nobody is left', async () => {
    const caseId = await fileCase();
    const designated = await act(secretariat, caseId, 'designate-mediator', { criterion: 'availability' });
    expect(designated.status).toBe(200);
    const inPast = await act(secretariat, caseId, 'change-answer-deadline', { dueAt: new Date(Date.now() - 1000).toISOString() });
    expect(inPast.status).toBe(422);
    expect((await act(secretariat, caseId, 'change-answer-deadline', { dueAt: new Date(Date.now() + 1500).toISOString() })).status).toBe(200);
    const second = await waitFor(() => stateOf(caseId), (v) => v.designation?.seq === 2);
    expect(second.excludedMediators).toEqual([designated.body.designation.mediatorId]);
    expect((await act(secretariat, caseId, 'change-answer-deadline', { dueAt: new Date(Date.now() + 1500).toISOString() })).status).toBe(200);
    const blocked = await waitFor(() => stateOf(caseId), (v) => v.designationBlocked === true);
    expect(blocked).toMatchObject({ stage: 'ISCRITTA', designation: null, allowedActions: ['withdraw', 'designateMediator'] });
    const [rows] = await stack.sequelize.query('SELECT seq, outcome FROM designations WHERE case_id = :caseId ORDER BY seq', { replacements: { caseId } });
    expect(rows).toEqual([
      { seq: 1, outcome: 'expired' },
      { seq: 2, outcome: 'expired' },
    ]);
    // The secretariat then designates by hand, with a reason; an excluded mediator is not eligible.
    const manual = await act(secretariat, caseId, 'designate-mediator', { criterion: 'manual', mediatorId: a.id, reason: 'Indicazione concorde delle parti' });
    expect(manual.status).toBe(409);
    expect(manual.body.error.code).toBe('MEDIATOR_NOT_ELIGIBLE');
  });

  it('refuses actions on a case of another body and without the permission', async () => {
    const caseId = await fileCase();
    const other = await createTenant(stack.sequelize, ['secretariat']);
    const t = (await login(stack.app, other.users.secretariat!.email, TEST_PASSWORD)).token;
    const foreign = await request(stack.app).post(`/api/bodies/${other.bodyId}/cases/${caseId}/actions/designate-mediator`).set('Authorization', `Bearer ${t}`).send({ criterion: 'rotation' });
    expect(foreign.status).toBe(404);
    expect((await act(a.token, caseId, 'designate-mediator', { criterion: 'rotation' })).status).toBe(403);
    expect((await stateOf(caseId)).stage).toBe('ISCRITTA');
  });

  it('closes a designation still awaiting the answer as cancelled when the applicant withdraws', async () => {
    const caseId = await fileCase();
    expect((await act(secretariat, caseId, 'designate-mediator', { criterion: 'rotation' })).status).toBe(200);
    const withdrawn = await act(secretariat, caseId, 'withdraw', { reason: 'Rinuncia della parte istante' });
    expect(withdrawn.body.stage).toBe('ARCHIVIATA');
    const [rows] = await stack.sequelize.query('SELECT outcome FROM designations WHERE case_id = :caseId', { replacements: { caseId } });
    expect(rows).toEqual([{ outcome: 'cancelled' }]);
    const [cases] = await stack.sequelize.query('SELECT stage, mediator_id FROM cases WHERE id = :caseId', { replacements: { caseId } });
    expect(cases).toEqual([{ stage: 'ARCHIVIATA', mediator_id: null }]);
  });
});
