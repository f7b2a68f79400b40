import { romeDateTime } from '../helpers/rome-time';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import nodemailer from 'nodemailer';
import { createSendEmail, type SendEmailInput, type SendEmailResult } from '../../activities/notify/send-email';
import { registerCase } from '../../db/repositories/cases';
import { filingSchema } from '../../domain/mediation/matters';
import { freePort } from '../../scripts/free-port';
import { startMailSink } from '../../scripts/mail-sink';
import { assertAccessible, launchBrowser, signIn, type BrowserSession } from '../helpers/browser';
import { createTenant, sampleFiling } from '../helpers/fixtures';
import { startServedStack, type ServedStack } from '../helpers/served-stack';
import { login } from '../helpers/stack';
import { addContacts } from '../helpers/contacts';
import { PDFDocument } from 'pdf-lib';
import type { NotificationState } from '../../workflows/notify/contract';
import request from 'supertest';

/**
 * The communications page and the operators' local outgoing mail, in Debian's chromium, against the
 * whole product started in-process. One e-mail is sent by the real activity to the embedded mail
 * sink of `npm start` (which keeps it as .eml, listed at /api/dev/mails): the outbox row it writes is
 * what the secretariat sees, the kept message what the operator reads.
 */

const mailDir = mkdtempSync(join(tmpdir(), 'mz-e2e-mail-'));
let mailSink: { stop(): Promise<void> } | undefined;
let served: ServedStack;
let caseNumber: string;
let caseId: string;
let sent: SendEmailResult;
let browser: BrowserSession | undefined;
let bodyId: string;
let token: string;


beforeAll(async () => {
  const port = await freePort();
  mailSink = await startMailSink({ port, dir: mailDir });
  served = await startServedStack({ config: { MAIL_SINK_DIR: mailDir } });
  const { sequelize, app } = served.stack;
  const { session, token: accessToken } = await login(app, served.email, served.password);
  bodyId = session.activeBodyId as string;
  token = accessToken;

  // A case in the register (written by the records repository: no workflow, so no e-mail of its own).
  caseId = randomUUID();
  ({ caseNumber } = await registerCase(sequelize, {
    caseId,
    bodyId,
    workflowId: `mediation:${bodyId}:${caseId}`,
    year: new Date().getFullYear(),
    filedAt: new Date(),
    filedBy: session.user.id as string,
    filing: filingSchema.parse(sampleFiling()),
  }));

  const sendEmail = createSendEmail({
    sequelize,
    transport: nodemailer.createTransport(`smtp://127.0.0.1:${port}`),
    from: 'segreteria@odm.example.it',
    messageIdHost: 'mediazione.example.it',
  });
  const input: SendEmailInput = {
    idempotencyKey: `mediation:${bodyId}:${caseId}:registered:party-0`,
    bodyId,
    caseId,
    workflowId: `mediation:${bodyId}:${caseId}`,
    to: { address: 'mario.rossi@example.it', name: 'Mario Rossi' },
    template: 'case-registered',
    data: { caseNumber, subject: 'Ripartizione spese straordinarie del tetto', bodyName: 'Organismo di prova' },
  };
  sent = (await new MockActivityEnvironment().run(sendEmail, input)) as SendEmailResult;
  expect(sent.alreadySent).toBe(false);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await mailSink?.stop();
  rmSync(mailDir, { recursive: true, force: true });
});


describe('communications in the browser', () => {
  it('shows the secretariat the sent e-mail with its status history, on the list and on the case', async () => {
    browser = await launchBrowser({ baseURL: served.baseURL });
    const { page } = browser;
    await signIn(page, served.email);
    expect(await page.getByTestId('nav-local-mail').count()).toBe(0);

    await page.getByTestId('nav-communications').click();
    await page.waitForURL(/\/comunicazioni$/);
    await page.getByRole('heading', { level: 1, name: 'Comunicazioni' }).waitFor();
    await page.getByTestId('communications-count').filter({ hasText: 'Una comunicazione' }).waitFor();
    expect(await page.title()).toBe('Comunicazioni – Mediazione Aperta');
    const row = page.getByTestId('communication-row');
    expect(await row.count()).toBe(1);
    const cells = await row.locator('th, td').allInnerTexts();
    expect(cells.slice(0, 6).map((c) => c.replace(/\s+/g, ' ').trim())).toEqual([
      'Mario Rossi mario.rossi@example.it',
      expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}:\d{2}$/),
      'E-mail',
      `Avviso di iscrizione a registro Domanda di mediazione n. ${caseNumber} iscritta a registro`,
      `Mediazione ${caseNumber}`,
      'Inviato',
    ]);
    const history = page.getByTestId('communication-history');
    expect(await history.isVisible()).toBe(false);
    await assertAccessible(page);

    // The disclosure button: named after the message, collapsed, then expanded with the history.
    const toggle = page.getByRole('button', { name: /^Cronologia dell’invio a Mario Rossi del / });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await history.waitFor({ state: 'visible' });
    expect(await history.getAttribute('id')).toBe(await toggle.getAttribute('aria-controls'));
    const events = history.getByTestId('communication-event');
    const texts = (await events.allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    expect(texts.map((s) => s.split(' · ')[0])).toEqual(['In attesa', 'In invio', 'Inviato']);
    const at = await events.locator('time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')!));
    expect(await events.locator('time').allInnerTexts()).toEqual(at.map((iso) => romeDateTime(iso, 'second')));
    await history.filter({ hasText: 'Un tentativo di invio' }).waitFor();
    await assertAccessible(page);
    await toggle.click();
    await history.waitFor({ state: 'hidden' });

    // Filters live in the URL; nothing has failed.
    await page.getByLabel('Stato').selectOption('failed');
    await page.getByTestId('communications-apply').click();
    await page.waitForURL(/\/comunicazioni\?status=failed$/);
    await page.getByText('Nessuna comunicazione corrisponde ai criteri indicati.').waitFor();
    await page.getByLabel('Canale').selectOption('email');
    await page.getByLabel('Stato').selectOption('sent');
    await page.getByTestId('communications-apply').click();
    await page.waitForURL(/status=sent&channel=email$/);
    await page.getByTestId('communication-row').waitFor();
    await assertAccessible(page);

    // The case page lists the same message in its own section.
    await page.getByRole('link', { name: `Mediazione ${caseNumber}` }).click();
    await page.waitForURL(new RegExp(`/casi/${caseId}$`));
    const section = page.getByTestId('case-communications');
    await section.getByRole('heading', { level: 2, name: 'Comunicazioni' }).waitFor();
    await section.getByTestId('communication-row').filter({ hasText: 'mario.rossi@example.it' }).waitFor();
    expect(await section.getByRole('columnheader', { name: 'Mediazione' }).count()).toBe(0);
    await section.getByRole('button', { name: /^Cronologia/ }).click();
    expect(await section.getByTestId('communication-event').count()).toBe(3);
    await assertAccessible(page);

    // Not an operator: the local outgoing mail page leads back to the list.
    await page.goto('/posta-locale');
    await page.waitForURL(/\/casi$/);
    await browser.close();
    browser = undefined;
  });

  it('lets a platform operator read the kept e-mail, its HTML only in a sandboxed frame, and explains a missing sink', async () => {
    const operators = await createTenant(served.stack.sequelize, ['admin'], { operator: true });
    browser = await launchBrowser({ baseURL: served.baseURL });
    const { page } = browser;
    await signIn(page, operators.users.admin!.email);

    await page.getByTestId('nav-local-mail').click();
    await page.waitForURL(/\/posta-locale$/);
    await page.getByRole('heading', { level: 1, name: 'Posta in uscita (ambiente locale)' }).waitFor();
    const row = page.getByTestId('local-mail-row').filter({ hasText: `Domanda di mediazione n. ${caseNumber} iscritta a registro` });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('mario.rossi@example.it');
    await assertAccessible(page);

    const open = row.getByRole('button', { name: /^Apri\b/ });
    expect(await open.evaluate((b) => b.textContent?.replace(/\s+/g, ' ').trim())).toBe(`Apri: Domanda di mediazione n. ${caseNumber} iscritta a registro`);
    await open.click();
    expect(await open.getAttribute('aria-pressed')).toBe('true');
    const detail = page.getByTestId('local-mail-detail');
    await detail.waitFor();
    await expect(detail.innerText()).resolves.toContain(sent.messageId);
    await expect(page.getByTestId('local-mail-text').innerText()).resolves.toContain(
      `iscritta nel registro degli affari di mediazione con il numero ${caseNumber}`,
    );
    const frame = page.getByTestId('local-mail-html');
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await frame.getAttribute('srcdoc')).toContain('Mario Rossi');
    expect(await frame.getAttribute('src')).toBeNull();
    // The HTML is rendered in the frame's own document, never in the page: the page has one table, the listing.
    await page.frameLocator('[data-testid="local-mail-html"]').getByText('Mario Rossi', { exact: false }).first().waitFor();
    expect(await page.locator('main table').count()).toBe(1);
    await assertAccessible(page);

    // When the API has no mail sink it answers 404: the page says so instead of showing an error.
    await page.route('**/api/dev/mails', (route) =>
      route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'NOT_FOUND', message: { it: 'Risorsa non trovata', en: 'Not found' } } }) }),
    );
    await page.reload();
    await page.getByTestId('local-mail-off').filter({ hasText: 'Casella di prova non attiva' }).waitFor();
    expect(await page.getByTestId('error-alert').count()).toBe(0);
    await assertAccessible(page);
  });

  it('runs a mailing from the Spedizioni page: live progress bar, pause and resume, to 100 % at the SMTP server', async () => {
    const { sequelize, sink } = served.stack;
    const contacts = await addContacts(sequelize, bodyId, 60, `e2e${randomUUID().slice(0, 6)}`);
    // 10 messages a second: the mailing lasts long enough to be paused on screen.
    await sequelize.query(
      `INSERT INTO communication_settings (body_id, rate_limits) VALUES (:b, '{"email": 10}')
       ON CONFLICT (body_id) DO UPDATE SET rate_limits = EXCLUDED.rate_limits`,
      { replacements: { b: bodyId } },
    );
    browser = await launchBrowser({ baseURL: served.baseURL });
    const { page } = browser;
    await signIn(page, served.email);
    await page.getByTestId('nav-mailings').click();
    await page.waitForURL(/\/spedizioni$/);
    await page.getByRole('heading', { level: 1, name: 'Spedizioni massive' }).waitFor();
    await assertAccessible(page);

    await page.getByLabel('Destinatari').selectOption('contacts');
    await page.getByLabel('Oggetto').fill('Nuovi orari della segreteria');
    await page.getByLabel('Testo del messaggio').fill('Da lunedì la segreteria è aperta anche il pomeriggio.');
    await page.getByTestId('mailing-create').click();
    await page.waitForFunction(() => window.location.search.includes('id='));
    const detail = page.getByTestId('mailing-detail');
    await detail.getByRole('heading', { level: 2, name: 'Spedizione «Nuovi orari della segreteria»' }).waitFor();
    const bar = page.getByRole('progressbar', { name: 'Avanzamento della spedizione' });
    await page.getByTestId('mailing-state').filter({ hasText: 'In corso' }).waitFor();
    await assertAccessible(page);

    // Pause: the bar stops moving, and what reached the server stays as it is.
    await page.getByTestId('mailing-pause').click();
    await page.getByTestId('mailing-state').filter({ hasText: 'Sospesa' }).waitFor();
    await page.getByTestId('mailing-resume').waitFor();
    await page.waitForTimeout(1500); // the chunk under way finishes
    const pausedAt = Number(await bar.getAttribute('aria-valuenow'));
    const sentAtPause = sink!.received.length;
    await page.waitForTimeout(2000);
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(pausedAt);
    expect(sink!.received.length).toBe(sentAtPause);
    expect(pausedAt).toBeLessThan(100);
    await assertAccessible(page);

    // Resume: it goes on to the end by itself (polling), 100 %, every recipient once.
    await page.getByTestId('mailing-resume').click();
    await page.getByTestId('mailing-state').filter({ hasText: 'Completata' }).waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === '100');
    // The audience is every registry contact with an e-mail: ours and the parties of the case filed above.
    const mailingId = new URL(page.url()).searchParams.get('id')!;
    const { total } = (await request(served.stack.app).get(`/api/bodies/${bodyId}/mailings/${mailingId}`).set('Authorization', `Bearer ${token}`)).body as { total: number };
    expect(total).toBeGreaterThanOrEqual(60);
    expect(await page.getByTestId('mailing-progress-text').innerText()).toBe(`${total} di ${total} (100 %)`);
    expect(await page.getByTestId('mailing-count-sent').innerText()).toBe(String(total));
    expect(await page.getByTestId('mailing-count-pending').innerText()).toBe('0');
    expect(await page.getByTestId('mailing-unsubscribed').innerText()).toBe('Indirizzi che hanno annullato l’iscrizione alla newsletter: 0');
    expect(await page.getByTestId('mailing-pause').count()).toBe(0);
    const addresses = new Set(contacts.map((c) => c.email));
    const got = sink!.received.flatMap((r) => r.recipients).filter((a) => addresses.has(a));
    expect(got).toHaveLength(60);
    expect(new Set(got).size).toBe(60);
    await page.getByTestId('mailing-row').filter({ hasText: 'Nuovi orari della segreteria' }).filter({ hasText: 'Completata' }).waitFor();
    await assertAccessible(page);
    await browser.close();
    browser = undefined;
  }, 120_000);

  it('records posting and return receipt of a registered letter on the Posta e fax page, and shows it among the communications', async () => {
    const { app, temporal } = served.stack;
    const sent = await request(app)
      .post(`/api/bodies/${bodyId}/communications`)
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', randomUUID())
      .send({ channel: 'registered_mail', recipient: { address: 'Via Appia Nuova 10, 00183 Roma (RM)', name: 'Beta S.p.A.' }, title: 'Convocazione', message: 'Si comunica la convocazione.' });
    expect(sent.status).toBe(202);
    const state = (await temporal.client.workflow.getHandle(sent.body.workflowId).result()) as NotificationState;
    expect(state.status).toBe('recorded');
    const pdf = await PDFDocument.create();
    pdf.addPage().drawText('Distinta raccomandata');
    const scan = Buffer.from(await pdf.save());

    browser = await launchBrowser({ baseURL: served.baseURL });
    const { page } = browser;
    await signIn(page, served.email);
    await page.getByTestId('nav-postal').click();
    await page.waitForURL(/\/posta-e-fax$/);
    await page.getByRole('heading', { level: 1, name: 'Posta e fax' }).waitFor();
    await page.getByTestId('postal-manual-notice').filter({ hasText: 'Fornitore manuale' }).waitFor();
    const card = page.getByTestId('postal-task').filter({ hasText: 'Beta S.p.A.' });
    await card.getByTestId('postal-status').filter({ hasText: 'Da spedire' }).waitFor();
    await assertAccessible(page);

    // Without the number the API refuses; the field says why.
    await card.getByTestId('postal-record-posting').click();
    await card.getByText('Campo obbligatorio').waitFor();
    await card.getByLabel('Numero della raccomandata o codice di spedizione').fill('15012345678-9');
    await card.getByLabel('Costo in euro (facoltativo)').fill('6,55');
    await card.getByLabel('Scansione della distinta di spedizione (PDF o immagine, facoltativa)').setInputFiles({ name: 'distinta.pdf', mimeType: 'application/pdf', buffer: scan });
    await card.getByTestId('postal-record-posting').click();
    await card.getByTestId('postal-status').filter({ hasText: 'Spedito' }).waitFor();
    const posting = await card.getByTestId('postal-posting').innerText();
    expect(posting).toContain('n. 15012345678-9');
    expect(posting).toMatch(/6,55\s€/);
    await assertAccessible(page);

    await card.getByLabel('Esito').selectOption('delivered');
    await card.getByTestId('postal-record-receipt').click();
    await card.getByTestId('postal-status').filter({ hasText: 'Consegnato' }).waitFor();
    await card.getByTestId('postal-receipt').filter({ hasText: 'Consegnata' }).waitFor();
    await assertAccessible(page);

    // The communications page: every step in Italian, and the providers said plainly.
    await page.getByTestId('nav-communications').click();
    await page.waitForURL(/\/comunicazioni$/);
    await page.getByTestId('sms-record-only').waitFor();
    const row = page.getByTestId('communication-row').filter({ hasText: 'Beta S.p.A.' });
    await row.getByTestId('communication-status').filter({ hasText: 'Consegnato' }).waitFor();
    await row.getByRole('button', { name: /^Cronologia/ }).click();
    const history = page.getByTestId('communication-history').filter({ hasText: 'Beta S.p.A.' });
    const steps = (await history.getByTestId('communication-event').allInnerTexts()).map((x) => x.replace(/\s+/g, ' ').trim().split(' · ')[0]);
    expect(steps).toEqual(['In attesa', 'In invio', 'Da spedire', 'Spedito', 'Consegnato']);
    await assertAccessible(page);
    await browser.close();
    browser = undefined;
  }, 120_000);
});
