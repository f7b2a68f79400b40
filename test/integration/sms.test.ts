/**
 * SMS through the real twilio SDK against a local stand-in for Twilio's REST API (reached through
 * the SDK's httpClient, TWILIO_API_URL): the message sent by the notification workflow arrives with
 * the right fields and credentials; status callbacks signed with Twilio's algorithm move the outbox
 * status forward (idempotent, out-of-order safe); forged callbacks are refused and change nothing;
 * a transient 5xx is retried with backoff, a 4xx is final.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import twilio from 'twilio';
import { freePort } from '../../scripts/free-port';
import type { NotificationState } from '../../workflows/notify/contract';
import { createTenant, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { login, startStack, type Stack } from '../helpers/stack';
import { startTwilioStandIn, type TwilioStandIn } from '../helpers/twilio-stand-in';

let standIn: TwilioStandIn;
let stack: Stack;
let server: Server;
let baseUrl: string;
let tenant: Tenant;
let token: string;
const FROM = '+15005550006';

beforeAll(async () => {
  standIn = await startTwilioStandIn();
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  stack = await startStack({
    config: {
      SMS_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: standIn.accountSid,
      TWILIO_AUTH_TOKEN: standIn.authToken,
      TWILIO_FROM: FROM,
      TWILIO_API_URL: standIn.url,
      PUBLIC_BASE_URL: baseUrl,
    },
  });
  server = await new Promise<Server>((resolve) => {
    const s = stack.app.listen(port, '127.0.0.1', () => resolve(s));
  });
  tenant = await createTenant(stack.sequelize, ['secretariat']);
  token = (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token;
}, 60_000);

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await stack?.stop();
  await standIn?.close();
});

const sendSms = (address: string, message = 'Promemoria: incontro di mediazione il 12 marzo alle 10:00.') =>
  request(stack.app)
    .post(`/api/bodies/${tenant.bodyId}/communications`)
    .set('Authorization', `Bearer ${token}`)
    .set('Idempotency-Key', randomUUID())
    .send({ channel: 'sms', recipient: { address, name: 'Mario Rossi' }, title: 'Promemoria', message });

const resultOf = (workflowId: string) => stack.temporal.client.workflow.getHandle(workflowId).result() as Promise<NotificationState>;

async function row(outboxId: string) {
  return stack.sequelize.query<{ status: string; provider: string; provider_ref: string | null; last_error: string | null; attempts: number }>(
    'SELECT status, provider, provider_ref, last_error, attempts FROM outbox WHERE id = :id',
    { type: QueryTypes.SELECT, replacements: { id: outboxId }, plain: true },
  );
}
async function events(outboxId: string) {
  return stack.sequelize.query<{ status: string; detail: Record<string, unknown>; at: Date }>('SELECT status, detail, at FROM outbox_events WHERE outbox_id = :id ORDER BY id', {
    type: QueryTypes.SELECT,
    replacements: { id: outboxId },
  });
}

describe('SMS through Twilio', () => {
  let outboxId: string;
  let sid: string;

  it('sends the SMS through the SDK with the right fields and credentials, and records Twilio’s SID', async () => {
    const before = standIn.requests.length;
    const res = await sendSms('+39 333 123 4567');
    expect(res.status).toBe(202);
    const state = await resultOf(res.body.workflowId);
    expect(state.status).toBe('sent');
    outboxId = state.outboxId!;

    const reqs = standIn.requests.slice(before);
    expect(reqs).toHaveLength(1);
    expect(reqs[0]).toMatchObject({ accountSid: standIn.accountSid, authorized: true, status: 201 });
    const form = reqs[0]!.form;
    expect(form.To).toBe('+393331234567');
    expect(form.From).toBe(FROM);
    expect(form.Body).toContain('Promemoria: incontro di mediazione il 12 marzo alle 10:00.');
    expect(form.StatusCallback).toBe(`${baseUrl}/api/public/sms/status?b=${tenant.bodyId}&o=${outboxId}`);

    sid = standIn.messages.at(-1)!.sid;
    expect(await row(outboxId)).toMatchObject({ status: 'sent', provider: 'twilio', provider_ref: sid, last_error: null });
  });

  it('moves the status forward on signed callbacks, once per status, ignoring repeats and late ones', async () => {
    expect(await standIn.sendStatusCallback(sid, 'queued')).toBe(204);
    expect((await row(outboxId))!.status).toBe('sent');
    expect(await standIn.sendStatusCallback(sid, 'sent')).toBe(204);
    expect((await row(outboxId))!.status).toBe('accepted');
    expect(await standIn.sendStatusCallback(sid, 'delivered')).toBe(204);
    expect((await row(outboxId))!.status).toBe('delivered');
    const history = await events(outboxId);
    expect(history.map((e) => e.status)).toEqual(['pending', 'sending', 'sent', 'accepted', 'delivered']);
    expect(history.at(-1)!.detail).toEqual({ provider: 'twilio', twilioStatus: 'delivered' });

    // Twilio may repeat a callback, or deliver an older one late: nothing changes.
    expect(await standIn.sendStatusCallback(sid, 'delivered')).toBe(204);
    expect(await standIn.sendStatusCallback(sid, 'sent')).toBe(204);
    expect(await standIn.sendStatusCallback(sid, 'undelivered', { ErrorCode: '30003' })).toBe(204);
    expect((await events(outboxId)).map((e) => e.status)).toEqual(['pending', 'sending', 'sent', 'accepted', 'delivered']);

    // The communications list shows it.
    const list = await request(stack.app).get(`/api/bodies/${tenant.bodyId}/communications?channel=sms&status=delivered`).set('Authorization', `Bearer ${token}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(outboxId);
  });

  it('refuses a callback with a forged, missing or stale signature with 403, changing nothing', async () => {
    const res = await sendSms('+39 347 000 1111');
    const state = await resultOf(res.body.workflowId);
    const id = state.outboxId!;
    const msgSid = standIn.messages.at(-1)!.sid;
    const before = await events(id);

    // Signed with another token.
    expect(await standIn.sendStatusCallback(msgSid, 'delivered', {}, { signatureToken: 'a'.repeat(32) })).toBe(403);

    const url = `${baseUrl}/api/public/sms/status?b=${tenant.bodyId}&o=${id}`;
    const params = { AccountSid: standIn.accountSid, MessageSid: msgSid, MessageStatus: 'sent' };
    // No signature at all.
    const unsigned = await request(stack.app).post(`/api/public/sms/status?b=${tenant.bodyId}&o=${id}`).type('form').send(params);
    expect(unsigned.status).toBe(403);
    expect(unsigned.body.error.code).toBe('SIGNATURE_INVALID');
    expect(unsigned.body.error.message.it).toBeTruthy();
    // A genuine signature over other fields (the status changed after signing).
    const signed = twilio.getExpectedTwilioSignature(standIn.authToken, url, params);
    const tampered = await request(stack.app)
      .post(`/api/public/sms/status?b=${tenant.bodyId}&o=${id}`)
      .set('X-Twilio-Signature', signed)
      .type('form')
      .send({ ...params, MessageStatus: 'delivered' });
    expect(tampered.status).toBe(403);
    // The same signature for another message (another URL).
    const replayed = await request(stack.app).post(`/api/public/sms/status?b=${tenant.bodyId}&o=${outboxId}`).set('X-Twilio-Signature', signed).type('form').send(params);
    expect(replayed.status).toBe(403);

    expect(await events(id)).toEqual(before);
    expect((await row(id))!.status).toBe('sent');
    // The genuine one goes through.
    const genuine = await request(stack.app).post(`/api/public/sms/status?b=${tenant.bodyId}&o=${id}`).set('X-Twilio-Signature', signed).type('form').send(params);
    expect(genuine.status).toBe(204);
    expect((await row(id))!.status).toBe('accepted');
  });

  it('retries a transient 5xx from Twilio with growing backoff, then sends once', async () => {
    standIn.failNext(2, 503);
    const before = standIn.requests.length;
    const res = await sendSms('+39 320 555 0000');
    const state = await resultOf(res.body.workflowId);
    expect(state.status).toBe('sent');
    const reqs = standIn.requests.slice(before);
    expect(reqs.map((r) => r.status)).toEqual([503, 503, 201]);
    expect(standIn.messages.filter((m) => m.to === '+393205550000')).toHaveLength(1);
    const history = await events(state.outboxId!);
    expect(history.map((e) => e.status)).toEqual(['pending', 'sending', 'pending', 'sending', 'pending', 'sending', 'sent']);
    expect(history.filter((e) => e.detail.retry !== undefined).map((e) => e.detail.retry)).toEqual(['20500', '20500']);
    // Backoff: the second wait is longer than the first.
    const retries = history.filter((e) => e.status === 'sending').map((e) => new Date(e.at).getTime());
    expect(retries[2]! - retries[1]!).toBeGreaterThan(retries[1]! - retries[0]!);
    expect((await row(state.outboxId!))!.attempts).toBe(3);
  }, 90_000);

  it('reports a final 4xx refusal without retrying', async () => {
    standIn.invalidNumbers.add('+393330000000');
    const before = standIn.requests.length;
    const res = await sendSms('+39 333 000 0000');
    expect(res.status).toBe(202);
    await expect(resultOf(res.body.workflowId)).rejects.toThrow();
    const [failed] = await stack.sequelize.query<{ id: string; status: string; last_error: string }>(
      "SELECT id, status, last_error FROM outbox WHERE body_id = :b AND recipient_address = '+393330000000'",
      { type: QueryTypes.SELECT, replacements: { b: tenant.bodyId } },
    );
    expect(failed).toMatchObject({ status: 'failed', last_error: 'TWILIO_21211' });
    expect(standIn.requests.slice(before).map((r) => r.status)).toEqual([400]);
    expect((await events(failed!.id)).map((e) => e.status)).toEqual(['pending', 'sending', 'failed']);
  });

  it('refuses a landline or malformed number at entry: nothing recorded, nothing sent', async () => {
    const before = standIn.requests.length;
    const [{ n }] = await stack.sequelize.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE body_id = :b', { type: QueryTypes.SELECT, replacements: { b: tenant.bodyId } }) as [{ n: string }];
    for (const address of ['+39 06 1234 5678', '333-abc', '+44 7700 900123']) {
      const res = await sendSms(address);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('INVALID_RECIPIENT');
      expect(res.body.error.fields).toEqual([{ path: 'recipient.address', code: 'INVALID_PHONE' }]);
    }
    const [{ m }] = await stack.sequelize.query<{ m: string }>('SELECT count(*) AS m FROM outbox WHERE body_id = :b', { type: QueryTypes.SELECT, replacements: { b: tenant.bodyId } }) as [{ m: string }];
    expect(m).toBe(n);
    expect(standIn.requests.length).toBe(before);
  });
});
