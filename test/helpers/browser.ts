import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AxeResults, Result, RunOptions } from 'axe-core';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { TEST_PASSWORD } from './fixtures';

/** Debian's chromium (`apt-get install chromium`); a test never downloads a browser of its own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Closes the browser and deletes its profile directory. */
  close(): Promise<void>;
}

/** Starts chromium with a fresh, throw-away profile and one open page. */
export async function launchBrowser(options: { baseURL?: string; locale?: string } = {}): Promise<BrowserSession> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'mz-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    baseURL: options.baseURL,
    locale: options.locale ?? 'it-IT',
    timezoneId: 'Europe/Rome',
    viewport: { width: 1280, height: 900 },
    // axe-core is injected as an inline script, which the API's Content-Security-Policy would block.
    bypassCSP: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

const WCAG_21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

function describeViolation(violation: Result): string {
  const targets = violation.nodes
    .slice(0, 5)
    .map((node) => `    - ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
    .join('\n');
  return `  [${violation.impact}] ${violation.id}: ${violation.help} (${violation.nodes.length} element(s))\n${targets}`;
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the current page and throws, listing them, when it finds
 * serious or critical violations. Returns the full results for callers that want to look further.
 */
export async function assertAccessible(page: Page): Promise<AxeResults> {
  const hasAxe = await page.evaluate(() => 'axe' in globalThis);
  if (!hasAxe) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const source = (require('axe-core') as { source: string }).source;
    await page.addScriptTag({ content: source });
  }
  const options: RunOptions = { runOnly: { type: 'tag', values: WCAG_21_AA_TAGS }, resultTypes: ['violations'] };
  const results = await page.evaluate(
    (runOptions) => (globalThis as unknown as { axe: { run(o: RunOptions): Promise<AxeResults> } }).axe.run(runOptions),
    options,
  );
  const blocking = results.violations.filter((v) => v.impact && BLOCKING_IMPACTS.has(v.impact));
  if (blocking.length > 0) {
    throw new Error(
      `Accessibility violations on ${page.url()}:\n${blocking.map(describeViolation).join('\n')}`,
    );
  }
  return results;
}

/** Logs in through the login page and waits for the landing page (the case list unless told). */
export async function signIn(page: Page, email: string, landing: RegExp = /\/casi$/): Promise<void> {
  await page.goto('/accesso');
  await page.getByLabel('Indirizzo email').fill(email);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(landing);
}

/** Opens a mediation's page and waits until its procedure panel is drawn. */
export async function openCase(page: Page, caseId: string, caseNumber: string): Promise<void> {
  await page.goto(`/casi/${caseId}`);
  await page.getByRole('heading', { level: 1, name: `Mediazione ${caseNumber}` }).waitFor();
  await page.getByTestId('procedure-stage').waitFor();
}

/** bootstrap-italia draws radios and checkboxes on their labels: a user clicks the label. */
export async function check(page: Page, id: string, checked = true): Promise<void> {
  const box = page.getByTestId(id);
  if ((await box.isChecked()) !== checked) await page.locator(`label[for="${id}"]`).click();
  expect(await box.isChecked()).toBe(checked);
}

/** Waits for the procedure panel's live notice with this text. */
export const procedureNotice = (page: Page, text: string | RegExp) => page.getByTestId('procedure-notice').filter({ hasText: text }).waitFor();

/** Waits until the procedure panel shows exactly this stage label. */
export const procedureStage = (page: Page, label: string) => page.getByTestId('procedure-stage').filter({ hasText: new RegExp(`^${label}$`) }).waitFor();
