import { readFile } from 'node:fs/promises';
import { assertAccessible, launchBrowser, signIn, type BrowserSession } from '../helpers/browser';
import { addCrisisManager, todayRome } from '../helpers/occ-flow';
import { startServedStack, type ServedStack } from '../helpers/served-stack';
import { login } from '../helpers/stack';

/**
 * The OCC file in Debian's chromium against the whole product: the secretariat of an OCC opens a
 * file (a procedure the access rules refuse first: the reason shows under the field), imports the
 * creditor list from a CSV, issues the fee quote and downloads its PDF, records the debtor's
 * acceptance and designates the crisis manager; the crisis manager, in a browser of their own,
 * sees the file among their own, accepts with the declaration of independence, and the calendar
 * shows the 7-day notice to the tax offices running. Axe on every page.
 */
let served: ServedStack;
let secretariat: BrowserSession | undefined;
let manager: BrowserSession | undefined;
let crisisManager: { id: string; email: string };

beforeAll(async () => {
  served = await startServedStack();
  const { sequelize, app } = served.stack;
  const bodyId = (await login(app, served.email, served.password)).session.activeBodyId as string;
  // The served tenant becomes an OCC (the session carries the body's kind from the next login).
  await sequelize.query("UPDATE bodies SET kind = 'occ' WHERE id = :bodyId", { replacements: { bodyId } });
  crisisManager = await addCrisisManager(sequelize, bodyId);
});

afterAll(async () => {
  await manager?.close();
  await secretariat?.close();
  await served?.stop();
});

/** `YYYY-MM-DD` + n calendar days. */
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** As the UI shows a legal day in Italian (dd/mm/yyyy). */
const italianDay = (day: string) => day.split('-').reverse().join('/');

describe('OCC file in the browser', () => {
  it('opens a file, issues and accepts the quote, designates; the crisis manager accepts and the calendar runs', async () => {
    secretariat = await launchBrowser({ baseURL: served.baseURL });
    const { page } = secretariat;
    await signIn(page, served.email, /\/sovraindebitamento$/);
    await page.getByTestId('nav-occ').filter({ hasText: 'Sovraindebitamento' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Pratiche di sovraindebitamento' }).waitFor();
    await page.getByTestId('occ-file-count').filter({ hasText: 'Nessuna pratica' }).waitFor();
    await assertAccessible(page);

    // New file: a consumer asking for a concordato minore is refused, with the reason under the field.
    await page.getByTestId('occ-new-file').click();
    await page.getByRole('heading', { level: 1, name: 'Nuova pratica di sovraindebitamento' }).waitFor();
    await page.locator('#occ-first-name').fill('Paolo');
    await page.locator('#occ-last-name').fill('Verdi');
    await page.locator('#occ-tax-code').fill('RSSMRA80A01H501U');
    await page.locator('#occ-household').fill('3');
    await page.locator('#occ-income').fill('18.000,00');
    await page.locator('#occ-procedure').selectOption('CONCORDATO_MINORE');
    await page.locator('#occ-subject').fill('Sovraindebitamento da finanziamenti al consumo');
    await assertAccessible(page);
    await page.getByTestId('occ-file-submit').click();
    await page.locator('#occ-procedure-error').filter({ hasText: 'Il concordato minore non è accessibile al consumatore' }).waitFor();
    expect(await page.locator('#occ-procedure').getAttribute('aria-invalid')).toBe('true');
    await assertAccessible(page);
    await page.locator('#occ-procedure').selectOption('RISTRUTTURAZIONE_CONSUMATORE');
    await page.getByTestId('occ-file-submit').click();
    await page.waitForURL(/\/sovraindebitamento\/[0-9a-f-]{36}$/);
    const fileUrl = page.url();
    await page.getByTestId('occ-file-title').filter({ hasText: /\d{4}\/\d+/ }).waitFor();
    await page.getByTestId('occ-file-stage').filter({ hasText: 'Istanza ricevuta' }).waitFor();
    await page.getByTestId('occ-file-procedure').filter({ hasText: 'Ristrutturazione dei debiti del consumatore' }).waitFor();
    await assertAccessible(page);

    // The creditor list (the quote's passivo) from a CSV.
    const csv = 'Creditore;PEC;Capitale;Grado;Trattamento\nBanca Beta S.p.A.;beta@pec.example.it;60.000,00;chirografo;30\nFinanziaria Delta S.p.A.;;30.000,00;chirografo;30\nMario Verdi;;10.000,00;chirografo;30\n';
    await page.getByTestId('occ-import-file').setInputFiles({ name: 'creditori.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('occ-import-submit').click();
    await page.getByTestId('occ-claims-notice').filter({ hasText: 'Importati 3 crediti.' }).waitFor();
    expect(await page.getByTestId('occ-claim-row').count()).toBe(3);
    await page.getByTestId('occ-quote-average-convention').waitFor();
    await assertAccessible(page);

    // The quote: issued through the workflow, its PDF downloadable.
    await page.getByTestId('occ-issue-quote-submit').click();
    await page.getByTestId('occ-file-stage').filter({ hasText: 'Preventivo emesso' }).waitFor();
    await page.getByTestId('occ-announcement').filter({ hasText: 'Pratica aggiornata: fase «Preventivo emesso».' }).waitFor();
    await page.getByTestId('occ-file-quote').filter({ hasText: 'n. 1: minimo' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('occ-quote-download').click()]);
    const pdf = await readFile((await download.path()) as string);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await assertAccessible(page);

    // The debtor's acceptance (today), then the designation by rotation (the only crisis manager).
    expect(await page.locator('#occ-accept-quote-acceptedOn').inputValue()).toBe(todayRome());
    await page.getByTestId('occ-accept-quote-submit').click();
    await page.getByTestId('occ-file-stage').filter({ hasText: 'Preventivo accettato' }).waitFor();
    await page.locator('#occ-designate-manager-criterion').selectOption('rotation');
    await page.getByTestId('occ-designate-manager-submit').click();
    await page.getByTestId('occ-file-stage').filter({ hasText: 'Gestore designato' }).waitFor();
    await page.getByTestId('occ-file-manager').filter({ hasText: 'in attesa di accettazione' }).waitFor();
    // The secretariat cannot answer for the crisis manager: no such form here.
    expect(await page.getByTestId('occ-action-answer-appointment').count()).toBe(0);
    await assertAccessible(page);

    // The crisis manager sees the file among their own and accepts with the declaration.
    manager = await launchBrowser({ baseURL: served.baseURL });
    const m = manager.page;
    await signIn(m, crisisManager.email, /\/sovraindebitamento$/);
    await m.getByTestId('occ-file-row').first().waitFor();
    expect(await m.getByTestId('occ-file-row').count()).toBe(1);
    await assertAccessible(m);
    await m.getByTestId('occ-file-link').click();
    await m.getByTestId('occ-declaration-text').filter({ hasText: 'indipendente rispetto al debitore e ai creditori' }).waitFor();
    await assertAccessible(m);
    await m.getByTestId('occ-answer-accept').click();
    await m.locator('#occ-answer-declared-error').filter({ hasText: 'seleziona la dichiarazione' }).waitFor();
    await m.getByLabel('Ho letto e sottoscrivo la dichiarazione').check({ force: true });
    expect(await m.getByTestId('occ-answer-declared').isChecked()).toBe(true);
    await m.getByTestId('occ-answer-accept').click();
    await m.getByTestId('occ-file-stage').filter({ hasText: 'Incarico accettato' }).waitFor();

    // The calendar: the 7-day notice to the tax offices runs from today (art. 68 co. 4 CCII).
    const due = italianDay(plusDays(todayRome(), 7));
    const notice = m.getByTestId('occ-calendar-active').getByTestId('occ-deadline-TAX_OFFICE_NOTICE');
    await notice.filter({ hasText: due }).waitFor();
    expect(await notice.getAttribute('data-status')).toBe('pending');
    await notice.filter({ hasText: 'art. 68 co. 4 CCII' }).waitFor();
    await m.getByTestId('occ-calendar-later').getByTestId('occ-deadline-CREDITORS_COMMUNICATION').waitFor();
    await m.getByTestId('occ-action-notify-tax-offices').waitFor();
    await m.getByTestId('occ-timeline-item').filter({ hasText: 'Preventivo accettato' }).waitFor();
    await assertAccessible(m);

    // Back to the secretariat: the list filtered by stage (kept in the URL) finds the file.
    await page.goto(fileUrl);
    await page.getByTestId('occ-file-stage').filter({ hasText: 'Incarico accettato' }).waitFor();
    await page.getByTestId('occ-back').click();
    await page.locator('#occ-filter-stage').selectOption('INCARICO_ACCETTATO');
    await page.getByTestId('occ-filter-apply').click();
    await page.waitForFunction(() => location.search.includes('stage=INCARICO_ACCETTATO'));
    await page.getByTestId('occ-file-count').filter({ hasText: '1 pratica' }).waitFor();
    await page.getByTestId('occ-file-row').filter({ hasText: 'Paolo Verdi' }).waitFor();
    await assertAccessible(page);
  });
});
