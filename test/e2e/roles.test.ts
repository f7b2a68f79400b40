import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { assertAccessible, launchBrowser, type BrowserSession } from '../helpers/browser';
import { createTenant, sampleFiling, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { startServedStack, type ServedStack } from '../helpers/served-stack';
import { login } from '../helpers/stack';

/**
 * A body's administrator edits the access levels in the browser (Debian's chromium) and reads the
 * registry, against the whole product started in-process: real Temporal, PostgreSQL, worker, and the
 * API serving the built UI. The admin works in a body of their own, with an auditor beside them.
 */

let served: ServedStack;
let tenant: Tenant;
let browser: BrowserSession | undefined;

beforeAll(async () => {
  served = await startServedStack();
  tenant = await createTenant(served.stack.sequelize, ['admin', 'auditor']);
  // One filed case puts a person and a company in the body's registry.
  const { token } = await login(served.stack.app, tenant.users.admin!.email, TEST_PASSWORD);
  const filed = await request(served.stack.app)
    .post(`/api/bodies/${tenant.bodyId}/cases`)
    .set('Authorization', `Bearer ${token}`)
    .set('Idempotency-Key', randomUUID())
    .send(sampleFiling());
  expect(filed.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('access levels and registry in the browser', () => {
  it('lets the admin grant the auditor the filing of mediations, refuses an admin lock-out, and lists the registry', async () => {
    browser = await launchBrowser({ baseURL: served.baseURL });
    const { page } = browser;

    await page.goto('/accesso');
    await page.getByLabel('Indirizzo email').fill(tenant.users.admin!.email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/casi$/);

    await page.getByTestId('nav-access-levels').click();
    await page.waitForURL(/\/amministrazione\/livelli-di-accesso$/);
    await page.getByRole('heading', { level: 1, name: 'Livelli di accesso' }).waitFor();
    await page.getByTestId('access-matrix').waitFor();
    await page.getByRole('columnheader', { name: 'Consulente tecnico' }).waitFor();
    await page.getByRole('rowheader', { name: /Deposito delle domande/ }).waitFor();
    await assertAccessible(page);

    // Grant: the checkbox is found by its accessible name, ticked as a user does, on its label.
    const auditorFiles = page.getByRole('checkbox', { name: 'Revisore: deposita nuove mediazioni' });
    expect(await auditorFiles.isChecked()).toBe(false);
    await page.locator('label[for="perm-auditor-cases-file"]').click();
    expect(await auditorFiles.isChecked()).toBe(true);
    await page.getByTestId('pending-changes').filter({ hasText: 'Revisore — concede: Deposito delle domande' }).waitFor();
    await page.getByTestId('role-col-auditor').filter({ hasText: 'da salvare' }).waitFor();
    await assertAccessible(page);

    await page.getByTestId('access-save').click();
    await page.getByTestId('access-status').filter({ hasText: 'Modifiche salvate per: Revisore.' }).waitFor();
    await page.getByTestId('access-changes').filter({ hasText: 'Nessuna modifica da salvare.' }).waitFor();
    expect(await auditorFiles.isChecked()).toBe(true);

    const { token } = await login(served.stack.app, tenant.users.admin!.email, TEST_PASSWORD);
    const roles = await request(served.stack.app).get(`/api/bodies/${tenant.bodyId}/roles`).set('Authorization', `Bearer ${token}`);
    expect(roles.status).toBe(200);
    expect(roles.body.mapping.auditor).toContain('cases.file');
    expect(roles.body.mapping.admin).toContain('roles.manage');

    // The admin role may not lose the management of access levels: the API's rule shows in its column.
    await page.locator('label[for="perm-admin-roles-manage"]').click();
    await page.getByTestId('access-save').click();
    await page.getByTestId('access-status').filter({ hasText: 'Modifiche non salvate per: Amministratore.' }).waitFor();
    await page.getByTestId('role-error-admin').filter({ hasText: 'deve mantenere la «Gestione dei livelli di accesso»' }).waitFor();
    await assertAccessible(page);
    await page.getByTestId('access-discard').click();
    expect(await page.getByRole('checkbox', { name: 'Amministratore: gestisce i livelli di accesso' }).isChecked()).toBe(true);
    await page.getByTestId('access-changes').filter({ hasText: 'Nessuna modifica da salvare.' }).waitFor();

    await page.getByTestId('nav-registry').click();
    await page.waitForURL(/\/anagrafica$/);
    await page.getByRole('heading', { level: 1, name: 'Anagrafica' }).waitFor();
    await page.getByTestId('registry-count').filter({ hasText: /trovat/ }).waitFor();
    await page.getByTestId('registry-row').filter({ hasText: 'Alfa Immobiliare S.r.l.' }).waitFor();
    await assertAccessible(page);

    await page.getByLabel('Cerca', { exact: true }).fill('rossi');
    await page.getByTestId('registry-apply').click();
    await page.waitForURL(/\/anagrafica\?q=rossi$/);
    await page.getByTestId('registry-count').filter({ hasText: 'Un soggetto trovato' }).waitFor();
    const row = page.getByTestId('registry-row');
    expect(await row.count()).toBe(1);
    await expect(row.textContent()).resolves.toContain('RSSMRA80A01H501U');
  });
});
