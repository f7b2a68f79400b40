/**
 * The mediation from the acceptance to the deposit of the minutes on the real stack (Temporal,
 * PostgreSQL, SMTP): convocation with personal codes and signed links, adhesion through the public
 * endpoints, meetings and rooms, proposal, outcome, minutes PDF, closing; and every refusal.
 */
import { PDFDocument } from 'pdf-lib';
import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { signAdhesionToken, invitationIdFor } from '../../links/adhesion-link';
import { createTenant, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { convocationFor, flow, romeDayAt, waitFor } from '../helpers/mediation-flow';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let tenant: Tenant;
let secretariat: string;
let f: ReturnType<typeof flow>;
const lawyer = { firstName: 'Laura', lastName: 'Bianchi', taxCode: 'BNCLRA85M52F205I', pec: 'laura.bianchi@pec.example.it' };

beforeAll(async () => {
  stack = await startStack();
  tenant = await createTenant(stack.sequelize, ['secretariat']);
  secretariat = (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token;
  f = flow(stack, tenant, secretariat);
});
afterAll(() => stack.stop());

const pub = () => request(stack.app);
const auditActions = async (caseId: string) =>
  (await stack.sequelize.query<{ action: string }>('SELECT action FROM audit_log WHERE entity_id = :caseId ORDER BY id', { type: QueryTypes.SELECT, replacements: { caseId } })).map((r) => r.action);
const caseNumberOf = async (caseId: string) => (await f.sec.get(`/cases/${caseId}`)).body.caseNumber as string;

describe('a mediation from convocation to closing', () => {
  it('walks the happy path: convocation, adhesion through the link, meeting, agreement, minutes, deposit', async () => {
    const mediator = await f.newMediator();
    const caseId = await f.fileCase();
    const caseNumber = await caseNumberOf(caseId);
    await f.accepted(caseId, mediator);

    const convened = await f.convene(caseId);
    expect(convened.status).toBe(200);
    expect(convened.body).toMatchObject({ stage: 'CONVOCATA', invited: [{ position: 1, adhesion: 'pending' }], meetings: [{ kind: 'first', status: 'scheduled', mode: 'in_person' }] });
    expect(convened.body.allowedActions).toEqual(expect.arrayContaining(['answerAdhesion', 'moveMeeting', 'holdMeeting', 'withdraw']));

    // The invited company gets its code and link at its PEC; applicants, lawyer and mediator get the notice.
    const { code, token } = await convocationFor(stack, 'alfa@pec.example.it', caseNumber);
    await waitFor(async () => stack.sink!.messages.filter((m) => m.subject?.includes(`${caseNumber}: fissato il primo incontro`)).length, (n) => n >= 3);
    const notified = stack.sink!.messages.filter((m) => m.subject?.includes(`${caseNumber}: fissato il primo incontro`)).flatMap((m) => (m.to as { value: { address: string }[] }).value.map((v) => v.address));
    expect(notified).toEqual(expect.arrayContaining(['mario.rossi@example.it', 'anna.bruno@pec.example.it', mediator.email]));

    const info = await pub().get(`/api/public/adhesions?t=${encodeURIComponent(token)}`);
    expect(info.body).toMatchObject({ answered: false, lawyerRequired: true });
    const verified = await pub().post('/api/public/adhesions/verify').send({ token, caseNumber, code });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ caseNumber, party: 'Alfa Immobiliare S.r.l.', firstMeeting: { mode: 'in_person' } });

    const upload = await pub()
      .post(`/api/public/adhesions/documents?t=${encodeURIComponent(token)}`)
      .set('X-Case-Number', caseNumber)
      .set('X-Adhesion-Code', code)
      .set('X-Filename', encodeURIComponent('procura.pdf'))
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect(upload.status).toBe(201);
    const adhered = await pub().post('/api/public/adhesions/answer').send({ token, caseNumber, code, adhere: true, lawyer, documentIds: [upload.body.id] });
    expect(adhered.status).toBe(200);
    const state = await f.stateOf(caseId);
    expect(state).toMatchObject({ stage: 'IN_ATTESA_PRIMO_INCONTRO', invited: [{ position: 1, adhesion: 'adhered' }] });
    // Secretariat and mediator are told.
    await waitFor(async () => stack.sink!.messages.filter((m) => m.subject?.includes(`${caseNumber}: adesione`)).length, (n) => n >= 2);

    const reused = await pub().post('/api/public/adhesions/answer').send({ token, caseNumber, code, adhere: false });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('LINK_ALREADY_USED');

    const meetingId = state.meetings[0].id as string;
    const held = await f.api(mediator.token).act(caseId, 'hold-meeting', { meetingId, attendance: [{ position: 0, present: true }, { position: 1, present: true }] });
    expect(held.status).toBe(200);
    expect(held.body.stage).toBe('PRIMO_INCONTRO_TENUTO');
    const outcome = await f.api(mediator.token).act(caseId, 'record-outcome', { kind: 'agreement', text: 'Le parti concordano la ripartizione delle spese in parti uguali.' });
    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({ stage: 'VERBALE_IN_FORMAZIONE', outcome: { code: 'ACCORDO_PRIMO_INCONTRO' } });

    const minutesId = outcome.body.minutesDocumentId as string;
    const pdf = await f.sec
      .get(`/cases/${caseId}/documents/${minutesId}/content`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const doc = await PDFDocument.load(pdf.body as Buffer);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(doc.getTitle()).toBe(`Verbale di mediazione n. ${caseNumber}`);

    const deposited = await f.sec.act(caseId, 'deposit-minutes', {});
    expect(deposited.status).toBe(200);
    expect(deposited.body.stage).toBe('CONCLUSA');
    await waitFor(async () => (await f.sec.get(`/cases/${caseId}`)).body.stage, (s) => s === 'CONCLUSA');
    expect(await auditActions(caseId)).toEqual(
      expect.arrayContaining(['case.convened', 'case.adhesion_received', 'case.meeting_held', 'case.outcome_recorded', 'case.concluded']),
    );
  });

  it('continues after the first meeting: a further meeting, a proposal one party rejects, then one all accept', async () => {
    const mediator = await f.newMediator();
    const caseId = await f.fileCase();
    const caseNumber = await caseNumberOf(caseId);
    await f.accepted(caseId, mediator);
    await f.convene(caseId, { mode: 'video', roomId: null });
    const { code, token } = await convocationFor(stack, 'alfa@pec.example.it', caseNumber);
    expect((await pub().post('/api/public/adhesions/answer').send({ token, caseNumber, code, adhere: true, lawyer })).status).toBe(200);
    const m = f.api(mediator.token);
    const first = (await f.stateOf(caseId)).meetings[0].id;
    await m.act(caseId, 'hold-meeting', { meetingId: first, attendance: [{ position: 0, present: true }, { position: 1, present: true }] });
    const next = await m.act(caseId, 'schedule-meeting', { meeting: { startsAt: romeDayAt(30, 15), durationMinutes: 90, mode: 'in_person', roomId: await f.roomId() } });
    expect(next.status).toBe(200);
    expect(next.body.stage).toBe('IN_CORSO');
    const expert = await m.act(caseId, 'appoint-expert', { name: 'Ing. Paolo Neri', question: 'Stato della copertura', producibleInCourt: true });
    expect(expert.body.expert).toMatchObject({ name: 'Ing. Paolo Neri', producibleInCourt: true });
    const second = next.body.meetings[1].id;
    await m.act(caseId, 'hold-meeting', { meetingId: second, attendance: [{ position: 0, present: true }, { position: 1, present: true }] });

    const proposal = await m.act(caseId, 'make-proposal', { text: 'Ripartizione 60/40.' });
    expect(proposal.body).toMatchObject({ stage: 'PROPOSTA_PENDENTE', proposal: { status: 'pending' } });
    const tooShort = await m.act(caseId, 'make-proposal', { text: 'Di nuovo' });
    expect(tooShort.status).toBe(409);
    const rejected = await f.sec.act(caseId, 'answer-proposal', { position: 1, accepted: false });
    expect(rejected.body).toMatchObject({ stage: 'IN_CORSO', proposal: { status: 'rejected' } });

    const shortTerm = await m.act(caseId, 'make-proposal', { text: 'Ripartizione 55/45.', replyDays: 3 });
    expect(shortTerm.status).toBe(422);
    expect(shortTerm.body.error.code).toBe('PROPOSAL_REPLY_TERM_TOO_SHORT');
    await m.act(caseId, 'make-proposal', { text: 'Ripartizione 55/45.', replyDays: 10 });
    await f.sec.act(caseId, 'answer-proposal', { position: 0, accepted: true });
    const accepted = await f.sec.act(caseId, 'answer-proposal', { position: 1, accepted: true });
    expect(accepted.body).toMatchObject({ stage: 'VERBALE_IN_FORMAZIONE', outcome: { code: 'ACCORDO_SU_PROPOSTA' }, proposal: { status: 'accepted' } });
  });

  it('extends the duration by agreement, within the limits of art. 6', async () => {
    const mediator = await f.newMediator();
    const caseId = await f.fileCase({ mediationType: 'DEMANDATA', matter: 'contratti_bancari' });
    await f.accepted(caseId, mediator);
    const before = await waitFor(() => f.stateOf(caseId), (s) => s.procedureEndsAt !== null);
    const ok = await f.sec.act(caseId, 'extend-duration', { months: 3, agreedAt: new Date().toISOString() });
    expect(ok.status).toBe(200);
    expect(Date.parse(ok.body.procedureEndsAt)).toBeGreaterThan(Date.parse(before.procedureEndsAt));
    const again = await f.sec.act(caseId, 'extend-duration', { months: 1, agreedAt: new Date().toISOString() });
    expect(again.status).toBe(422);
    expect(again.body.error).toMatchObject({ code: 'EXTENSION_NOT_ALLOWED', fields: [{ path: 'extensions.1', code: 'DEMANDATA_EXTENSION_LIMIT' }] });
    expect((await f.stateOf(caseId)).extensions).toHaveLength(1);
  });
});

describe('moving a meeting', () => {
  it('lets the mediator move it where the body allows, keeps the first meeting in the window, and tells everyone', async () => {
    const mediator = await f.newMediator();
    const caseId = await f.fileCase();
    const caseNumber = await caseNumberOf(caseId);
    await f.accepted(caseId, mediator);
    const convened = await f.convene(caseId, { days: 22 });
    const meetingId = convened.body.meetings[0].id as string;
    const room = await f.roomId();
    const m = f.api(mediator.token);
    const outside = await m.act(caseId, 'move-meeting', { meetingId, meeting: { startsAt: romeDayAt(50), durationMinutes: 120, mode: 'in_person', roomId: room }, reason: 'Richiesta della parte invitata' });
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('MEETING_OUTSIDE_LEGAL_WINDOW');
    const moved = await m.act(caseId, 'move-meeting', { meetingId, meeting: { startsAt: romeDayAt(30, 11), durationMinutes: 90, mode: 'mixed', roomId: room }, reason: 'Richiesta della parte invitata' });
    expect(moved.status).toBe(200);
    expect(moved.body.meetings[0]).toMatchObject({ id: meetingId, startsAt: romeDayAt(30, 11), mode: 'mixed', status: 'scheduled' });
    await waitFor(async () => stack.sink!.messages.filter((x) => x.subject?.includes(`${caseNumber}: incontro spostato`)).length, (n) => n >= 3);

    await stack.sequelize.query('UPDATE body_settings SET mediator_may_move_meetings = false WHERE body_id = :bodyId', { replacements: { bodyId: tenant.bodyId } });
    await stack.sequelize.query('INSERT INTO body_settings (body_id, mediator_may_move_meetings) VALUES (:bodyId, false) ON CONFLICT (body_id) DO NOTHING', { replacements: { bodyId: tenant.bodyId } });
    const refused = await m.act(caseId, 'move-meeting', { meetingId, meeting: { startsAt: romeDayAt(31, 11), durationMinutes: 90, mode: 'mixed', roomId: room }, reason: 'Altro' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('MEETING_MOVE_NOT_ALLOWED');
    const bySecretariat = await f.sec.act(caseId, 'move-meeting', { meetingId, meeting: { startsAt: romeDayAt(31, 11), durationMinutes: 90, mode: 'video' }, reason: 'Su richiesta del mediatore' });
    expect(bySecretariat.status).toBe(200);
    expect((await f.stateOf(caseId)).meetings[0]).toMatchObject({ mode: 'video', roomId: null });
  });
});

describe('refusals that change nothing', () => {
  let mediator: { id: string; token: string; email: string };
  let caseId: string;
  let caseNumber: string;
  beforeAll(async () => {
    mediator = await f.newMediator();
    caseId = await f.fileCase();
    caseNumber = await caseNumberOf(caseId);
    await f.accepted(caseId, mediator);
  });

  it('refuses actions out of order with 409', async () => {
    const res = await f.api(mediator.token).act(caseId, 'record-outcome', { kind: 'no_agreement' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ACTION_NOT_ALLOWED');
    expect((await f.stateOf(caseId)).stage).toBe('MEDIATORE_DESIGNATO');
  });

  it('refuses a first meeting outside the 20–40 day window unless the parties agreed otherwise', async () => {
    const early = await f.convene(caseId, { days: 5 });
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({ code: 'MEETING_OUTSIDE_LEGAL_WINDOW', fields: [{ path: 'meetingAt', code: 'TOO_EARLY' }] });
    const late = await f.convene(caseId, { days: 60 });
    expect(late.body.error.fields).toEqual([{ path: 'meetingAt', code: 'TOO_LATE' }]);
    expect((await f.stateOf(caseId)).stage).toBe('MEDIATORE_DESIGNATO');
    const meetings = await stack.sequelize.query('SELECT id FROM meetings WHERE case_id = :caseId', { type: QueryTypes.SELECT, replacements: { caseId } });
    expect(meetings).toHaveLength(0);
  });

  it('refuses a double booking of a room', async () => {
    const other = await f.fileCase();
    const otherMediator = await f.newMediator();
    await f.accepted(other, otherMediator);
    expect((await f.convene(other, { days: 26 })).status).toBe(200);
    const clash = await f.convene(caseId, { days: 26 });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('ROOM_ALREADY_BOOKED');
    expect((await f.stateOf(caseId)).stage).toBe('MEDIATORE_DESIGNATO');
    // Another time of the same day is fine.
    const ok = await f.sec.act(caseId, 'convene', { firstMeeting: { startsAt: romeDayAt(26, 15), durationMinutes: 120, mode: 'in_person', roomId: await f.roomId() } });
    expect(ok.status).toBe(200);
  });

  it("refuses a mediator acting on a case that is not theirs", async () => {
    const stranger = await f.newMediator();
    const meetingId = (await f.stateOf(caseId)).meetings[0].id;
    const res = await f.api(stranger.token).act(caseId, 'hold-meeting', { meetingId, attendance: [] });
    expect([403, 404]).toContain(res.status);
    expect((await f.stateOf(caseId)).meetings[0].status).toBe('scheduled');
  });

  it("refuses another case's code, a forged or expired link, a wrong case number", async () => {
    const { code, token } = await convocationFor(stack, 'alfa@pec.example.it', caseNumber);
    const otherCase = await f.fileCase();
    const otherNumber = await caseNumberOf(otherCase);
    const m2 = await f.newMediator();
    await f.accepted(otherCase, m2);
    await f.sec.act(otherCase, 'convene', { firstMeeting: { startsAt: romeDayAt(27), durationMinutes: 60, mode: 'video' } });
    const other = await convocationFor(stack, 'alfa@pec.example.it', otherNumber);

    const crossed = await pub().post('/api/public/adhesions/answer').send({ token, caseNumber, code: other.code, adhere: false });
    expect(crossed.status).toBe(403);
    expect(crossed.body.error.code).toBe('ADHESION_CODE_MISMATCH');
    const wrongNumber = await pub().post('/api/public/adhesions/verify').send({ token, caseNumber: otherNumber, code });
    expect(wrongNumber.status).toBe(403);
    const forged = await pub().post('/api/public/adhesions/answer').send({ token: `${token.slice(0, -4)}AAAA`, caseNumber, code, adhere: false });
    expect(forged.status).toBe(404);
    expect(forged.body.error.code).toBe('LINK_INVALID');
    const expiredToken = signAdhesionToken(stack.config.LINK_SIGNING_SECRET, { inv: invitationIdFor(caseId, 1), bid: tenant.bodyId, cid: caseId, pos: 1 }, new Date(Date.now() - 1000));
    const expired = await pub().post('/api/public/adhesions/answer').send({ token: expiredToken, caseNumber, code, adhere: false });
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('LINK_EXPIRED');
    const state = await f.stateOf(caseId);
    expect(state.invited[0].adhesion).toBe('pending');
  });

  it('requires a lawyer to adhere in a mandatory mediation', async () => {
    const { code, token } = await convocationFor(stack, 'alfa@pec.example.it', caseNumber);
    const res = await pub().post('/api/public/adhesions/answer').send({ token, caseNumber, code, adhere: true });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('LAWYER_REQUIRED');
    expect((await f.stateOf(caseId)).invited[0].adhesion).toBe('pending');
  });
});
