/**
 * Reading a case file: timeline from the audit trail, fees with the DM 150/2023 breakdown, rooms,
 * and the meetings agenda — full for one's own cases, anonymised for the others'.
 */
import { computeMediationFee } from '../../domain/mediation/fees';
import { createTenant, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { flow, waitFor } from '../helpers/mediation-flow';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let tenant: Tenant;
let f: ReturnType<typeof flow>;
beforeAll(async () => {
  stack = await startStack();
  tenant = await createTenant(stack.sequelize, ['secretariat']);
  f = flow(stack, tenant, (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token);
});
afterAll(() => stack.stop());

it('shows the timeline of everything that happened, with who did it', async () => {
  const mediator = await f.newMediator();
  const caseId = await f.fileCase();
  await f.accepted(caseId, mediator);
  await f.convene(caseId);
  const res = await f.sec.get(`/cases/${caseId}/timeline`);
  expect(res.status).toBe(200);
  const actions = res.body.items.map((i: { action: string }) => i.action);
  expect(actions).toEqual(expect.arrayContaining(['case.registered', 'case.mediator_designated', 'case.convened']));
  expect(res.body.items.find((i: { action: string }) => i.action === 'case.convened').by.fullName).toBe('Utente secretariat');
});

it('computes each party’s fees with the breakdown, from the case data', async () => {
  const caseId = await f.fileCase();
  const res = await f.sec.get(`/cases/${caseId}/fees`);
  expect(res.status).toBe(200);
  expect(res.body.perParty).toEqual(JSON.parse(JSON.stringify(computeMediationFee({ mediationType: 'OBBLIGATORIA', valueCents: 1_250_000, outcome: 'pending' }))));
  expect(res.body.perParty.lines.map((l: { code: string }) => l.code)).toEqual(expect.arrayContaining(['SETUP_FEE', 'FIRST_MEETING_FEE']));
});

it("gives a mediator their own meetings in full and the others' anonymised", async () => {
  const mine = await f.newMediator();
  const theirs = await f.newMediator();
  const a = await f.fileCase();
  const b = await f.fileCase();
  await f.accepted(a, mine);
  await f.accepted(b, theirs);
  await f.convene(a, { days: 24 });
  await f.convene(b, { days: 24, mode: 'video', roomId: null });
  const from = new Date().toISOString();
  const to = new Date(Date.now() + 60 * 86_400_000).toISOString();
  const all = await f.api(mine.token).get(`/agenda?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  expect(all.status).toBe(200);
  const own = all.body.items.find((m: { caseId: string }) => m.caseId === a);
  const other = all.body.items.find((m: { caseId: string }) => m.caseId === b);
  expect(own).toMatchObject({ subject: 'Ripartizione spese straordinarie del tetto' });
  expect(other).toMatchObject({ subject: null, mediatorId: null });
  // The shared calendar hides the other case's subject and mediator; the mediator's own stays in full.
  const onlyMine = await f.api(mine.token).get(`/agenda?scope=mine&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  expect(onlyMine.body.items.map((m: { caseId: string }) => m.caseId)).toEqual([a]);
  expect(onlyMine.body.items[0].subject).toBe('Ripartizione spese straordinarie del tetto');
  const rooms = await f.sec.get('/rooms');
  expect(rooms.body.items[0]).toMatchObject({ name: 'Sala A', branch: { name: 'Sede' } });
});

it('filters the case list by year, number, mediator, matter and next deadline within N days', async () => {
  const mediator = await f.newMediator();
  const caseId = await f.fileCase({ matter: 'diritti_reali', subject: 'Servitù di passaggio' });
  await f.accepted(caseId, mediator);
  await f.convene(caseId, { days: 28, mode: 'video', roomId: null });
  const detail = (await f.sec.get(`/cases/${caseId}`)).body;
  const ids = async (query: string) => ((await f.sec.get(`/cases?${query}`)).body.items as { id: string }[]).map((c) => c.id);
  expect(await ids(`year=${detail.year}&number=${detail.number}`)).toEqual([caseId]);
  expect(await ids(`mediatorId=${mediator.id}`)).toEqual([caseId]);
  expect(await ids('matter=diritti_reali')).toContain(caseId);
  // Its next deadline (the adhesion term, about 15 days away) is within 20 days, not within 1.
  await waitFor(async () => ids('deadlineWithinDays=20'), (l) => l.includes(caseId));
  expect(await ids('deadlineWithinDays=20')).toContain(caseId);
  expect(await ids('deadlineWithinDays=1')).not.toContain(caseId);
  expect((await f.sec.get('/cases?year=1999')).status).toBe(422);
});
