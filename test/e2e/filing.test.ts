import { assertAccessible, launchBrowser, type BrowserSession } from '../helpers/browser';
import { startServedStack, type ServedStack } from '../helpers/served-stack';

/**
 * Files a mediation through the UI, as the secretariat would, in Debian's chromium. Runs against the
 * whole product started in-process (real Temporal, PostgreSQL, worker, API serving the built UI), or
 * against a running installation given by E2E_BASE_URL with E2E_EMAIL / E2E_PASSWORD.
 */

const CASE_NUMBER = /^\d{4}\/\d+$/;

let served: ServedStack | undefined;

async function target(): Promise<{ baseURL: string; email: string; password: string }> {
  const { E2E_BASE_URL, E2E_EMAIL, E2E_PASSWORD } = process.env;
  if (E2E_BASE_URL) {
    if (!E2E_EMAIL || !E2E_PASSWORD) throw new Error('E2E_BASE_URL needs E2E_EMAIL and E2E_PASSWORD');
    return { baseURL: E2E_BASE_URL, email: E2E_EMAIL, password: E2E_PASSWORD };
  }
  served = await startServedStack();
  return served;
}

/** bootstrap-italia draws radios and checkboxes on their labels: choose one as a user does, by its label. */
async function choose(page: BrowserSession['page'], id: string): Promise<void> {
  await page.locator(`label[for="${id}"]`).click();
  expect(await page.getByTestId(id).isChecked()).toBe(true);
}

describe('filing a mediation in the browser', () => {
  let browser: BrowserSession | undefined;

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('files a mediation with an applicant and an invited company, shows its number and lists it', async () => {
    const { baseURL, email, password } = await target();
    browser = await launchBrowser({ baseURL });
    const { page } = browser;
    const subject = `Prova e2e ${Date.now()}`;

    await page.goto('/accesso');
    await page.getByRole('heading', { level: 1, name: 'Accedi' }).waitFor();
    await assertAccessible(page);
    await page.getByLabel('Indirizzo email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByTestId('login-submit').click();

    await page.waitForURL(/\/casi$/);
    await page.getByTestId('case-count').filter({ hasText: /trovat/ }).waitFor();
    await assertAccessible(page);

    await page.getByTestId('new-case').click();
    await page.waitForURL(/\/casi\/nuova$/);
    await page.getByRole('heading', { level: 1, name: 'Nuova mediazione' }).waitFor();
    await assertAccessible(page);

    await page.getByLabel('Tipologia di mediazione').selectOption('VOLONTARIA');
    const matter = page.getByLabel('Materia');
    await matter.locator('option:not([value=""])').first().waitFor({ state: 'attached' });
    await matter.selectOption({ index: 1 });
    await page.getByLabel('Oggetto della controversia').fill(subject);
    await page.getByLabel('Ragioni della pretesa e fatti').fill('Infiltrazioni d’acqua dal piano superiore.');
    await page.getByLabel('Valore della controversia (euro)').fill('15.000,50');

    // Party 1: the applicant, a natural person.
    await choose(page, 'field-parties-0-role-applicant');
    await choose(page, 'field-parties-0-person-kind-person');
    await page.getByTestId('field-parties-0-person-firstName').fill('Mario');
    await page.getByTestId('field-parties-0-person-lastName').fill('Rossi');
    await page.getByTestId('field-parties-0-person-taxCode').fill('RSSMRA80A01H501U');
    await page.getByTestId('field-parties-0-person-email').fill('mario.rossi@example.it');

    // Party 2: the invited party, a company with a valid partita IVA.
    await choose(page, 'field-parties-1-role-invited');
    await choose(page, 'field-parties-1-person-kind-company');
    await page.getByTestId('field-parties-1-person-companyName').fill('Alfa S.r.l.');
    await page.getByTestId('field-parties-1-person-vatNumber').fill('00743110157');
    await page.getByTestId('field-parties-1-person-pec').fill('alfa@pec.example.it');

    await page.getByTestId('case-submit').click();

    await page.waitForURL(/\/casi\/(?!nuova)[^/]+$/);
    const number = page.getByTestId('case-number');
    await number.waitFor({ timeout: 60_000 });
    const caseNumber = (await number.textContent())?.trim() ?? '';
    expect(caseNumber).toMatch(CASE_NUMBER);
    await expect(page.getByTestId('case-subject').textContent()).resolves.toBe(subject);
    await page.getByTestId('party-card').filter({ hasText: 'Mario Rossi' }).waitFor();
    await page.getByTestId('party-card').filter({ hasText: 'Alfa S.r.l.' }).waitFor();
    await assertAccessible(page);

    await page.getByTestId('back-to-list').click();
    await page.waitForURL(/\/casi$/);
    await page.getByLabel('Cerca', { exact: true }).fill(subject);
    await page.getByTestId('filter-apply').click();
    const row = page.getByTestId('case-row').filter({ hasText: subject });
    await row.waitFor();
    await expect(row.getByTestId('case-link').textContent()).resolves.toContain(caseNumber);

    // Year and number filters find exactly this case; the filters stay in the address.
    const [year, num] = caseNumber.split('/');
    await page.getByTestId('filter-q').fill('');
    await page.getByTestId('filter-year').fill(year!);
    await page.getByTestId('filter-number').fill(String(Number(num)));
    await page.getByTestId('filter-apply').click();
    await page.waitForFunction(() => window.location.search.includes('number='));
    await page.getByTestId('case-count').filter({ hasText: 'Una mediazione trovata' }).waitFor();
    await expect(page.getByTestId('case-row').count()).resolves.toBe(1);
    await assertAccessible(page);
  });
});
