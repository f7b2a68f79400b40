/**
 * The OCC file before the court: opening with the access rules, quote (econ activities), designation
 * and acceptance with the independence declaration, refusal and automatic re-designation, the 7-day
 * notice to the tax offices as a durable timer that expires with e-mails, refused actions changing
 * nothing, tenant isolation, crisis managers seeing only their own files.
 */
import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { createTenant, TEST_PASSWORD } from '../helpers/fixtures';
import { debtorFile, declaration, occSetup, todayRome, waitFor } from '../helpers/occ-flow';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let f: Awaited<ReturnType<typeof occSetup>>;

beforeAll(async () => {
  // 1 day ≈ 0.04 s: the 7-day tax notice term runs out in a third of a second.
  stack = await startStack({ config: { DEADLINE_TIME_SCALE: '2000000' } });
  f = await occSetup(stack);
});
afterAll(() => stack.stop());

const auditCount = async (caseId: string) =>
  (await stack.sequelize.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE entity_id = :caseId', { type: QueryTypes.SELECT, replacements: { caseId } }))[0]!.n;

it('opens a file with its number in the OCC register and shows it in the list', async () => {
  const opened = await f.open();
  expect(opened.caseNumber).toMatch(/^\d{4}\/\d+$/);
  expect(opened.workflowId).toBe(`occ:${f.tenant.bodyId}:${opened.caseId}`);
  const state = await f.stateOf(opened.caseId);
  expect(state).toMatchObject({ stage: 'ISTANZA_RICEVUTA', phase: 'prefiling', procedure: 'RISTRUTTURAZIONE_CONSUMATORE', run: 1, allowedActions: ['issueQuote', 'withdraw'] });
  const list = await f.must(f.sec.get('/occ-files?procedure=RISTRUTTURAZIONE_CONSUMATORE'));
  expect(list.items.map((i: { id: string }) => i.id)).toContain(opened.caseId);
  expect(list.items.find((i: { id: string }) => i.id === opened.caseId)).toMatchObject({ debtorName: 'Paolo Verdi', stage: 'ISTANZA_RICEVUTA' });
});

it.each([
  [{ procedure: 'CONCORDATO_MINORE' }, 422, 'OCC_PROCEDURE_NOT_AVAILABLE'],
  [{ debtorCategory: 'professionista' }, 422, 'OCC_PROCEDURE_NOT_AVAILABLE'],
  [{ annualNetIncomeCents: -1 }, 422, 'VALIDATION_FAILED'],
  [{ householdSize: 0 }, 422, 'VALIDATION_FAILED'],
  [{ procedure: 'ESDEBITAZIONE_INCAPIENTE' }, 409, 'OCC_ASSEGNO_SOCIALE_MISSING'],
])('refuses to open %j with %i %s and registers nothing', async (over, status, code) => {
  const before = (await f.must(f.sec.get('/occ-files'))).total;
  const r = await request(stack.app).post(`${f.base}/occ-files`).set('Authorization', `Bearer ${f.secToken}`).set('Idempotency-Key', randomUUID()).send(debtorFile(over));
  expect(r.status).toBe(status);
  expect(r.body.error.code).toBe(code);
  expect(r.body.error.message.it).toBeTruthy();
  expect((await f.must(f.sec.get('/occ-files'))).total).toBe(before);
});

it('refuses actions the stage forbids and bad input with 4xx, changing nothing', async () => {
  const { caseId } = await f.open();
  const before = await auditCount(caseId);
  const wrong = await f.sec.act(caseId, 'accept-quote', { acceptedOn: todayRome() });
  expect(wrong.status).toBe(409);
  expect(wrong.body.error.code).toBe('ACTION_NOT_ALLOWED');
  await f.must(f.sec.act(caseId, 'issue-quote'));
  const future = await f.sec.act(caseId, 'accept-quote', { acceptedOn: '2999-01-01' });
  expect(future.status).toBe(422);
  expect(future.body.error.fields).toEqual([{ path: 'acceptedOn', code: 'in_future' }]);
  const court = await f.sec.act(caseId, 'record-court-event', { kind: 'OMOLOGA', date: todayRome(), documentId: await f.sec.upload(caseId) });
  expect(court.status).toBe(409);
  const state = await f.stateOf(caseId);
  expect(state.stage).toBe('PREVENTIVO_EMESSO');
  expect(state.quote).toMatchObject({ number: 1, acceptedOn: null });
  // Only the quote and the upload were recorded.
  expect(await auditCount(caseId)).toBe(before + 2);
});

it('designates by rotation, re-designates on refusal, and the accepted crisis manager alone conducts the file', async () => {
  const a = await f.crisisManager();
  const b = await f.crisisManager();
  const { caseId } = await f.open();
  await f.must(f.sec.act(caseId, 'issue-quote'));
  await f.must(f.sec.act(caseId, 'accept-quote', { acceptedOn: todayRome() }));
  const designated = await f.must(f.sec.act(caseId, 'designate-manager', { criterion: 'rotation' }));
  expect(designated.stage).toBe('GESTORE_DESIGNATO');
  const first = designated.crisisManagerId as string;
  const [chosen, other] = first === a.id ? [a, b] : [b, a];
  // The other crisis manager cannot answer, and does not even see the file.
  expect((await f.api(other.token).act(caseId, 'answer-appointment', { accept: true, declaration })).status).toBe(404);
  const noDecl = await f.api(chosen.token).act(caseId, 'answer-appointment', { accept: true });
  expect(noDecl.body.error.code).toBe('DECLARATION_REQUIRED');
  const refused = await f.must(f.api(chosen.token).act(caseId, 'answer-appointment', { accept: false, refusalReason: 'Conflitto di interessi' }));
  expect(refused).toMatchObject({ stage: 'GESTORE_DESIGNATO', crisisManagerId: other.id, excludedManagers: [chosen.id] });
  const accepted = await f.must(f.api(other.token).act(caseId, 'answer-appointment', { accept: true, declaration }));
  expect(accepted.stage).toBe('INCARICO_ACCETTATO');
  expect(accepted.deadlines.map((d: { code: string }) => d.code)).toEqual(['TAX_OFFICE_NOTICE']);
  // Own files only: the list of each crisis manager.
  const mine = await f.must(f.api(other.token).get('/occ-files'));
  expect(mine.items.map((i: { id: string }) => i.id)).toEqual([caseId]);
  expect((await f.must(f.api(chosen.token).get('/occ-files'))).items).toEqual([]);
  // The secretariat cannot answer for the crisis manager.
  expect((await f.sec.act(caseId, 'answer-appointment', { accept: true, declaration })).status).toBe(403);
});

it('lets the 7-day tax notice term expire and e-mails the secretariat and the crisis manager', async () => {
  const m = await f.crisisManager();
  const { caseId, caseNumber } = await f.open();
  await f.mandated(caseId, m);
  const st = await f.until(caseId, (s) => (s.deadlines as { status: string }[])[0]?.status === 'expired');
  expect((st.deadlines as { code: string; status: string }[])[0]).toMatchObject({ code: 'TAX_OFFICE_NOTICE', status: 'expired' });
  const mails = await waitFor(
    async () => stack.sink!.messages.filter((x) => x.subject?.startsWith('Termine scaduto') && x.subject.includes(caseNumber)),
    (list) => list.length >= 3, // secretariat, referente, crisis manager
  );
  const to = mails.flatMap((x) => (x.to as { value: { address: string }[] }).value.map((v) => v.address)).sort();
  expect(to).toEqual(expect.arrayContaining([m.email, f.tenant.users.secretariat!.email]));
  expect(mails[0]!.text).toContain('art. 68 co. 4 CCII');
  // The calendar shows the expired term and the terms not started yet.
  const cal = await f.must(f.sec.get(`/occ-files/${caseId}/deadlines`));
  expect(cal.items.find((d: { code: string }) => d.code === 'TAX_OFFICE_NOTICE')).toMatchObject({ status: 'expired' });
  expect(cal.items.find((d: { code: string }) => d.code === 'CREDITORS_COMMUNICATION')).toMatchObject({ status: 'not_started', dueDate: null });
  // Late, but still recorded: the notice moves the file on.
  const notified = await f.must(f.api(m.token).act(caseId, 'notify-tax-offices', { date: todayRome() }));
  expect(notified.stage).toBe('NOTIFICA_ENTI_FISCALI');
});

it('withdraws (rinuncia): the file ends and refuses further actions', async () => {
  const { caseId, workflowId } = await f.open();
  const done = await f.must(f.sec.act(caseId, 'withdraw', { reason: 'Il debitore ha trovato un accordo privato' }));
  expect(done).toMatchObject({ stage: 'RINUNCIA', phase: 'closed', allowedActions: [] });
  await stack.temporal.client.workflow.getHandle(workflowId).result();
  expect((await f.sec.act(caseId, 'issue-quote')).status).toBe(409);
  const [row] = await stack.sequelize.query<{ stage: string; outcome: string }>('SELECT c.stage, o.outcome FROM cases c JOIN occ_files o ON o.case_id = c.id WHERE c.id = :caseId', { type: QueryTypes.SELECT, replacements: { caseId } });
  expect(row).toEqual({ stage: 'RINUNCIA', outcome: 'RINUNCIA' });
});

it("keeps tenants apart: another body's users cannot see or act on the file", async () => {
  const { caseId } = await f.open();
  const other = await createTenant(stack.sequelize, ['secretariat']);
  const token = (await login(stack.app, other.users.secretariat!.email, TEST_PASSWORD)).token;
  const cross = await request(stack.app).get(`${f.base}/occ-files/${caseId}`).set('Authorization', `Bearer ${token}`);
  expect(cross.status).toBe(403);
  const own = await request(stack.app).get(`/api/bodies/${other.bodyId}/occ-files/${caseId}`).set('Authorization', `Bearer ${token}`);
  expect(own.status).toBe(404);
  const act = await request(stack.app).post(`/api/bodies/${other.bodyId}/occ-files/${caseId}/actions/issue-quote`).set('Authorization', `Bearer ${token}`).send({});
  expect(act.status).toBe(404);
});
