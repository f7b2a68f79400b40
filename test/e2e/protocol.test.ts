/**
 * The protocol register in Debian's chromium against the whole product: the protocol officer
 * registers an incoming entry with a PDF through the form and annotates it; the protocol manager
 * annuls it through the dialog; the register shows it annulled. axe-core checks every page.
 */
import type { Server } from 'node:http';
import { join } from 'node:path';
import { assertAccessible, launchBrowser, signIn, type BrowserSession } from '../helpers/browser';
import { createRegister, pdfBytes, protocolTenant, type ProtocolTenant } from '../helpers/protocol';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let server: Server;
let baseURL: string;
let t: ProtocolTenant;
let browser: BrowserSession | undefined;

beforeAll(async () => {
  stack = await startStack({ config: { WEB_DIST_DIR: join(__dirname, '..', '..', 'web', 'dist') } });
  t = await protocolTenant(stack.app, stack.sequelize);
  await createRegister(stack.app, t, 'GEN', 'Protocollo generale');
  server = await new Promise<Server>((resolve) => {
    const s = stack.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  baseURL = `http://localhost:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await stack?.stop();
});


describe('protocol register in the browser', () => {
  it('registers an entry through the form, annotates it, and the manager annuls it', async () => {
    browser = await launchBrowser({ baseURL });
    const { page } = browser;
    await signIn(page, t.users.protocol_officer!.email, /\/protocollo$/);
    await page.getByRole('heading', { level: 1, name: 'Registro di protocollo' }).waitFor();
    expect(await page.title()).toBe('Registro di protocollo – Mediazione Aperta');
    await page.getByTestId('protocol-count').filter({ hasText: 'Nessuna registrazione' }).waitFor();
    await assertAccessible(page);

    // The new entry form.
    await page.getByTestId('protocol-nav-new').click();
    await page.waitForURL(/\/protocollo\/nuova$/);
    await page.getByRole('heading', { level: 1, name: 'Nuova registrazione di protocollo' }).waitFor();
    await page.getByLabel('Classificazione (titolario)').locator('option', { hasText: 'II.1 – Iscrizioni e cancellazioni' }).waitFor({ state: 'attached' });
    await assertAccessible(page);
    // Submitting without a subject: the field says what is missing, nothing is registered.
    await page.getByLabel(/^Nome/).fill('Mario');
    await page.getByLabel('Cognome').fill('Rossi');
    await page.getByLabel('Classificazione (titolario)').selectOption('II.1');
    await page.getByTestId('entry-submit').click();
    await page.getByTestId('error-alert').filter({ hasText: 'I dati inviati non sono validi.' }).waitFor();
    expect(await page.getByLabel('Oggetto').getAttribute('aria-invalid')).toBe('true');
    await assertAccessible(page);

    await page.getByLabel('Oggetto').fill('Richiesta di iscrizione all’albo');
    await page.getByLabel('PEC').fill('mario.rossi@pec.example.it');
    await page.getByTestId('entry-attachments').setInputFiles({ name: 'istanza.pdf', mimeType: 'application/pdf', buffer: pdfBytes('istanza') });
    await page.getByTestId('entry-submit').click();
    await page.waitForURL(/\/protocollo\/registrazioni\/[0-9a-f-]{36}$/);
    const year = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Rome', year: 'numeric' }).format(new Date());
    const protocolId = `GEN/${year}/0000001`;
    await page.getByRole('heading', { level: 1, name: `Registrazione di protocollo ${protocolId}` }).waitFor();
    expect(await page.getByTestId('entry-subject').innerText()).toBe('Richiesta di iscrizione all’albo');
    await page.getByRole('button', { name: 'Scarica istanza.pdf' }).waitFor();
    await page.getByTestId('entry-segnatura').waitFor();
    // The officer may not annul.
    expect(await page.getByTestId('entry-annul').count()).toBe(0);
    await assertAccessible(page);

    await page.getByLabel('Nuova annotazione').fill('Il mittente ha inviato anche l’originale cartaceo.');
    await page.getByTestId('entry-annotate').click();
    await page.getByTestId('entry-annotation-list').filter({ hasText: 'originale cartaceo' }).waitFor();
    const entryUrl = page.url();

    // The manager annuls it through the dialog.
    await browser.close();
    browser = await launchBrowser({ baseURL });
    const manager = browser.page;
    await signIn(manager, t.users.protocol_manager!.email, /\/protocollo$/);
    await manager.goto(entryUrl);
    await manager.getByTestId('entry-annul').click();
    const dialog = manager.getByRole('dialog', { name: `Annullamento della registrazione ${protocolId}` });
    await dialog.waitFor();
    await assertAccessible(manager);
    await dialog.getByTestId('annul-confirm').click();
    await dialog.getByTestId('error-alert').filter({ hasText: 'L\'annullamento richiede una motivazione' }).waitFor();
    await dialog.getByLabel('Motivazione').fill('Registrazione duplicata per errore');
    await dialog.getByLabel('Estremi del provvedimento di autorizzazione').fill('Provv. n. 1/2026');
    await dialog.getByTestId('annul-confirm').click();
    await manager.getByTestId('entry-annulled').filter({ hasText: 'Motivazione: Registrazione duplicata per errore' }).waitFor();
    expect(await dialog.isVisible()).toBe(false);
    expect(await manager.getByTestId('entry-annul').count()).toBe(0);
    await assertAccessible(manager);

    // The register lists it, visibly annulled.
    await manager.getByTestId('protocol-nav-register').click();
    await manager.waitForURL(/\/protocollo$/);
    const row = manager.getByTestId('protocol-table').locator('tbody tr');
    await row.filter({ hasText: protocolId }).filter({ hasText: 'Annullata' }).waitFor();
    await assertAccessible(manager);

    // The daily closure control panel and the mailbox import page (no mailbox linked yet).
    await manager.getByTestId('protocol-nav-closures').click();
    await manager.getByRole('heading', { level: 1, name: 'Chiusura giornaliera del protocollo' }).waitFor();
    await manager.getByText('Nessuna chiusura ancora.').waitFor();
    await assertAccessible(manager);
    await manager.getByTestId('protocol-nav-mail').click();
    await manager.getByText('Nessuna casella di posta collegata ai registri.').waitFor();
    await assertAccessible(manager);
  }, 120_000);
});
