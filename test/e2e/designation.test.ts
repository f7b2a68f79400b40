import { romeDateTime } from '../helpers/rome-time';
import { randomUUID } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import request from 'supertest';
import { assertAccessible, launchBrowser, signIn, type BrowserSession } from '../helpers/browser';
import { addMediator, sampleFiling, TEST_PASSWORD } from '../helpers/fixtures';
import { startServedStack, type ServedStack } from '../helpers/served-stack';
import { login } from '../helpers/stack';

/**
 * Designation of the mediator in the browser (Debian's chromium), against the whole product started
 * in-process: the secretariat designates by rotation and moves the term to answer on the case page's
 * "Stato della procedura" panel; the designated mediator reads the declaration of independence and
 * impartiality, signs it and accepts — with the mediator role's default `cases.read_own`, which
 * shows the mediator the cases they are designated to.
 */

let served: ServedStack;
let bodyId: string;
let caseId: string;
let caseNumber: string;
let mediator: { id: string; email: string };
let browser: BrowserSession | undefined;


/** The calendar day in Rome, `days` days from now, as "YYYY-MM-DD". */
const romeDayFromNow = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

beforeAll(async () => {
  served = await startServedStack();
  const { sequelize, app } = served.stack;
  const { token, session } = await login(app, served.email, served.password);
  bodyId = session.activeBodyId as string;
  mediator = await addMediator(sequelize, bodyId);
  const filed = await request(app)
    .post(`/api/bodies/${bodyId}/cases`)
    .set('Authorization', `Bearer ${token}`)
    .set('Idempotency-Key', randomUUID())
    .send(sampleFiling());
  expect(filed.status).toBe(201);
  ({ caseId, caseNumber } = filed.body as { caseId: string; caseNumber: string });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

/** addMediator names the user "Mediatore <suffix>", the suffix being the one of their e-mail address. */
const mediatorName = () => `Mediatore ${/^mediatore\.([^@]+)@/.exec(mediator.email)![1]}`;


async function stateOf(email: string) {
  const { token } = await login(served.stack.app, email, TEST_PASSWORD);
  const res = await request(served.stack.app).get(`/api/bodies/${bodyId}/cases/${caseId}/state`).set('Authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  return res.body as { stage: string; mediatorId: string | null; designation: { mediatorId: string; answerDueAt: string } | null; mediatorAccepted: boolean };
}

describe('designation of the mediator in the browser', () => {
  it('lets the secretariat designate by rotation and the designated mediator accept with the declaration', async () => {
    browser = await launchBrowser({ baseURL: served.baseURL });
    const { page } = browser;

    // The secretariat: the case is registered, with no mediator yet.
    await signIn(page, served.email);
    await page.goto(`/casi/${caseId}`);
    await page.getByRole('heading', { level: 1, name: `Mediazione ${caseNumber}` }).waitFor();
    const panel = page.getByTestId('case-procedure');
    await panel.getByRole('heading', { level: 2, name: 'Stato della procedura' }).waitFor();
    await panel.getByTestId('designation-status').filter({ hasText: 'Mediatore da designare' }).waitFor();
    expect(await panel.getByTestId('procedure-stage').innerText()).toBe('Iscritta');
    expect(await panel.getByTestId('procedure-mediator').innerText()).toBe('Non ancora designato');
    // Not blocked: only the body's criteria are offered, rotation first; no answer form for the secretariat.
    expect(await page.getByTestId('designation-blocked').count()).toBe(0);
    expect(await page.getByTestId('designate-criterion-manual').count()).toBe(0);
    expect(await page.getByRole('radio', { name: 'Rotazione' }).isChecked()).toBe(true);
    expect(await page.getByTestId('answer-appointment').count()).toBe(0);
    await assertAccessible(page);

    await page.getByTestId('designate-submit').click();
    await page.getByTestId('procedure-notice').filter({ hasText: 'Mediatore designato' }).waitFor();
    await panel.getByTestId('designation-status').filter({ hasText: 'In attesa di risposta del mediatore' }).waitFor();
    expect(await panel.getByTestId('procedure-stage').innerText()).toBe('Mediatore designato');
    const designated = await stateOf(served.email);
    expect(designated.designation?.mediatorId).toBe(mediator.id);
    const dueAt = designated.designation!.answerDueAt;
    const term = panel.getByTestId('answer-due-at');
    expect(await term.getAttribute('datetime')).toBe(dueAt);
    expect(await term.innerText()).toBe(romeDateTime(dueAt));
    // Named from the case's record, which follows the workflow: the panel shows the name once it has it.
    await panel.getByTestId('procedure-mediator').filter({ hasText: `${mediatorName()}, risposta entro il ${romeDateTime(dueAt)}` }).waitFor();
    // The focus is back on the panel's heading, the outcome announced in its status region.
    expect(await page.locator(':focus').getAttribute('id')).toBe('case-procedure-heading');
    expect(await page.getByTestId('designate-form').count()).toBe(0);
    await page.getByTestId('deadline-form').waitFor();
    await page.getByTestId('withdraw-form').waitFor();
    await assertAccessible(page);

    // The term to answer, typed as Italian time whatever the browser's zone, reaches the workflow as that instant.
    const day = romeDayFromNow(3);
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const expected = new TZDate(y, m - 1, d, 18, 30, 'Europe/Rome');
    const field = page.getByLabel('Nuovo termine (data e ora italiane)');
    await field.fill(`${day}T18:30`);
    await page.getByTestId('deadline-submit').click();
    await page.getByTestId('procedure-notice').filter({ hasText: `Termine per la risposta modificato: scade il ${romeDateTime(expected.toISOString())}.` }).waitFor();
    expect(Date.parse((await stateOf(served.email)).designation!.answerDueAt)).toBe(expected.getTime());
    await term.filter({ hasText: romeDateTime(expected.toISOString()) }).waitFor();

    await page.getByTestId('logout').click();
    await page.waitForURL(/\/accesso/);

    // The designated mediator: reads the declaration, signs it, accepts.
    await signIn(page, mediator.email);
    await page.goto(`/casi/${caseId}`);
    const answer = page.getByTestId('answer-appointment');
    await answer.getByRole('heading', { level: 3, name: 'Risposta all’incarico' }).waitFor();
    await panel.getByTestId('designation-status').filter({ hasText: 'In attesa di risposta del mediatore' }).waitFor();
    expect(await panel.getByTestId('procedure-mediator').innerText()).toBe(`${mediatorName()} (Lei)`);
    const declaration = page.getByTestId('declaration');
    expect(await declaration.getAttribute('lang')).toBe('it');
    const declarationText = await declaration.innerText();
    expect(declarationText).toContain('Dichiarazione di indipendenza e imparzialità del mediatore');
    expect(declarationText).toContain('(versione 2026-01)');
    expect(declarationText).toContain('articolo 14 del decreto legislativo 4 marzo 2010, n. 28');
    expect(declarationText).toContain('articolo 22 del decreto del Ministro della giustizia 24 ottobre 2023, n. 150');
    // The mediator may not designate, move the term or record a withdrawal.
    expect(await page.getByTestId('designate-form').count()).toBe(0);
    expect(await page.getByTestId('deadline-form').count()).toBe(0);
    expect(await page.getByTestId('withdraw-form').count()).toBe(0);
    await assertAccessible(page);

    // Accepting without ticking the declaration is stopped in the page, the checkbox focused.
    await page.getByTestId('answer-accept').click();
    await answer.getByText('Per accettare l’incarico seleziona la dichiarazione').waitFor();
    expect(await page.locator(':focus').getAttribute('id')).toBe('answer-declaration-accepted');
    await assertAccessible(page);

    const declare = page.getByRole('checkbox', { name: /^Dichiaro di aver letto la dichiarazione di indipendenza e imparzialità \(versione 2026-01\)/ });
    await page.locator('label[for="answer-declaration-accepted"]').click();
    expect(await declare.isChecked()).toBe(true);
    await page.getByTestId('answer-accept').click();
    await page.getByTestId('procedure-notice').filter({ hasText: 'Incarico accettato' }).waitFor();
    await panel.getByTestId('designation-status').filter({ hasText: 'Incarico accettato dal mediatore' }).waitFor();
    expect(await panel.getByTestId('procedure-mediator').innerText()).toMatch(/\(Lei\)$/);
    expect(await page.getByTestId('answer-appointment').count()).toBe(0);
    expect(await page.getByTestId('answer-due-at').count()).toBe(0);
    await page.getByTestId('procedure-no-actions').filter({ hasText: 'Nessuna operazione di tua competenza' }).waitFor();
    await assertAccessible(page);

    const accepted = await stateOf(served.email);
    expect(accepted).toMatchObject({ mediatorAccepted: true, mediatorId: mediator.id, designation: null });
    const [rows] = await served.stack.sequelize.query('SELECT outcome, criterion, declaration FROM designations WHERE case_id = :caseId', {
      replacements: { caseId },
    });
    expect(rows).toEqual([
      {
        outcome: 'accepted',
        criterion: 'rotation',
        declaration: expect.objectContaining({ version: '2026-01', acceptedBy: mediator.id, text: expect.stringContaining('SI IMPEGNA') }),
      },
    ]);

    // Narrow screens: the panel reflows without sideways scrolling (WCAG 1.4.10) and stays accessible.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await panel.getByTestId('designation-status').filter({ hasText: 'Incarico accettato dal mediatore' }).waitFor();
    expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390);
    await assertAccessible(page);
  });
});
