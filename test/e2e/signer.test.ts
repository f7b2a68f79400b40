/**
 * The signer's public page in Debian's chromium: opened from the e-mailed link, accessible (axe),
 * one-shot signature with the code received by e-mail.
 */
import request from 'supertest';
import { createFileStore } from '../../db/file-store';
import { createDocumentRepository } from '../../db/repositories/documents';
import { assertAccessible, launchBrowser, type BrowserSession } from '../helpers/browser';
import { samplePdf } from '../helpers/signing-tools';
import { startServedStack, type ServedStack } from '../helpers/served-stack';
import { login } from '../helpers/stack';

let served: ServedStack;
let browser: BrowserSession | undefined;

beforeAll(async () => {
  served = await startServedStack();
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

async function waitForMail(subject: RegExp) {
  for (let i = 0; i < 150; i++) {
    const m = served.stack.sink!.messages.find((x) => subject.test(x.subject ?? ''));
    if (m) return m;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail ${subject}`);
}

describe('signer page', () => {
  it('signs one-shot from the e-mailed link', async () => {
    const { app, sequelize, config } = served.stack;
    const { token, session } = await login(app, served.email, served.password);
    const bodyId = session.activeBodyId as string;
    const documents = createDocumentRepository(sequelize, createFileStore(config.FILE_STORE_DIR));
    const doc = await documents.saveDocument({ bodyId, ownerKind: 'signature', ownerId: 'e2e', category: 'input', filename: 'verbale.pdf', bytes: await samplePdf(), createdBy: null });
    const started = await request(app)
      .post(`/api/bodies/${bodyId}/signature-cycles`)
      .set('Authorization', `Bearer ${token}`)
      .send({ title: 'Verbale di prova', documentIds: [doc.id], signers: [{ id: 'rossi', givenName: 'Mario', surname: 'Rossi', taxCode: 'RSSMRA80A01H501U', email: 'mario.rossi@example.it', role: 'party' }], steps: [['rossi']], deadlineSeconds: 600 });
    expect(started.status).toBe(201);
    const invite = await waitForMail(/Documento da firmare/);
    const path = /\/firma\/[A-Za-z0-9._-]+/.exec(invite.text ?? '')![0];

    browser = await launchBrowser({ baseURL: served.baseURL });
    const { page } = browser;
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: 'Firma del documento' }).waitFor();
    await page.getByTestId('signer-title').filter({ hasText: 'Verbale di prova' }).waitFor();
    await assertAccessible(page);
    await page.getByTestId('send-code').click();
    await page.getByTestId('signer-notice').waitFor();
    const mail = await waitForMail(/Codice per la firma/);
    await page.getByTestId('otp').fill(/\b(\d{6})\b/.exec(mail.text ?? '')![1]!);
    await page.getByTestId('sign').click();
    await page.getByTestId('signer-status').filter({ hasText: 'Firmato' }).waitFor();
    await assertAccessible(page);
  });
});
