import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { ensureBodySigningKeys } from '../../db/repositories/signing-credentials';
import { answerAdhesionUpdate } from '../../workflows/mediation/contract';
import { assertAccessible, launchBrowser, signIn, type BrowserSession } from '../helpers/browser';
import { flow, waitFor } from '../helpers/mediation-flow';
import { startServedStack, type ServedStack } from '../helpers/served-stack';
import { login } from '../helpers/stack';

/**
 * The minutes' signature on the case page (Debian's chromium): a procedure held by video reaches its
 * minutes and the mediation starts the signature cycle by itself; the secretariat sees its status
 * with the link to the cycle's monitoring page and the PEC/e-mail column of the convocation; after
 * the cycle is cancelled the page offers a new signature, started from the form. axe on each step.
 */

let served: ServedStack;
let bodyId: string;
let f: ReturnType<typeof flow>;
let caseId: string;
let caseNumber: string;
let browser: BrowserSession | undefined;

beforeAll(async () => {
  served = await startServedStack();
  const { sequelize, app, temporal } = served.stack;
  const { token, session } = await login(app, served.email, served.password);
  bodyId = session.activeBodyId as string;
  await ensureBodySigningKeys(sequelize, bodyId, served.stack.config.SIGNING_KEYS_SECRET);
  f = flow(served.stack, { bodyId, code: '', users: {} }, token);
  const mediator = await f.newMediator();
  await sequelize.query('UPDATE users SET tax_code = :tc WHERE id = :id', { replacements: { tc: 'VRDGPP70C10F205B', id: mediator.id } });
  caseId = await f.fileCase();
  await f.accepted(caseId, mediator);
  const convened = await f.convene(caseId, { mode: 'video', roomId: null });
  expect(convened.status).toBe(200);
  const [row] = await sequelize.query<{ workflow_id: string; case_number: string }>('SELECT workflow_id, case_number FROM cases WHERE id = :id', { type: QueryTypes.SELECT, replacements: { id: caseId } });
  caseNumber = row!.case_number;
  const lawyer = { firstName: 'Laura', lastName: 'Ferri', taxCode: 'FRRLCU90E50L219S', pec: 'laura.ferri@pec.example.it' };
  await temporal.client.workflow.getHandle(row!.workflow_id).executeUpdate(answerAdhesionUpdate, { args: [{ position: 1, adhere: true, lawyer }] });
  const m = f.api(mediator.token);
  expect((await m.act(caseId, 'hold-meeting', { meetingId: convened.body.meetings[0].id, attendance: [{ position: 0, present: true }, { position: 1, present: true }] })).status).toBe(200);
  expect((await m.act(caseId, 'record-outcome', { kind: 'agreement', text: 'Accordo sulle spese.' })).status).toBe(200);
  await waitFor(() => f.stateOf(caseId), (s) => s.minutesSignature?.status === 'running');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('the minutes signature on the case page', () => {
  it('shows the running cycle with its monitoring link, then starts a new one after a cancellation', async () => {
    browser = await launchBrowser({ baseURL: served.baseURL });
    const { page } = browser;
    await signIn(page, served.email);
    await page.goto(`/casi/${caseId}`);
    await page.getByRole('heading', { level: 1, name: `Mediazione ${caseNumber}` }).waitFor();
    const panel = page.getByTestId('minutes-signature');
    await panel.getByText('Verbale in firma: prima le parti e gli avvocati').waitFor();
    const state = await f.stateOf(caseId);
    expect(await panel.getByTestId('minutes-signature-link').getAttribute('href')).toBe(`/firme/${state.minutesSignature.cycleId}`);
    // While the cycle runs there is neither the deposit nor a second start.
    expect(await page.getByTestId('deposit-form').count()).toBe(0);
    expect(await page.getByTestId('minutes-signature-form').count()).toBe(0);
    // The invited party was convened by e-mail (the body has no PEC account).
    expect(await page.getByTestId('invited-1').getByTestId('convocation-delivery').textContent()).toContain('Inviata per e-mail');
    await assertAccessible(page);

    await request(served.stack.app)
      .post(`/api/bodies/${bodyId}/signature-cycles/${state.minutesSignature.cycleId}/cancel`)
      .set('Authorization', `Bearer ${(await login(served.stack.app, served.email, served.password)).token}`)
      .send({ reason: 'Firmeranno in presenza' })
      .expect(200);
    await waitFor(() => f.stateOf(caseId), (s) => s.minutesSignature?.status === 'cancelled');
    await page.reload();
    await panel.getByText('La firma è stata annullata (tentativo 1)').waitFor();
    await page.getByTestId('deposit-form').waitFor();
    await page.getByLabel('Come firma il mediatore').selectOption('own-device');
    await assertAccessible(page);
    await page.getByTestId('minutes-signature-start').click();
    await page.getByTestId('procedure-notice').filter({ hasText: 'Firma del verbale avviata' }).waitFor();
    const restarted = await waitFor(() => f.stateOf(caseId), (s) => s.minutesSignature?.attempt === 2 && s.minutesSignature.status === 'running');
    expect(restarted.minutesSignature.workflowId).toMatch(/:2$/);
    await panel.getByText('(tentativo 2)').waitFor();
    await page.getByTestId('timeline-item').filter({ hasText: 'Verbale inviato in firma digitale' }).first().waitFor();
    await assertAccessible(page);
  }, 120_000);
});
