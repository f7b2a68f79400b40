import request from 'supertest';
import { assertAccessible, launchBrowser, signIn, type BrowserSession, check, openCase as openCasePage, procedureNotice as notice, procedureStage as stage } from '../helpers/browser';
import { addMediator, TEST_PASSWORD } from '../helpers/fixtures';
import { convocationFor, declaration, flow, romeDayAt, waitFor } from '../helpers/mediation-flow';
import { romeDateTime } from '../helpers/rome-time';
import { startServedStack, type ServedStack } from '../helpers/served-stack';
import { login } from '../helpers/stack';

/**
 * The forms of a mediation that goes beyond the first meeting, in the browser: manual designation
 * from the list of mediators when automatic designation is blocked; then (after a convocation and an
 * adhesion made through the API) a further meeting by video, moved; the expert; the proposal, with
 * its reply term checked in the page; the agenda, where other mediators' meetings are anonymised;
 * the extension of the duration, the parties' replies to the proposal and the deposit of a signed
 * copy of the minutes uploaded to the case file.
 */

let served: ServedStack;
let bodyId: string;
let f: ReturnType<typeof flow>;
let caseId: string;
let caseNumber: string;
let otherCaseNumber: string;
let refuser: { id: string; email: string };
let chosen: { id: string; email: string; token?: string };
let browser: BrowserSession | undefined;

const lawyer = { firstName: 'Laura', lastName: 'Bianchi', taxCode: 'BNCLRA85M52F205I', pec: 'laura.bianchi@pec.example.it' };
const romeDayFromNow = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
const mediatorName = (email: string) => `Mediatore ${/^mediatore\.([^@]+)@/.exec(email)![1]}`;

beforeAll(async () => {
  served = await startServedStack();
  const { sequelize, app } = served.stack;
  const { token, session } = await login(app, served.email, served.password);
  bodyId = session.activeBodyId as string;
  f = flow(served.stack, { bodyId, code: '', users: {} }, token);

  // The only mediator refuses: automatic re-designation finds nobody, the secretariat must choose by hand.
  refuser = await addMediator(sequelize, bodyId);
  caseId = await f.fileCase();
  caseNumber = (await f.sec.get(`/cases/${caseId}`)).body.caseNumber;
  expect((await f.sec.act(caseId, 'designate-mediator', { criterion: 'rotation' })).status).toBe(200);
  const refuserToken = (await login(app, refuser.email, TEST_PASSWORD)).token;
  expect((await f.api(refuserToken).act(caseId, 'answer-appointment', { accept: false, refusalReason: 'Conflitto di agenda' })).status).toBe(200);
  await waitFor(() => f.stateOf(caseId), (s) => s.designationBlocked === true);
  chosen = await addMediator(sequelize, bodyId);

  // Another mediator's case with a meeting in the same weeks, for the shared agenda.
  const other = await addMediator(sequelize, bodyId);
  const otherCase = await f.fileCase({ subject: 'Controversia riservata di un altro mediatore' });
  otherCaseNumber = (await f.sec.get(`/cases/${otherCase}`)).body.caseNumber;
  await f.accepted(otherCase, { id: other.id, token: (await login(app, other.email, TEST_PASSWORD)).token });
  expect((await f.convene(otherCase, { days: 27, mode: 'video', roomId: null })).status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

type Page = BrowserSession['page'];

const openCase = (page: Page) => openCasePage(page, caseId, caseNumber);

describe('conducting a mediation beyond the first meeting, in the browser', () => {
  it('designates by hand from the list, moves a further meeting, appoints the expert, takes the proposal to an agreement and deposits signed minutes', async () => {
    browser = await launchBrowser({ baseURL: served.baseURL });
    const { page } = browser;

    // Secretariat: designation blocked; the manual choice lists the body's mediators by name.
    await signIn(page, served.email);
    await openCase(page);
    await page.getByTestId('designation-blocked').waitFor();
    expect(await page.getByTestId('designate-criterion-manual').isChecked()).toBe(true);
    const select = page.getByTestId('designate-mediatorId');
    await select.locator('option', { hasText: mediatorName(chosen.email) }).waitFor({ state: 'attached' });
    await assertAccessible(page);
    await page.getByTestId('designate-submit').click();
    await page.getByTestId('designate-form').getByText('Campo obbligatorio').first().waitFor();
    expect(await page.locator(':focus').getAttribute('id')).toBe('designate-mediatorId');
    await select.selectOption({ label: mediatorName(chosen.email) });
    await page.getByTestId('designate-reason').fill('Indicazione concorde delle parti');
    await page.getByTestId('designate-submit').click();
    await notice(page, 'Mediatore designato');
    expect((await f.stateOf(caseId)).designation.mediatorId).toBe(chosen.id);

    // Through the API: acceptance, convocation, adhesion.
    chosen.token = (await login(served.stack.app, chosen.email, TEST_PASSWORD)).token;
    expect((await f.api(chosen.token).act(caseId, 'answer-appointment', { accept: true, declaration })).status).toBe(200);
    expect((await f.convene(caseId, { days: 25 })).status).toBe(200);
    const { code, token } = await convocationFor(served.stack, 'alfa@pec.example.it', caseNumber);
    expect((await request(served.stack.app).post('/api/public/adhesions/answer').send({ token, caseNumber, code, adhere: true, lawyer })).status).toBe(200);

    // Extension of the duration by the secretariat.
    await openCase(page);
    await page.getByTestId('extend-form').waitFor();
    await page.getByTestId('extend-months').selectOption('2');
    await page.getByTestId('extend-submit').click();
    await notice(page, 'Proroga registrata');
    await page.getByTestId('progress-ends-at').filter({ hasText: 'prorogata una volta, di 2 mesi' }).waitFor();
    await assertAccessible(page);
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/accesso/);

    // The mediator: first meeting held, a further one by video, then moved.
    await signIn(page, chosen.email);
    await openCase(page);
    await page.getByTestId('hold-submit').click();
    await notice(page, 'Incontro registrato come tenuto');
    await stage(page, 'Primo incontro tenuto');
    await page.getByTestId('schedule-form').waitFor();
    await page.getByTestId('schedule-date').fill(romeDayFromNow(30));
    await page.getByTestId('schedule-time').fill('15:00');
    await check(page, 'schedule-mode-video');
    expect(await page.getByTestId('schedule-roomId').count()).toBe(0);
    await page.getByTestId('schedule-duration').selectOption('90');
    await assertAccessible(page);
    await page.getByTestId('schedule-submit').click();
    await notice(page, 'Incontro fissato');
    await stage(page, 'In corso');
    const second = page.getByTestId('meeting-row').nth(1);
    await second.filter({ hasText: 'In videoconferenza' }).waitFor();
    await second.filter({ hasText: romeDateTime(romeDayAt(30, 15)) }).waitFor();

    const move = page.getByTestId('move-form');
    await move.waitFor();
    expect(await page.getByTestId('move-date').inputValue()).toBe(romeDayFromNow(30));
    await page.getByTestId('move-time').fill('16:30');
    await page.getByTestId('move-submit').click();
    await move.getByText('Campo obbligatorio').waitFor();
    expect(await page.locator(':focus').getAttribute('id')).toBe('move-reason');
    await page.getByTestId('move-reason').fill('Richiesta dell’avvocato della parte invitata');
    await page.getByTestId('move-submit').click();
    await notice(page, 'Incontro spostato');
    const moved = (await f.stateOf(caseId)).meetings[1];
    expect(romeDateTime(moved.startsAt)).toBe(`${romeDayFromNow(30).split('-').reverse().join('/')}, 16:30`);
    expect(Date.parse(moved.endsAt) - Date.parse(moved.startsAt)).toBe(90 * 60_000);
    await second.filter({ hasText: romeDateTime(moved.startsAt) }).waitFor();

    await page.getByTestId('expert-name').fill('Ing. Paolo Neri');
    await page.getByTestId('expert-question').fill('Stato della copertura e costo del rifacimento');
    await check(page, 'expert-producible');
    await page.getByTestId('expert-submit').click();
    await notice(page, 'Consulente tecnico nominato');
    await page.getByTestId('progress-expert').filter({ hasText: 'Ing. Paolo Neri' }).filter({ hasText: 'producibile in giudizio' }).waitFor();
    await assertAccessible(page);

    // The agenda: the mediator's own meetings, then the body's, the other mediator's anonymised.
    await page.getByTestId('nav-agenda').click();
    await page.getByRole('heading', { level: 1, name: 'Agenda degli incontri' }).waitFor();
    expect(await page.getByTestId('agenda-scope-mine').isChecked()).toBe(true);
    const own = page.getByTestId('agenda-row').filter({ hasText: caseNumber });
    await own.first().waitFor();
    expect(await page.getByTestId('agenda-row').filter({ hasText: otherCaseNumber }).count()).toBe(0);
    await check(page, 'agenda-scope-all');
    await page.getByTestId('agenda-submit').click();
    const others = page.getByTestId('agenda-row').filter({ hasText: otherCaseNumber });
    await others.waitFor();
    expect(await others.innerText()).toContain('Incontro di un altro mediatore');
    expect(await others.innerText()).not.toContain('riservata');
    expect(await others.getByRole('link').count()).toBe(0);
    expect(await own.first().getByRole('link', { name: caseNumber }).count()).toBe(1);
    await assertAccessible(page);

    // Back on the case: the further meeting held, then the proposal with a reply term checked in the page.
    await openCase(page);
    await page.getByTestId('hold-submit').click();
    await notice(page, 'Incontro registrato come tenuto');
    await page.getByTestId('proposal-text').fill('Ripartizione delle spese 55/45, lavori entro sei mesi.');
    await page.getByTestId('proposal-days').fill('3');
    await page.getByTestId('proposal-submit').click();
    await page.getByTestId('proposal-form').getByText('Almeno 7 giorni').waitFor();
    expect(await page.locator(':focus').getAttribute('id')).toBe('proposal-days');
    await page.getByTestId('proposal-days').fill('10');
    await page.getByTestId('proposal-submit').click();
    await notice(page, 'Proposta registrata');
    await stage(page, 'Proposta pendente');
    await page.getByTestId('progress-proposal').filter({ hasText: 'In attesa delle risposte' }).waitFor();
    await assertAccessible(page);
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/accesso/);

    // Secretariat: both parties' written replies; then a signed copy of the minutes, deposited.
    await signIn(page, served.email);
    await openCase(page);
    await page.getByTestId('proposal-answer-party').selectOption({ label: 'Mario Rossi (Istante)' });
    await page.getByTestId('proposal-answer-submit').click();
    await notice(page, 'Risposta alla proposta registrata');
    await page.getByTestId('proposal-answer-party').selectOption({ label: 'Alfa Immobiliare S.r.l. (Parte invitata)' });
    await page.getByTestId('proposal-answer-submit').click();
    await stage(page, 'Verbale in formazione');
    await page.getByTestId('progress-outcome').filter({ hasText: 'Accordo sulla proposta del mediatore' }).waitFor();

    await page.getByTestId('documents-file').setInputFiles({ name: 'verbale firmato.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n') });
    await page.getByTestId('documents-category').selectOption('other');
    await page.getByTestId('documents-submit').click();
    await page.getByTestId('documents-notice').filter({ hasText: 'Documento caricato: verbale firmato.pdf' }).waitFor();
    const signed = (await f.sec.get(`/cases/${caseId}/documents`)).body.items.find((d: { filename: string }) => d.filename === 'verbale firmato.pdf');
    expect(signed).toMatchObject({ category: 'other', mediaType: 'application/pdf' });
    await page.getByTestId('deposit-document').locator('option', { hasText: 'verbale firmato.pdf' }).waitFor({ state: 'attached' });
    await page.getByTestId('deposit-document').selectOption({ label: 'verbale firmato.pdf' });
    await assertAccessible(page);
    await page.getByTestId('deposit-submit').click();
    await notice(page, 'Verbale depositato');
    await stage(page, 'Conclusa');
    const [concluded] = (await served.stack.sequelize.query(`SELECT details FROM audit_log WHERE entity_id = :caseId AND action = 'case.concluded'`, { replacements: { caseId } }))[0] as { details: { minutesDocumentId: string } }[];
    expect(concluded!.details.minutesDocumentId).toBe(signed.id);
    await assertAccessible(page);
  }, 300_000);
});
