/**
 * Exactly once under crashes: a 2,000-recipient mailing to a real SMTP server while the worker
 * process is SIGKILLed again and again — each time at the worst moment, when the server has
 * accepted a message and the worker has not yet recorded it (the kill happens inside the server's
 * DATA handler, before its 250 reply). Every recipient must receive exactly one message, counted
 * at the server by Message-ID and recipient, duplicates included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { QueryTypes } from 'sequelize';
import { createNotifyActivities } from '../../activities/notify';
import { addContacts } from '../helpers/contacts';
import { createTenant, TEST_PASSWORD } from '../helpers/fixtures';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { login, startStack, type Stack } from '../helpers/stack';
import { testConfig } from '../helpers/test-config';

const root = join(__dirname, '..', '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const RECIPIENTS = 2000;
const KILL_AT = [120, 420, 760, 1100, 1450, 1800];

let stack: Stack;
let sink: SmtpSink;
let ledger: string;
let worker: ChildProcess | null = null;
let kills = 0;
const mailingConfig = { MAILING_BATCH_SIZE: '250', MAILING_CHUNK_SIZE: '50', MAILING_PARALLEL_BATCHES: '4' };

function startWorker(): ChildProcess {
  // node itself with tsx's loader, not the tsx CLI: the CLI runs the script in a grandchild that a
  // SIGKILL of the CLI would leave running.
  return spawn(process.execPath, ['--import', 'tsx', join(root, 'activities', 'worker.ts')], {
    cwd: root,
    env: { ...process.env, ...mailingConfig, TEMPORAL_TASK_QUEUE: stack.config.TEMPORAL_TASK_QUEUE, SMTP_URL: sink.url, MAIL_ACCEPTED_LOOKUP: `dir:${ledger}`, LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
}

beforeAll(async () => {
  ledger = mkdtempSync(join(tmpdir(), 'mail-ledger-'));
  sink = await startSmtpSink({
    parse: false,
    ledgerDir: ledger,
    onAccepted(count) {
      if (!KILL_AT.includes(count) || !worker) return;
      // The message is accepted and in the ledger; the worker dies before it hears the 250.
      worker.kill('SIGKILL');
      kills++;
      worker = null;
      setTimeout(() => (worker = startWorker()), 500);
    },
  });
  stack = await startStack({ worker: false, config: { SMTP_URL: sink.url, ...mailingConfig } });
});
afterAll(async () => {
  worker?.kill('SIGTERM');
  await stack.stop();
  await sink.close();
  rmSync(ledger, { recursive: true, force: true });
});

it('delivers exactly one message to each of 2,000 recipients while the worker is killed in the acceptance window', async () => {
  const tenant = await createTenant(stack.sequelize, ['secretariat']);
  await addContacts(stack.sequelize, tenant.bodyId, RECIPIENTS, 'crash');
  const { token } = await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD);
  worker = startWorker();
  const res = await request(stack.app)
    .post(`/api/bodies/${tenant.bodyId}/mailings`)
    .set('Authorization', `Bearer ${token}`)
    .set('Idempotency-Key', randomUUID())
    .send({ kind: 'dispatch', channel: 'email', subject: 'Comunicazione a tutti', message: 'Testo della comunicazione.', audience: { kind: 'contacts' } });
  expect(res.status).toBe(201);

  let state = '';
  for (let i = 0; i < 600 && state !== 'completed'; i++) {
    await sleep(500);
    state = (await stack.sequelize.query<{ state: string }>('SELECT state FROM mailings WHERE id = :id', { type: QueryTypes.SELECT, replacements: { id: res.body.id }, plain: true }))!.state;
  }
  expect(state).toBe('completed');
  expect(kills).toBe(KILL_AT.length);

  // Counted at the server: every transaction it accepted, duplicates included.
  const perRecipient = new Map<string, number>();
  for (const r of sink.received) for (const a of r.recipients) perRecipient.set(a, (perRecipient.get(a) ?? 0) + 1);
  const duplicated = [...perRecipient].filter(([, n]) => n > 1);
  expect(duplicated).toEqual([]);
  expect(perRecipient.size).toBe(RECIPIENTS);
  expect(sink.received).toHaveLength(RECIPIENTS);
  expect(new Set(sink.received.map((r) => r.messageId)).size).toBe(RECIPIENTS);

  const [statuses] = await stack.sequelize.query('SELECT status, count(*)::int AS n FROM outbox WHERE mailing_id = :id GROUP BY status', { replacements: { id: res.body.id } });
  expect(statuses).toEqual([{ status: 'sent', n: RECIPIENTS }]);
  // Each kill left at least the message it interrupted in `sending`; the check found it accepted.
  const resolved = await stack.sequelize.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM outbox_events e JOIN outbox o ON o.id = e.outbox_id
      WHERE o.mailing_id = :id AND e.detail->>'resolvedBy' = 'acceptance-check'`,
    { type: QueryTypes.SELECT, replacements: { id: res.body.id }, plain: true },
  );
  expect(resolved!.n).toBeGreaterThanOrEqual(KILL_AT.length);
  const progress = await request(stack.app).get(`/api/bodies/${tenant.bodyId}/mailings/${res.body.id}`).set('Authorization', `Bearer ${token}`);
  expect(progress.body.progress).toEqual({ total: RECIPIENTS, sent: RECIPIENTS, failed: 0, skipped: 0, pending: 0 });
}, 600_000);

describe('a message a crash left in sending', () => {
  const mock = new MockActivityEnvironment();
  async function leftSending(bodyId: string, key: string, address: string, accepted: boolean, lookup: boolean) {
    const config = testConfig({ SMTP_URL: sink.url, ...(lookup ? { MAIL_ACCEPTED_LOOKUP: `dir:${ledger}` } : {}) });
    const { notify } = createNotifyActivities({ sequelize: stack.sequelize, config });
    const input = { channel: 'email' as const, bodyId, recipient: { address }, template: 'generic' as const, data: { title: 'Prova', message: 'x' }, idempotencyKey: key };
    // Record the row, then put it in `sending` as a dead attempt would have left it, long enough ago.
    sink.reject.transient.add(address);
    await mock.run(notify, input).catch(() => undefined);
    sink.reject.transient.delete(address);
    const row = await stack.sequelize.query<{ id: string; message_id: string }>('SELECT id, message_id FROM outbox WHERE idempotency_key = :key', { type: QueryTypes.SELECT, replacements: { key }, plain: true });
    await stack.sequelize.query("UPDATE outbox SET status = 'sending', sending_at = now() - interval '1 minute' WHERE id = :id", { replacements: { id: row!.id } });
    if (accepted) {
      const { recordAccepted } = await import('../../activities/notify/channels/accepted-ledger');
      recordAccepted(ledger, row!.message_id, [address]);
      sink.received.push({ messageId: row!.message_id, recipients: [address] });
    }
    const before = sink.received.filter((r) => r.recipients.includes(address)).length;
    const result = (await mock.run(notify, input)) as { status: string; alreadySent: boolean };
    return { result, sentAgain: sink.received.filter((r) => r.recipients.includes(address)).length - before };
  }

  it('is not sent again when the server has it, and is sent again when it has not', async () => {
    const { bodyId } = await createTenant(stack.sequelize, ['secretariat']);
    const kept = await leftSending(bodyId, `t:${randomUUID()}`, 'tenuto@example.it', true, true);
    expect(kept).toEqual({ result: expect.objectContaining({ status: 'sent', alreadySent: true }), sentAgain: 0 });
    const lost = await leftSending(bodyId, `t:${randomUUID()}`, 'perso@example.it', false, true);
    expect(lost).toEqual({ result: expect.objectContaining({ status: 'sent', alreadySent: false }), sentAgain: 1 });
  });

  it('without a check is sent again, a duplicate: the check is what keeps it exactly once', async () => {
    const { bodyId } = await createTenant(stack.sequelize, ['secretariat']);
    const r = await leftSending(bodyId, `t:${randomUUID()}`, 'doppio@example.it', true, false);
    expect(r.sentAgain).toBe(1);
    expect(sink.received.filter((x) => x.recipients.includes('doppio@example.it'))).toHaveLength(2);
  });
});
