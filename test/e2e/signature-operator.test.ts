/**
 * The operator's side of signatures and preservation in Debian's chromium, axe-checked at each step:
 * the secretariat starts a cycle from a case with the "Verbale (art. 8-bis)" preset (signers taken
 * from the case), watches the monitoring page change as the signers sign one-shot through the public
 * API, downloads the result; verifies it on the verification page and downloads the report; a
 * manager sends a document to preservation from the panel, and an alert appears once a stored file
 * is corrupted on disk and the audit schedule has run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { hashPassword } from '../../api/auth/passwords';
import { createUser } from '../../db/repositories/bodies';
import { ensureBodySigningKeys } from '../../db/repositories/signing-credentials';
import { ensurePreservationAuditSchedule } from '../../temporal/preservation-schedule';
import { assertAccessible, launchBrowser, signIn, type BrowserSession } from '../helpers/browser';
import { TEST_PASSWORD } from '../helpers/fixtures';
import { declaration, flow, waitFor } from '../helpers/mediation-flow';
import { samplePdf } from '../helpers/signing-tools';
import { startServedStack, type ServedStack } from '../helpers/served-stack';
import { login } from '../helpers/stack';

let served: ServedStack;
let browser: BrowserSession | undefined;
let bodyId: string;
let token: string;
let caseId: string;
let caseNumber: string;
let mediatorEmail: string;
let signedPdf: Buffer;
let managerEmail: string;

/** bootstrap-italia draws the checkbox on its label: click the label, then check the state. */
async function tick(testId: string): Promise<void> {
  const box = browser!.page.getByTestId(testId);
  await browser!.page.locator(`label[for="${await box.getAttribute('id')}"]`).click();
  expect(await box.isChecked()).toBe(true);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function mailTo(address: string, subject: RegExp) {
  for (let i = 0; i < 200; i++) {
    const m = served.stack.sink!.messages.find((x) => subject.test(x.subject ?? '') && JSON.stringify(x.to).includes(address));
    if (m) return m;
    await sleep(200);
  }
  throw new Error(`no mail ${subject} to ${address}`);
}

/** A signer signs one-shot through the public API, with the code e-mailed to them. */
async function signOneShot(address: string): Promise<void> {
  const invite = await mailTo(address, /Documento da firmare/);
  const link = /\/firma\/([A-Za-z0-9._-]+)/.exec(invite.text ?? '')![1]!;
  const app = served.stack.app;
  expect((await request(app).get(`/api/public/signature/${link}`)).status).toBe(200);
  expect((await request(app).post(`/api/public/signature/${link}/code`).send({ channel: 'email' })).status).toBe(200);
  const code = /\b(\d{6})\b/.exec((await mailTo(address, /Codice per la firma/)).text ?? '')![1]!;
  const signed = await request(app).post(`/api/public/signature/${link}/sign`).send({ code });
  expect(signed.body.signer?.status).toBe('signed');
}

beforeAll(async () => {
  served = await startServedStack();
  const { stack } = served;
  const session = await login(stack.app, served.email, served.password);
  token = session.token;
  bodyId = session.session.activeBodyId as string;
  await ensureBodySigningKeys(stack.sequelize, bodyId, stack.config.SIGNING_KEYS_SECRET);
  managerEmail = `manager.${bodyId.slice(0, 8)}@prova.it`;
  await createUser(stack.sequelize, { email: managerEmail, fullName: 'Responsabile Conservazione', passwordHash: await hashPassword(TEST_PASSWORD), memberships: [{ bodyId, role: 'manager' }] });

  // A case whose mediator accepted and set their tax code: three complete signer candidates.
  const f = flow(stack, { bodyId, code: '', users: {} }, token);
  caseId = await f.fileCase();
  const mediator = await f.newMediator();
  mediatorEmail = mediator.email;
  expect((await request(stack.app).put('/api/me/profile').set('Authorization', `Bearer ${mediator.token}`).send({ taxCode: 'VRDGPP80A01H501U' })).status).toBe(200);
  expect((await f.sec.act(caseId, 'designate-mediator', { criterion: 'manual', mediatorId: mediator.id, reason: 'Indicazione concorde delle parti' })).status).toBe(200);
  expect((await f.api(mediator.token).act(caseId, 'answer-appointment', { accept: true, declaration })).status).toBe(200);
  const detail = await waitFor(async () => (await f.sec.get(`/cases/${caseId}`)).body, (b) => !!b.caseNumber);
  caseNumber = detail.caseNumber;
  const up = await request(stack.app)
    .post(`/api/bodies/${bodyId}/cases/${caseId}/documents?category=agreement`)
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', 'application/octet-stream')
    .set('X-Filename', 'verbale.pdf')
    .send(await samplePdf(`Verbale ${caseNumber}`));
  expect(up.status).toBe(201);
  browser = await launchBrowser({ baseURL: served.baseURL });
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('signature operator UI', () => {
  it('starts the minutes cycle from the case, follows the signers live and downloads the result', async () => {
    const { page } = browser!;
    await signIn(page, served.email);
    await page.goto(`/casi/${caseId}`);
    await page.getByTestId('case-signatures').getByText('Nessun processo di firma').waitFor();
    await page.getByTestId('start-signature').click();
    await page.waitForURL(/\/casi\/[^/]+\/firma$/);
    await page.getByTestId('preset-minutes').click();
    await tick('doc-agreement-verbale.pdf');
    // The preset took the three complete candidates; the company has no tax code and stays out.
    expect(await page.getByTestId('cand-party-0').isChecked()).toBe(true);
    expect(await page.getByTestId('cand-lawyer-0').isChecked()).toBe(true);
    expect(await page.getByTestId('cand-mediator').isChecked()).toBe(true);
    expect(await page.getByTestId('cand-party-1').isChecked()).toBe(false);
    expect(await page.getByTestId('signer-mediator-group').inputValue()).toBe('2');
    expect(await page.getByTestId('signer-party-0-group').inputValue()).toBe('1');
    await assertAccessible(page);
    await page.getByTestId('start-cycle').click();
    await page.waitForURL(/\/firme\/[0-9a-f-]{36}$/);
    await page.getByTestId('signer-status-party-0').filter({ hasText: 'Invitato' }).waitFor();
    await page.getByTestId('signer-status-mediator').filter({ hasText: 'In attesa del proprio turno' }).waitFor();
    await assertAccessible(page);

    // The party signs one-shot: the page, polling, shows it without a reload.
    await signOneShot('mario.rossi@example.it');
    await page.getByTestId('signer-status-party-0').filter({ hasText: 'Firmato' }).waitFor({ timeout: 20_000 });
    await signOneShot('anna.bruno@pec.example.it');
    await page.getByTestId('signer-status-mediator').filter({ hasText: /Invitato|Documento aperto/ }).waitFor({ timeout: 30_000 });
    await signOneShot(mediatorEmail);
    await page.getByTestId('cycle-summary').filter({ hasText: 'Completato: firmato da 3 su 3' }).waitFor({ timeout: 30_000 });
    await assertAccessible(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('result-0').click()]);
    signedPdf = readFileSync((await download.path())!);
    expect(signedPdf.subarray(0, 5).toString()).toBe('%PDF-');

    // The case page lists the cycle.
    await page.goto(`/casi/${caseId}`);
    await page.getByTestId('cycle-link-1').waitFor();
    await assertAccessible(page);
  });

  it('verifies the signed minutes and offers the PDF report', async () => {
    const { page } = browser!;
    await page.goto('/verifica-firme');
    await page.getByTestId('verify').click();
    await page.getByText('Scegli il file da verificare').waitFor();
    await page.getByTestId('signed-file').setInputFiles({ name: 'verbale-firmato.pdf', mimeType: 'application/pdf', buffer: signedPdf });
    await page.getByTestId('verify').click();
    await page.getByTestId('verification-outcome').filter({ hasText: 'Firma valida' }).waitFor();
    expect(await page.getByTestId('sig-tax-code').allTextContents()).toEqual(['RSSMRA80A01H501U', 'BNCLRA85M52F205I', 'VRDGPP80A01H501U']);
    expect(await page.getByTestId('sig-revocation').first().textContent()).toContain('Non verificata');
    await assertAccessible(page);
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-report').click()]);
    expect(readFileSync((await report.path())!).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('sends a case document to preservation from the panel and shows the alert after a file is corrupted', async () => {
    const { page } = browser!;
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/accesso/);
    await signIn(page, managerEmail);
    await page.goto('/conservazione');
    await page.getByTestId('preservation-alerts').getByText('Nessun allarme').waitFor();
    await page.getByTestId('preservation-case').fill(caseNumber);
    await page.getByTestId('preservation-find-case').click();
    // The signed minutes the cycle saved in the case file.
    await tick('pres-doc-signed-verbale.pdf');
    await page.getByTestId('preservation-class').selectOption('VERBALI_MEDIAZIONI');
    await page.getByTestId('preservation-send').click();
    // Required metadata are asked for before anything is sent.
    await page.getByText('Campo obbligatorio per questa classe').first().waitFor();
    await page.getByTestId('meta-oggetto').fill('Verbale di mediazione');
    await page.getByTestId('meta-data_documento').fill('2026-11-20');
    await page.getByTestId('meta-numero_procedimento').fill(caseNumber);
    await page.getByTestId('preservation-send').click();
    await page.getByTestId('preservation-notice').waitFor({ timeout: 30_000 });
    await page.getByTestId('preservation-packages').locator('tbody tr').first().waitFor();
    await assertAccessible(page);

    const [pkg] = await served.stack.sequelize.query<{ id: string }>('SELECT id FROM preservation_packages WHERE body_id = :bodyId', { type: QueryTypes.SELECT, replacements: { bodyId } });
    const [exhibit] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`exhibit-${pkg!.id}`).click()]);
    expect(readFileSync((await exhibit.path())!).subarray(0, 2).toString()).toBe('PK');

    writeFileSync(join(served.stack.config.PRESERVATION_DIR, bodyId, pkg!.id, 'documenti', '001-verbale.pdf'), Buffer.from('%PDF-1.7 alterato'));
    const client = served.stack.temporal.client;
    const handle = await ensurePreservationAuditSchedule(client, { taskQueue: served.stack.config.TEMPORAL_TASK_QUEUE, every: '24h', bodyId });
    await client.schedule.getHandle(handle).trigger();
    await waitFor(
      async () => (await served.stack.sequelize.query('SELECT 1 FROM preservation_alerts WHERE body_id = :bodyId AND resolved_at IS NULL', { type: QueryTypes.SELECT, replacements: { bodyId } })).length,
      (n) => n > 0,
      30_000,
    );
    await page.reload();
    const alert = page.getByTestId('preservation-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('non corrisponde più all’impronta');
    await page.getByTestId(`package-${pkg!.id}`).getByText('alterato').waitFor();
    await assertAccessible(page);
    await client.schedule.getHandle(handle).delete();
  });
});
