/**
 * Legal deadlines as real durable timers, compressed with DEADLINE_TIME_SCALE so that days pass in
 * fractions of a second: the invited party's term to answer, the proposal's reply term (silence is
 * rejection), the maximum duration (the procedure closes), and the reminders to the secretariat.
 */
import { createTenant, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { flow, waitFor } from '../helpers/mediation-flow';
import { login, startStack } from '../helpers/stack';

async function suite(scale: number) {
  const stack = await startStack({ config: { DEADLINE_TIME_SCALE: String(scale) } });
  const tenant: Tenant = await createTenant(stack.sequelize, ['secretariat']);
  const secretariat = (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token;
  return { stack, tenant, f: flow(stack, tenant, secretariat) };
}

describe('terms measured in days (1 day ≈ 0.43 s)', () => {
  let s: Awaited<ReturnType<typeof suite>>;
  beforeAll(async () => {
    s = await suite(200_000);
  });
  afterAll(() => s.stack.stop());

  it("marks the invited party as not answering when its term runs out, and tells the secretariat", async () => {
    const mediator = await s.f.newMediator();
    const caseId = await s.f.fileCase();
    await s.f.accepted(caseId, mediator);
    const convened = await s.f.convene(caseId, { mode: 'video', roomId: null });
    expect(convened.body.invited[0].adhesion).toBe('pending');
    expect(convened.body.nextDeadline).toBeDefined();
    const after = await waitFor(() => s.f.stateOf(caseId), (st) => st.invited[0].adhesion === 'no_answer', 30_000);
    expect(after.invited[0].adhesion).toBe('no_answer');
    // A late answer is still accepted before the first meeting (the meeting is held anyway).
    expect(after.allowedActions).toContain('answerAdhesion');
    const caseNumber = (await s.f.sec.get(`/cases/${caseId}`)).body.caseNumber as string;
    await waitFor(
      async () => s.stack.sink!.messages.filter((m) => m.subject?.startsWith('Promemoria scadenza') && m.subject.includes(caseNumber)).length,
      (n) => n > 0,
    );
  });

  it('takes silence on the proposal as rejection when the reply term runs out', async () => {
    const mediator = await s.f.newMediator();
    const caseId = await s.f.fileCase();
    await s.f.accepted(caseId, mediator);
    const convened = await s.f.convene(caseId, { mode: 'video', roomId: null });
    const m = s.f.api(mediator.token);
    await m.act(caseId, 'hold-meeting', { meetingId: convened.body.meetings[0].id, attendance: [{ position: 0, present: true }, { position: 1, present: true }] });
    const proposed = await m.act(caseId, 'make-proposal', { text: 'Ripartizione 50/50.' });
    expect(proposed.body.stage).toBe('PROPOSTA_PENDENTE');
    const after = await waitFor(() => s.f.stateOf(caseId), (st) => st.proposal?.status === 'rejected', 30_000);
    expect(after).toMatchObject({ stage: 'IN_CORSO', proposal: { status: 'rejected', replies: [] } });
  });
});
