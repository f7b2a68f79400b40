import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import nodemailer from 'nodemailer';
import { createSendEmail, type SendEmailInput, type SendEmailResult } from '../../activities/notify/send-email';
import { createTenant } from '../helpers/fixtures';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let sink: SmtpSink;
let bodyId: string;
let sendEmail: (i: SendEmailInput) => Promise<SendEmailResult>;
const mock = new MockActivityEnvironment();
const env = { run: (fn: typeof sendEmail, i: SendEmailInput): Promise<SendEmailResult> => mock.run(fn, i) as Promise<SendEmailResult> };

beforeAll(async () => {
  stack = await startStack({ worker: false });
  sink = await startSmtpSink();
  bodyId = (await createTenant(stack.sequelize, ['secretariat'])).bodyId;
  sendEmail = createSendEmail({
    sequelize: stack.sequelize,
    transport: nodemailer.createTransport(sink.url),
    from: 'segreteria@odm.example.it',
    messageIdHost: 'mediazione.example.it',
  });
});
afterAll(async () => {
  await sink.close();
  await stack.stop();
});

const input = (to: string, key = `test:${randomUUID()}`): SendEmailInput => ({
  idempotencyKey: key,
  bodyId,
  to: { address: to, name: 'Mario <Rossi>' },
  template: 'case-registered',
  data: { caseNumber: '2026/7', subject: 'Spese & condominio', bodyName: 'Organismo di prova' },
});

async function outbox(key: string) {
  const [rows] = await stack.sequelize.query(
    `SELECT o.status, o.attempts, array_agg(e.status ORDER BY e.id) AS history FROM outbox o JOIN outbox_events e ON e.outbox_id = o.id
     WHERE o.idempotency_key = :key GROUP BY o.id`,
    { replacements: { key } },
  );
  return (rows as { status: string; attempts: number; history: string[] }[])[0];
}

describe('sending an e-mail', () => {
  it('delivers the Italian template to the recipient, escaped, with a deterministic Message-ID', async () => {
    const i = input('mario.rossi@example.it');
    const r = await env.run(sendEmail, i);
    const m = sink.messages.find((x) => x.messageId === r.messageId)!;
    expect(m.subject).toBe('Domanda di mediazione n. 2026/7 iscritta a registro');
    expect(m.to).toMatchObject({ value: [{ address: 'mario.rossi@example.it', name: 'Mario <Rossi>' }] });
    expect(m.html).toContain('Mario &lt;Rossi&gt;');
    expect(m.html).toContain('Spese &amp; condominio');
    expect(m.text).toContain('iscritta nel registro degli affari di mediazione con il numero 2026/7');
    expect(await outbox(i.idempotencyKey)).toEqual({ status: 'sent', attempts: 1, history: ['pending', 'sending', 'sent'] });
  });

  it('sends once per idempotency key, however often the activity runs', async () => {
    const i = input('lucia.ferri@example.it');
    const first = await env.run(sendEmail, i);
    const again = await Promise.all([env.run(sendEmail, i), env.run(sendEmail, i)]);
    expect(again.every((r) => r.alreadySent && r.messageId === first.messageId)).toBe(true);
    expect(sink.messages.filter((m) => m.messageId === first.messageId)).toHaveLength(1);
  });

  it('records a permanent rejection and reports it as non-retryable', async () => {
    sink.reject.permanent.add('nessuno@example.it');
    const i = input('nessuno@example.it');
    await expect(env.run(sendEmail, i)).rejects.toMatchObject({ type: 'EMAIL_REJECTED', nonRetryable: true });
    expect(await outbox(i.idempotencyKey)).toMatchObject({ status: 'failed', history: ['pending', 'sending', 'failed'] });
  });

  it('lets a transient refusal be retried, then delivers once', async () => {
    sink.reject.transient.add('lento@example.it');
    const i = input('lento@example.it');
    const error = await env.run(sendEmail, i).catch((e: unknown) => e);
    expect(error).toMatchObject({ responseCode: 451 });
    sink.reject.transient.delete('lento@example.it');
    const r = await env.run(sendEmail, i);
    expect(r.alreadySent).toBe(false);
    expect(await outbox(i.idempotencyKey)).toMatchObject({ status: 'sent', attempts: 2, history: ['pending', 'sending', 'pending', 'sending', 'sent'] });
  });
});
