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


beforeAll(async () => {
  const port = await freePort();
  mailSink = await startMailSink({ port, dir: mailDir });
  served = await startServedStack({ config: { MAIL_SINK_DIR: mailDir } });
  const { sequelize, app } = served.stack;
  const { session } = await login(app, served.email, served.password);
  const bodyId = session.activeBodyId as string;

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
});
