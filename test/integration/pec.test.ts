/**
 * PEC end to end against real servers: submission over SMTP to a provider stand-in that writes
 * S/MIME-signed receipts (text, postacert.eml, daticert.xml) into a real Dovecot mailbox; the
 * receipt poller workflow reads them over IMAP, stores each original .eml in the document store,
 * moves the message's status and signals the sending workflow, which completes on delivery and
 * diverts on non-delivery (registered letter task + alert to the secretariat).
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { dovecotAvailable, startDovecot, type Dovecot } from '../helpers/dovecot';
import { createTenant, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { createSigner, startPecProvider, type PecProvider, type Signer } from '../helpers/pec-provider';
import { login, startStack, type Stack } from '../helpers/stack';
import type { NotificationState } from '../../workflows/notify/contract';

const run = dovecotAvailable() ? describe : describe.skip;

run('PEC with receipts', () => {
  let dovecot: Dovecot;
  let provider: PecProvider;
  let signer: Signer;
  let stack: Stack;
  let tenant: Tenant;
  let token: string;

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [{ user: 'odm', password: 'segreta-pec' }] });
    signer = createSigner();
    provider = await startPecProvider({ imap: dovecot, user: 'odm', password: 'segreta-pec', signer });
    stack = await startStack({ config: { PEC_POLL_INTERVAL_SECONDS: '1' } });
    tenant = await createTenant(stack.sequelize, ['admin']);
    token = (await login(stack.app, tenant.users.admin!.email, TEST_PASSWORD)).token;
    const saved = await request(stack.app)
      .put(`/api/bodies/${tenant.bodyId}/communication-settings`)
      .set('Authorization', `Bearer ${token}`)
      .send({
        senderName: 'Organismo di prova',
        secretariatEmail: 'segreteria@odm.example.it',
        pec: { address: 'odm@pec.example.it', smtpUrl: provider.url, imapUrl: `imap://${dovecot.host}:${dovecot.port}`, username: 'odm', password: 'segreta-pec' },
      });
    expect(saved.status).toBe(204);
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
    await provider?.close();
    await dovecot?.stop();
    signer?.close();
  });

  const send = (body: object) =>
    request(stack.app).post(`/api/bodies/${tenant.bodyId}/communications`).set('Authorization', `Bearer ${token}`).set('Idempotency-Key', randomUUID()).send(body);
  const history = async (outboxId: string) =>
    (await stack.sequelize.query<{ status: string }>('SELECT status FROM outbox_events WHERE outbox_id = :id ORDER BY id', { type: QueryTypes.SELECT, replacements: { id: outboxId } })).map((r) => r.status);

  it('keeps the password sealed and never returns it', async () => {
    const row = await stack.sequelize.query<{ pec_password_enc: string }>('SELECT pec_password_enc FROM communication_settings WHERE body_id = :b', { type: QueryTypes.SELECT, replacements: { b: tenant.bodyId }, plain: true });
    expect(row!.pec_password_enc).not.toContain('segreta');
    const got = await request(stack.app).get(`/api/bodies/${tenant.bodyId}/communication-settings`).set('Authorization', `Bearer ${token}`);
    expect(JSON.stringify(got.body)).not.toContain('segreta');
  });

  it('follows acceptance and delivery receipts to a delivered message, with each signed .eml kept', async () => {
    provider.outcome.set('ok@pec.example.it', 'delivered');
    const res = await send({ channel: 'pec', recipient: { address: 'OK@pec.example.it', name: 'Studio Legale' }, title: 'Convocazione', message: 'È convocato al primo incontro.' });
    expect(res.status).toBe(202);
    const state = (await stack.temporal.client.workflow.getHandle(res.body.workflowId).result()) as NotificationState;
    expect(state).toMatchObject({ status: 'delivered', receipts: ['accettazione', 'avvenuta-consegna'], fallbackOutboxId: null, secretariatAlerted: false });
    // 'sent' is recorded unless the acceptance receipt was read first (both orders happen).
    expect((await history(state.outboxId!)).filter((x) => x !== 'sent')).toEqual(['pending', 'sending', 'accepted', 'delivered']);

    const receipts = await request(stack.app).get(`/api/bodies/${tenant.bodyId}/communications/${state.outboxId}/receipts`).set('Authorization', `Bearer ${token}`);
    expect(receipts.body.items.map((r: { kind: string }) => r.kind)).toEqual(['accettazione', 'avvenuta-consegna']);
    expect(receipts.body.items[1]).toMatchObject({ recipient: 'ok@pec.example.it', error: null });
    const eml = await request(stack.app).get(`/api/bodies/${tenant.bodyId}/communications/${state.outboxId}/receipts/${receipts.body.items[1].id}/eml`).set('Authorization', `Bearer ${token}`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(eml.headers['content-type']).toContain('message/rfc822');
    const raw = (eml.body as Buffer).toString('utf8');
    expect(raw).toContain('X-Ricevuta: avvenuta-consegna');
    expect(raw).toMatch(/multipart\/signed/);
    expect(raw).toContain('postacert.eml');
  }, 60_000);

  it('diverts a non-delivered PEC to a registered letter and alerts the secretariat', async () => {
    provider.outcome.set('ko@pec.example.it', '5.1.1 - Casella inesistente');
    const res = await send({
      channel: 'pec',
      recipient: { address: 'ko@pec.example.it', name: 'Alfa S.r.l.' },
      title: 'Invito alla mediazione',
      message: 'È invitato a partecipare.',
      fallbackPostalAddress: 'Via Roma 1, 00100 Roma (RM)',
    });
    const state = (await stack.temporal.client.workflow.getHandle(res.body.workflowId).result()) as NotificationState;
    expect(state).toMatchObject({ status: 'not_delivered', receipts: ['accettazione', 'errore-consegna'], secretariatAlerted: true });
    expect((await history(state.outboxId!)).filter((x) => x !== 'sent')).toEqual(['pending', 'sending', 'accepted', 'not_delivered']);
    const letter = await stack.sequelize.query<{ channel: string; status: string; recipient_address: string; provider: string }>(
      'SELECT channel, status, recipient_address, provider FROM outbox WHERE id = :id',
      { type: QueryTypes.SELECT, replacements: { id: state.fallbackOutboxId }, plain: true },
    );
    expect(letter).toEqual({ channel: 'registered_mail', status: 'recorded', recipient_address: 'Via Roma 1, 00100 Roma (RM)', provider: 'manual' });
    const alert = stack.sink!.messages.find((m) => m.subject === 'PEC non consegnata: Invito alla mediazione');
    expect(alert?.text).toContain('5.1.1 - Casella inesistente');
    expect(alert?.to && 'value' in alert.to ? alert.to.value[0]!.address : '').toBe('segreteria@odm.example.it');
  }, 60_000);

  it('refuses bad addresses at entry and sends nothing', async () => {
    const before = provider.submitted.length;
    const bad = await send({ channel: 'pec', recipient: { address: 'non-una-pec' }, title: 'x', message: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_RECIPIENT', fields: [{ path: 'recipient.address', code: 'INVALID_PEC' }] });
    const sms = await send({ channel: 'sms', recipient: { address: '06 1234567' }, title: 'x', message: 'x' });
    expect(sms.body.error.fields).toEqual([{ path: 'recipient.address', code: 'INVALID_PHONE' }]);
    expect(provider.submitted.length).toBe(before);
  });
});
