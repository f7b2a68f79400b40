import { randomUUID } from 'node:crypto';
import { createOccEconomicsActivities } from '../../activities/occ/economics';
import { assertAccessible, launchBrowser, signIn, type BrowserSession } from '../helpers/browser';
import { startServedStack, type ServedStack } from '../helpers/served-stack';
import { login } from '../helpers/stack';

/**
 * The economics of an OCC file in Debian's chromium against the whole product: the secretariat
 * imports the creditor list (a bad file first: the row errors show and nothing is imported), reads
 * the fee quote preview with the "medio" convention and the cap, records a vote in the open window
 * and reads the majority result explained; axe on every state.
 */
let served: ServedStack;
let browser: BrowserSession | undefined;
let fileId: string;

beforeAll(async () => {
  served = await startServedStack();
  const { sequelize, app, config } = served.stack;
  const { session } = await login(app, served.email, served.password);
  const bodyId = session.activeBodyId as string;
  fileId = randomUUID();
  await sequelize.query(
    `INSERT INTO cases (id, body_id, kind, year, number, case_number, workflow_id, subject, stage, filed_at)
     VALUES (:id, :bodyId, 'occ', 2026, 1, 'OCC-1/2026', :workflowId, 'Concordato minore', 'PROCEDURA_APERTA', now())`,
    { replacements: { id: fileId, bodyId, workflowId: `occ:${bodyId}:${fileId}` } },
  );
  const day = 86_400_000;
  await createOccEconomicsActivities({ sequelize, config }).openOccVote({ bodyId, caseId: fileId, opensAt: new Date(Date.now() - 10 * day).toISOString(), closesAt: new Date(Date.now() + 10 * day).toISOString() });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

/** "YYYY-MM-DDTHH:mm" in this machine's zone, as a datetime-local field takes it. */
const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

describe('OCC file economics in the browser', () => {
  it('imports creditors, shows the quote and tallies the vote', async () => {
    browser = await launchBrowser({ baseURL: served.baseURL });
    const { page } = browser;
    await signIn(page, served.email);
    await page.goto(`/occ/${fileId}/economia`);
    await page.getByRole('heading', { level: 1, name: /Pratica OCC/ }).waitFor();
    await assertAccessible(page);

    // A file with a negative amount: the row is named, nothing is imported.
    await page.getByTestId('occ-import-file').setInputFiles({ name: 'creditori.csv', mimeType: 'text/csv', buffer: Buffer.from('Creditore;Capitale;Grado\nAlfa;100,00;chirografo\nBeta;-1,00;chirografo\n') });
    await page.getByTestId('occ-import-submit').click();
    await page.getByTestId('occ-import-errors').filter({ hasText: 'Riga 3, campo capitalCents: l’importo non può essere negativo' }).waitFor();
    expect(await page.getByTestId('occ-claim-row').count()).toBe(0);
    await assertAccessible(page);

    const csv = 'Creditore;PEC;Capitale;Grado;Trattamento\nBanca Beta S.p.A.;beta@pec.example.it;60.000,00;chirografo;30\nFinanziaria Delta S.p.A.;;30.000,00;chirografo;30\nMario Verdi;;10.000,00;chirografo;30\n';
    await page.getByTestId('occ-import-file').setInputFiles({ name: 'creditori.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('occ-import-submit').click();
    await page.getByTestId('occ-claims-notice').filter({ hasText: 'Importati 3 crediti.' }).waitFor();
    expect(await page.getByTestId('occ-claim-row').count()).toBe(3);
    await page.getByTestId('occ-satisfaction').filter({ hasText: '30 %' }).waitFor();

    // Spec example 1: 100,000 at 30 % → 2247,38 / 3000,00 / 3000,00 with the 10 % cap (Italian CLDR: no grouping under 10,000).
    await page.getByTestId('occ-quote-min').filter({ hasText: '2247,38' }).waitFor();
    await page.getByTestId('occ-quote-average').filter({ hasText: '3000,00' }).waitFor();
    await page.getByTestId('occ-quote-max').filter({ hasText: '3000,00' }).waitFor();
    await page.getByTestId('occ-quote-cap').filter({ hasText: '10 %' }).waitFor();
    await page.getByTestId('occ-quote-average-convention').filter({ hasText: 'non ha definizione normativa' }).waitFor();
    await assertAccessible(page);

    // A dissent from the smallest creditor: the silent ones consent, and the 60 % creditor's per-head rule holds (2 of 3).
    await page.getByLabel('Creditore', { exact: true }).last().selectOption({ label: 'Mario Verdi' });
    await page.locator('#occ-vote-choice').selectOption('dissent');
    await page.locator('#occ-vote-channel').selectOption('paper');
    await page.locator('#occ-vote-received').fill(localInput(new Date(Date.now() - 3_600_000)));
    await page.getByTestId('occ-vote-submit').click();
    await page.getByTestId('occ-vote-row').filter({ hasText: 'Mario Verdi' }).waitFor();
    await page.getByTestId('occ-tally-result').filter({ hasText: 'Proposta approvata' }).waitFor();
    await page.getByTestId('occ-tally-explanation').filter({ hasText: 'maggioranza per teste' }).waitFor();
    await assertAccessible(page);
  });
});
