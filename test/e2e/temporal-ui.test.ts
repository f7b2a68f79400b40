/**
 * The Temporal Web UI as `npm start` runs it: a logged-in platform operator reads a procedure's
 * history decrypted (UI proxied by the API at /temporal/), while the UI's own port shows ciphertext
 * and staff who are not operators get no UI at all.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { freePort } from '../../scripts/free-port';
import { startTemporalDevServer, type DevServer } from '../../scripts/temporal-dev-server';
import { launchBrowser, type BrowserSession } from '../helpers/browser';
import { createTenant, sampleFiling, TEST_PASSWORD } from '../helpers/fixtures';
import { startServedStack, type ServedStack } from '../helpers/served-stack';
import { login } from '../helpers/stack';

const NAME = 'Ermenegilda';
let temporal: DevServer;
let served: ServedStack;
let browser: BrowserSession;
let workflowId: string;
let operatorEmail: string;

beforeAll(async () => {
  const [port, uiPort, appPort] = [await freePort(), await freePort(), await freePort()];
  temporal = await startTemporalDevServer({
    binary: process.env.TEMPORAL_CLI_PATH!,
    port,
    uiPort,
    namespace: 'default',
    codecEndpoint: `http://localhost:${appPort}/api/codec`,
  });
  served = await startServedStack({
    port: appPort,
    config: { TEMPORAL_ADDRESS: temporal.address, TEMPORAL_UI_PROXY_TARGET: `http://127.0.0.1:${uiPort}`, TEMPORAL_UI_ORIGIN: `http://localhost:${uiPort}` },
  });
  const operators = await createTenant(served.stack.sequelize, ['admin'], { operator: true });
  operatorEmail = operators.users.admin!.email;

  const { token, session } = await login(served.stack.app, served.email, served.password);
  const filing = sampleFiling();
  filing.parties[0]!.person.firstName = NAME;
  const res = await request(served.stack.app)
    .post(`/api/bodies/${session.activeBodyId}/cases`)
    .set('Authorization', `Bearer ${token}`)
    .set('Idempotency-Key', randomUUID())
    .send(filing);
  expect(res.status).toBe(201);
  workflowId = res.body.workflowId;
  browser = await launchBrowser({ baseURL: served.baseURL });
  (global as { uiPort?: number }).uiPort = uiPort;
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await temporal?.stop();
});

const historyPath = () => `/temporal/namespaces/default/workflows/${encodeURIComponent(workflowId)}`;

/** The page's globals, typed here because the test project compiles without the DOM library. */
interface BrowserGlobals {
  document: { body: { textContent: string | null } };
}

async function historyText(url: string, expected: RegExp): Promise<string> {
  const { page } = browser;
  await page.goto(url);
  // The input renders once the history (and the codec's answer) has arrived.
  await page.waitForFunction((source) => new RegExp(source).test((globalThis as unknown as BrowserGlobals).document.body.textContent ?? ''), expected.source, { timeout: 30_000 });
  return (await page.locator('body').textContent()) ?? '';
}

it('shows the UI’s own port the ciphertext only', async () => {
  const uiPort = (global as { uiPort?: number }).uiPort!;
  const text = await historyText(`http://localhost:${uiPort}${historyPath()}`, /encryption-key-id/);
  expect(text).not.toContain(NAME);
  expect(text).toMatch(/encryption-key-id/);
});

it('refuses the proxied UI to staff who are not operators', async () => {
  const { page } = browser;
  await page.goto('/accesso');
  await page.getByLabel('Indirizzo email').fill(served.email);
  await page.getByLabel('Password').fill(served.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/casi$/);
  const res = await page.goto(historyPath());
  expect(res?.status()).toBe(403);
  await page.context().clearCookies();
});

it('shows a logged-in operator the decrypted history', async () => {
  const { page } = browser;
  await page.goto(historyPath());
  await page.waitForURL(/\/accesso\?redirect=/);
  await page.getByLabel('Indirizzo email').fill(operatorEmail);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/temporal\/namespaces\/default\/workflows\//, { timeout: 15_000 });
  const text = await historyText(page.url(), /caseId/);
  expect(text).toContain(NAME);
  expect(text).toContain('RSSMRA80A01H501U');
});
