import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import request from 'supertest';
import { assertAccessible, launchBrowser, signIn, type BrowserSession, check, openCase as openCasePage, procedureNotice as notice, procedureStage as stage } from '../helpers/browser';
import { addMediator, sampleFiling, TEST_PASSWORD } from '../helpers/fixtures';
import { convocationFor } from '../helpers/mediation-flow';
import { romeDateTime } from '../helpers/rome-time';
import { startServedStack, type ServedStack } from '../helpers/served-stack';
import { login } from '../helpers/stack';

/**
 * A mediation from the designation to the deposit of the minutes in the browser (Debian's chromium),
 * against the whole product started in-process: the secretariat designates and convenes on the case
 * page, the mediator accepts with the declaration, the invited company answers on the public page of
 * its convocation link (read from the suite's SMTP server) on a phone-sized screen, adhering with its
 * lawyer and an attachment; the mediator records the meeting and the agreement; the minutes PDF is
 * downloaded through the page and opened; the secretariat deposits them and the case is concluded.
 * axe-core checks every page and every step.
 */

let served: ServedStack;
let bodyId: string;
let caseId: string;
let caseNumber: string;
let mediator: { id: string; email: string };
let browser: BrowserSession | undefined;

const lawyer = { firstName: 'Laura', lastName: 'Bianchi', taxCode: 'BNCLRA85M52F205I', pec: 'laura.bianchi@pec.example.it' };

/** The calendar day in Rome, `days` days from now, as "YYYY-MM-DD". */
const romeDayFromNow = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));

beforeAll(async () => {
  served = await startServedStack();
  const { sequelize, app } = served.stack;
  const { token, session } = await login(app, served.email, served.password);
  bodyId = session.activeBodyId as string;
  // The body's only mediator: designation by rotation picks them.
  mediator = await addMediator(sequelize, bodyId);
  const filed = await request(app).post(`/api/bodies/${bodyId}/cases`).set('Authorization', `Bearer ${token}`).set('Idempotency-Key', randomUUID()).send(sampleFiling());
  expect(filed.status).toBe(201);
  ({ caseId, caseNumber } = filed.body as { caseId: string; caseNumber: string });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

type Page = BrowserSession['page'];

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/accesso/);
}

const openCase = (page: Page) => openCasePage(page, caseId, caseNumber);

async function stateOf() {
  const { token } = await login(served.stack.app, served.email, TEST_PASSWORD);
  const res = await request(served.stack.app).get(`/api/bodies/${bodyId}/cases/${caseId}/state`).set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  return res.body as { stage: string; invited: { position: number; adhesion: string }[]; meetings: { id: string; startsAt: string; status: string; mode: string }[]; minutesDocumentId: string | null };
}

describe('a mediation from the designation to the deposit, in the browser', () => {
  it('convenes, takes the adhesion through the public link, records the agreement, downloads the minutes and concludes', async () => {
    browser = await launchBrowser({ baseURL: served.baseURL });
    const { page } = browser;

    // Secretariat: designation by rotation.
    await signIn(page, served.email);
    await openCase(page);
    await page.getByTestId('designate-submit').click();
    await notice(page, 'Mediatore designato');
    await signOut(page);

    // Mediator: accepts, signing the declaration.
    await signIn(page, mediator.email);
    await openCase(page);
    await check(page, 'answer-declaration-accepted');
    await page.getByTestId('answer-accept').click();
    await notice(page, 'Incarico accettato');
    // Nothing else is the mediator's to do until the parties are convened.
    expect(await page.getByTestId('convene-form').count()).toBe(0);
    await signOut(page);

    // Secretariat: convenes the first meeting, day and time typed as Italian time, in the body's room.
    await signIn(page, served.email);
    await openCase(page);
    const convene = page.getByTestId('convene-form');
    await convene.getByRole('heading', { level: 3, name: 'Convocazione delle parti' }).waitFor();
    await assertAccessible(page);
    // A day outside the 20–40 day window is refused by the procedure, the field says why, nothing changes.
    await page.getByTestId('convene-date').fill(romeDayFromNow(5));
    await page.getByTestId('convene-time').fill('10:00');
    await page.getByTestId('convene-roomId').selectOption({ label: 'Sala A – Sede, Roma (6 posti)' });
    await page.getByTestId('convene-submit').click();
    await page.getByTestId('procedure-error').filter({ hasText: 'Convocazione non registrata' }).waitFor();
    await convene.getByText('Troppo presto: il primo incontro va fissato dal 20° giorno dal deposito').waitFor();
    expect(await page.locator(':focus').getAttribute('id')).toBe('convene-date');
    expect((await stateOf()).stage).toBe('MEDIATORE_DESIGNATO');
    await assertAccessible(page);

    const meetingDay = romeDayFromNow(25);
    await page.getByTestId('convene-date').fill(meetingDay);
    await page.getByTestId('convene-submit').click();
    await notice(page, 'Parti convocate');
    await stage(page, 'Convocata');
    const convened = await stateOf();
    expect(convened.meetings).toHaveLength(1);
    const meeting = convened.meetings[0]!;
    expect(meeting).toMatchObject({ status: 'scheduled', mode: 'in_person' });
    expect(romeDateTime(meeting.startsAt)).toBe(`${meetingDay.split('-').reverse().join('/')}, 10:00`);
    const progress = page.getByTestId('procedure-progress');
    await progress.getByTestId('invited-1').getByTestId('adhesion-status').filter({ hasText: 'In attesa di risposta' }).waitFor();
    await progress.getByTestId('meeting-when').filter({ hasText: romeDateTime(meeting.startsAt) }).waitFor();
    expect(await progress.getByTestId('meeting-row').innerText()).toContain('Sala A');
    expect(await page.getByTestId('convene-form').count()).toBe(0);
    await assertAccessible(page);
    await signOut(page);

    // The invited company: its personal code and link come by e-mail (PEC); it answers on a phone.
    const { code, token } = await convocationFor(served.stack, 'alfa@pec.example.it', caseNumber);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/adesione?t=${encodeURIComponent(token)}`);
    await page.getByRole('heading', { level: 1, name: 'Risposta alla convocazione' }).waitFor();
    await page.getByTestId('adhesion-credentials').waitFor();
    await assertAccessible(page);
    // A wrong code is refused with its own sentence.
    await page.getByTestId('adhesion-case-number').fill(caseNumber);
    await page.getByTestId('adhesion-code').fill('AAAAA-BBBBB');
    await page.getByTestId('adhesion-verify').click();
    await page.getByTestId('adhesion-error').filter({ hasText: 'Il numero del procedimento o il codice personale non sono corretti' }).waitFor();
    await assertAccessible(page);
    await page.getByTestId('adhesion-code').fill(code.toLowerCase());
    await page.getByTestId('adhesion-verify').click();
    const summary = page.getByTestId('adhesion-summary');
    await summary.getByRole('heading', { level: 2, name: `Procedimento di mediazione n. ${caseNumber}` }).waitFor();
    expect(await page.getByTestId('adhesion-party').innerText()).toBe('Alfa Immobiliare S.r.l.');
    expect(await page.getByTestId('adhesion-first-meeting').innerText()).toContain(romeDateTime(meeting.startsAt));
    await assertAccessible(page);

    await check(page, 'adhesion-choice-adhere');
    await page.getByTestId('adhesion-lawyer-required').waitFor();
    // Without the lawyer's data the page stops before sending.
    await page.getByTestId('adhesion-submit').click();
    await page.getByTestId('adhesion-answer-form').getByText('Campo obbligatorio').first().waitFor();
    expect(await page.locator(':focus').getAttribute('id')).toBe('adhesion-lawyer-firstName');
    await assertAccessible(page);
    await page.getByTestId('adhesion-lawyer-firstName').fill(lawyer.firstName);
    await page.getByTestId('adhesion-lawyer-lastName').fill(lawyer.lastName);
    await page.getByTestId('adhesion-lawyer-taxCode').fill(lawyer.taxCode);
    await page.getByTestId('adhesion-lawyer-pec').fill(lawyer.pec);
    const attachment = await PDFDocument.create();
    attachment.addPage();
    await page.getByTestId('adhesion-file').setInputFiles({ name: 'procura alle liti.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await attachment.save()) });
    await page.getByTestId('adhesion-upload').click();
    await page.getByTestId('adhesion-upload-notice').filter({ hasText: 'Allegato caricato: procura alle liti.pdf' }).waitFor();
    expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);
    await assertAccessible(page);
    await page.getByTestId('adhesion-submit').click();
    await page.getByTestId('adhesion-done').getByRole('heading', { name: 'Adesione registrata' }).waitFor();
    expect(await page.getByTestId('adhesion-done').innerText()).toContain(romeDateTime(meeting.startsAt));
    await assertAccessible(page);
    expect((await stateOf()).invited).toEqual([expect.objectContaining({ position: 1, adhesion: 'adhered' })]);
    // The link works once.
    await page.reload();
    await page.getByTestId('adhesion-answered').waitFor();
    await assertAccessible(page);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Mediator: the meeting took place with both parties and their lawyers; agreement reached.
    await signIn(page, mediator.email);
    await openCase(page);
    await stage(page, 'In attesa del primo incontro');
    await progress.getByTestId('invited-1').getByTestId('adhesion-status').filter({ hasText: 'Ha aderito' }).waitFor();
    const hold = page.getByTestId('hold-form');
    await hold.waitFor();
    for (const position of [0, 1]) {
      await check(page, `hold-${position}-present`);
      await check(page, `hold-${position}-lawyer`);
    }
    await assertAccessible(page);
    await page.getByTestId('hold-submit').click();
    await notice(page, 'Incontro registrato come tenuto');
    await stage(page, 'Primo incontro tenuto');
    await progress.getByTestId('meeting-status').filter({ hasText: 'Tenuto' }).waitFor();

    await check(page, 'outcome-kind-agreement');
    await page.getByTestId('outcome-text').fill('Le parti concordano la ripartizione delle spese in parti uguali.');
    await assertAccessible(page);
    await page.getByTestId('outcome-submit').click();
    await notice(page, 'Esito registrato (Accordo raggiunto al primo incontro)');
    await stage(page, 'Verbale in formazione');
    await progress.getByTestId('progress-outcome').filter({ hasText: 'Accordo raggiunto al primo incontro' }).waitFor();
    // The mediator may not deposit: that is the secretariat's.
    expect(await page.getByTestId('deposit-form').count()).toBe(0);
    // Nor read the body's outbox: the case page leaves it out.
    expect(await page.getByTestId('case-communications').count()).toBe(0);
    await signOut(page);

    // Secretariat: downloads the minutes from the case file, then deposits them.
    await signIn(page, served.email);
    await openCase(page);
    const minutesRow = page.getByTestId('document-row').filter({ has: page.getByTestId('minutes-badge') });
    await minutesRow.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), minutesRow.getByTestId('document-download').click()]);
    const pdf = await PDFDocument.load(await readFile((await download.path())!));
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(pdf.getTitle()).toBe(`Verbale di mediazione n. ${caseNumber}`);
    // The attachment of the adhesion is in the case file too.
    await page.getByTestId('document-row').filter({ hasText: 'procura alle liti.pdf' }).filter({ hasText: 'Allegato all’adesione' }).waitFor();
    await page.getByTestId('fees-table').waitFor();
    expect(await page.getByTestId('fees-outcome').innerText()).toBe('Esito: accordo al primo incontro.');
    await assertAccessible(page);

    await page.getByTestId('deposit-submit').click();
    await notice(page, 'Verbale depositato: la mediazione è conclusa.');
    await stage(page, 'Conclusa');
    await page.getByTestId('case-stage').filter({ hasText: 'Conclusa' }).waitFor();
    const timeline = page.getByTestId('case-timeline');
    for (const action of ['case.convened', 'case.adhesion_received', 'case.meeting_held', 'case.outcome_recorded', 'case.concluded']) {
      await timeline.locator(`[data-action="${action}"]`).first().waitFor();
    }
    await timeline.getByText('Verbale depositato: mediazione conclusa').waitFor();
    await page.getByTestId('case-communications').getByText('Convocazione con codice personale').waitFor();
    expect((await stateOf()).stage).toBe('CONCLUSA');
    await assertAccessible(page);

    // The agenda lists the meeting held, for the secretariat in full.
    await page.getByTestId('nav-agenda').click();
    await page.waitForURL(/\/agenda$/);
    await page.getByRole('heading', { level: 1, name: 'Agenda degli incontri' }).waitFor();
    const row = page.getByTestId('agenda-row').filter({ hasText: caseNumber });
    await row.waitFor();
    expect(await row.innerText()).toContain('Ripartizione spese straordinarie del tetto');
    expect(await row.innerText()).toContain('Tenuto');
    await assertAccessible(page);
  }, 300_000);
});
