/**
 * Convocations by PEC from the mediation: the invited party with a PEC address is convened through a
 * `notification` child workflow; real receipts (daticert.xml, S/MIME-signed by the provider stand-in)
 * reach a real Dovecot mailbox, the body's poller reads them and signals the child, and the
 * mediation records the outcome on the invitation: delivered (timeline "convocazione consegnata"),
 * or not delivered (timeline, invitation marked, registered letter task, secretariat alerted).
 */
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import type { MediationState } from '../../domain/views/mediation-state';
import { adhesionCodeFor } from '../../links/adhesion-link';
import { dovecotAvailable, startDovecot, type Dovecot } from '../helpers/dovecot';
import { createTenant, sampleFiling, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { flow, romeDayAt, waitFor } from '../helpers/mediation-flow';
import { createSigner, startPecProvider, type PecProvider, type Signer } from '../helpers/pec-provider';
import { login, startStack, type Stack } from '../helpers/stack';

const run = dovecotAvailable() ? describe : describe.skip;

run('mediation convocations by PEC', () => {
  let dovecot: Dovecot;
  let provider: PecProvider;
  let signer: Signer;
  let stack: Stack;
  let tenant: Tenant;
  let secretariat: string;
  let f: ReturnType<typeof flow>;

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [{ user: 'odm', password: 'segreta-pec' }] });
    signer = createSigner();
    provider = await startPecProvider({ imap: dovecot, user: 'odm', password: 'segreta-pec', signer });
    stack = await startStack({ config: { PEC_POLL_INTERVAL_SECONDS: '1' } });
    tenant = await createTenant(stack.sequelize, ['admin', 'secretariat']);
    const admin = (await login(stack.app, tenant.users.admin!.email, TEST_PASSWORD)).token;
    const saved = await request(stack.app)
      .put(`/api/bodies/${tenant.bodyId}/communication-settings`)
      .set('Authorization', `Bearer ${admin}`)
      .send({
        senderName: 'Organismo di prova',
        secretariatEmail: 'segreteria@odm.example.it',
        pec: { address: 'odm@pec.example.it', smtpUrl: provider.url, imapUrl: `imap://${dovecot.host}:${dovecot.port}`, username: 'odm', password: 'segreta-pec' },
      });
    expect(saved.status).toBe(204);
    secretariat = (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token;
    f = flow(stack, tenant, secretariat);
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
    await provider?.close();
    await dovecot?.stop();
    signer?.close();
  });

  const api = (path: string) => `/api/bodies/${tenant.bodyId}${path}`;
  const auth = () => ({ Authorization: `Bearer ${secretariat}` });
  const filingWithPec = (pec: string) => {
    const filing = sampleFiling();
    filing.parties[1]!.person.pec = pec;
    return filing;
  };
  async function convened(pec: string, days: number, postal?: string) {
    const res = await request(stack.app).post(api('/cases')).set(auth()).set('Idempotency-Key', crypto.randomUUID()).send(filingWithPec(pec));
    const caseId = res.body.caseId as string;
    await f.accepted(caseId, await f.newMediator());
    const body = {
      firstMeeting: { startsAt: romeDayAt(days), durationMinutes: 120, mode: 'in_person', roomId: await f.roomId() },
      ...(postal ? { postalAddresses: [{ position: 1, address: postal }] } : {}),
    };
    const c = await f.sec.act(caseId, 'convene', body);
    expect(c.status).toBe(200);
    return caseId;
  }
  const deliveryOf = (caseId: string, done: (d: NonNullable<MediationState['invited'][number]['delivery']>) => boolean) =>
    waitFor(
      async () => (await f.stateOf(caseId)) as MediationState,
      (s) => !!s.invited[0]?.delivery && done(s.invited[0].delivery),
      45_000,
    );
  const invitation = (caseId: string) =>
    stack.sequelize.query<{ delivery_channel: string; delivery_status: string; delivery_detail: string | null; delivery_outbox_id: string }>(
      'SELECT delivery_channel, delivery_status, delivery_detail, delivery_outbox_id FROM adhesion_invitations WHERE case_id = :caseId AND party_position = 1',
      { type: QueryTypes.SELECT, replacements: { caseId }, plain: true },
    );
  const timeline = async (caseId: string) => ((await request(stack.app).get(api(`/cases/${caseId}/timeline`)).set(auth())).body.items as { action: string; details: Record<string, unknown> }[]);

  it('a delivered convocation is recorded on the invitation, with the personal code only in the PEC itself', async () => {
    provider.outcome.set('alfa@pec.example.it', 'delivered');
    const caseId = await convened('alfa@pec.example.it', 25);
    const state = await deliveryOf(caseId, (d) => d.status === 'delivered');
    expect(state.invited[0]!.delivery).toMatchObject({ channel: 'pec', status: 'delivered', detail: null, registeredLetter: false });
    const row = await invitation(caseId);
    expect(row).toMatchObject({ delivery_channel: 'pec', delivery_status: 'delivered' });
    expect((await timeline(caseId)).find((t) => t.action === 'case.convocation_delivered')?.details).toMatchObject({ position: 1, channel: 'pec', outboxId: row!.delivery_outbox_id });

    // Sent once, by PEC: the e-mail sink got no convocation for the party's PEC address.
    expect(provider.submitted.filter((s) => s.recipients.includes('alfa@pec.example.it'))).toHaveLength(1);
    expect(stack.sink!.messages.some((m) => m.subject?.startsWith('Convocazione') && JSON.stringify(m.to).includes('alfa@pec.example.it'))).toBe(false);
    // The delivery receipt carries the original message: the personal code was composed at send time.
    const receipts = (await request(stack.app).get(api(`/communications/${row!.delivery_outbox_id}/receipts`)).set(auth())).body.items as { id: string; kind: string }[];
    const delivery = receipts.find((r) => r.kind === 'avvenuta-consegna')!;
    const eml = await request(stack.app).get(api(`/communications/${row!.delivery_outbox_id}/receipts/${delivery.id}/eml`)).set(auth()).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const raw = (eml.body as Buffer).toString('utf8').replace(/=\r?\n/g, '');
    expect(raw).toContain(adhesionCodeFor(stack.config.LINK_SIGNING_SECRET, caseId, 1));
  }, 120_000);

  it('a non-delivered convocation marks the invitation, prepares the registered letter and alerts the secretariat', async () => {
    provider.outcome.set('alfa-ko@pec.example.it', '5.1.1 - Casella inesistente');
    const caseId = await convened('alfa-ko@pec.example.it', 26, 'Via Roma 1, 00100 Roma (RM)');
    const state = await deliveryOf(caseId, (d) => d.status !== 'sending');
    expect(state.invited[0]!.delivery).toMatchObject({ channel: 'pec', status: 'not_delivered', detail: 'errore-consegna', registeredLetter: true });
    expect(await invitation(caseId)).toMatchObject({ delivery_status: 'not_delivered', delivery_detail: 'errore-consegna' });
    const event = (await timeline(caseId)).find((t) => t.action === 'case.convocation_not_delivered');
    expect(event?.details).toMatchObject({ position: 1, detail: 'errore-consegna' });
    const letter = await stack.sequelize.query<{ channel: string; status: string; recipient_address: string; case_id: string }>(
      'SELECT channel, status, recipient_address, case_id FROM outbox WHERE id = :id',
      { type: QueryTypes.SELECT, replacements: { id: event!.details.registeredLetterOutboxId }, plain: true },
    );
    expect(letter).toEqual({ channel: 'registered_mail', status: 'recorded', recipient_address: 'Via Roma 1, 00100 Roma (RM)', case_id: caseId });
    const alert = await waitFor(
      async () => stack.sink!.messages.find((m) => m.subject?.startsWith('PEC non consegnata: Convocazione') && (m.text ?? '').includes('alfa-ko@pec.example.it')),
      (m) => m !== undefined,
    );
    expect(alert?.text).toContain('5.1.1 - Casella inesistente');
    // The procedure goes on: the first meeting stays fixed, the party can still answer.
    expect(state.stage).toBe('CONVOCATA');
    expect(state.allowedActions).toContain('answerAdhesion');
  }, 120_000);
});
