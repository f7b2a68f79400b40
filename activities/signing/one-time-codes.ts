/**
 * One-time codes for one-shot signatures: the identity check before the body's CA issues a
 * short-lived certificate. The code travels by e-mail or SMS through an adapter (so SPID/CIE or a
 * real SMS provider can replace it); only its HMAC is stored, with an expiry and an attempt limit.
 */
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { QueryTypes, type Sequelize } from 'sequelize';
import { maskDestination } from '../../domain/signature/cycle';
import type { SendEmailInput } from '../notify/send-email';

export const CODE_TTL_MS = 10 * 60_000;
export const MAX_ATTEMPTS = 5;

export interface SmsMessage {
  bodyId: string;
  idempotencyKey: string;
  workflowId: string;
  to: string;
  text: string;
}

/** The SMS adapter. The embedded default records the message in the outbox without its text (the code is secret). */
export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}

export function outboxSmsSender(sequelize: Sequelize): SmsSender {
  return {
    async send(m) {
      await sequelize.query(
        `INSERT INTO outbox (id, body_id, idempotency_key, channel, template, recipient_address, workflow_id, status, message_id, subject, attempts)
         VALUES (:id, :bodyId, :key, 'sms', 'signature-code', :to, :workflowId, 'sent', :key, 'Codice di firma', 1) ON CONFLICT (idempotency_key) DO NOTHING`,
        { replacements: { id: randomUUID(), bodyId: m.bodyId, key: m.idempotencyKey, to: m.to, workflowId: m.workflowId } },
      );
    },
  };
}

const hmac = (secret: string, id: string, code: string) => createHmac('sha256', secret).update(`${id}:${code}`).digest('hex');

export interface CodeDeps {
  sequelize: Sequelize;
  secret: string;
  sendEmail: (input: SendEmailInput) => Promise<unknown>;
  sms: SmsSender;
}

export interface SendCodeInput {
  bodyId: string;
  workflowId: string;
  signerId: string;
  channel: 'email' | 'sms';
  name: string;
  email: string;
  phone: string | null;
  title: string;
}

export function createSendOneTimeCode(deps: CodeDeps) {
  return async function sendOneTimeCode(input: SendCodeInput) {
    const destination = input.channel === 'sms' ? input.phone : input.email;
    if (!destination) throw ApplicationFailure.nonRetryable('the signer has no mobile number', 'NO_PHONE');
    const id = randomUUID();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(Date.now() + CODE_TTL_MS);
    await deps.sequelize.query(
      `INSERT INTO signature_codes (id, body_id, workflow_id, signer_id, channel, code_hmac, expires_at) VALUES (:id, :bodyId, :workflowId, :signerId, :channel, :h, :expiresAt)`,
      { replacements: { id, bodyId: input.bodyId, workflowId: input.workflowId, signerId: input.signerId, channel: input.channel, h: hmac(deps.secret, id, code), expiresAt } },
    );
    const key = `${input.workflowId}:code:${input.signerId}:${id}`;
    if (input.channel === 'sms') {
      await deps.sms.send({ bodyId: input.bodyId, idempotencyKey: key, workflowId: input.workflowId, to: destination, text: `Codice per firmare «${input.title}»: ${code}. Valido 10 minuti.` });
    } else {
      await deps.sendEmail({ idempotencyKey: key, bodyId: input.bodyId, workflowId: input.workflowId, to: { address: destination, name: input.name }, template: 'signature-code', data: { title: input.title, code } });
    }
    return { channel: input.channel, destination: maskDestination(destination), expiresAt: expiresAt.toISOString() };
  };
}

interface CodeRow {
  id: string;
  code_hmac: string;
  expires_at: Date;
  attempts: number;
  used_at: Date | null;
  result: { documentIds: string[] } | null;
}

/**
 * Checks the signer's latest code. Returns the stored result when the code was already used by this
 * step (a retried activity); throws OTP_EXPIRED / OTP_LOCKED / OTP_INVALID otherwise.
 */
export async function checkOneTimeCode(deps: { sequelize: Sequelize; secret: string }, workflowId: string, signerId: string, code: string): Promise<{ codeId: string; previous: { documentIds: string[] } | null }> {
  const [row] = await deps.sequelize.query<CodeRow>(
    'SELECT id, code_hmac, expires_at, attempts, used_at, result FROM signature_codes WHERE workflow_id = :workflowId AND signer_id = :signerId ORDER BY created_at DESC LIMIT 1',
    { type: QueryTypes.SELECT, replacements: { workflowId, signerId } },
  );
  if (!row) throw ApplicationFailure.nonRetryable('no code was requested', 'OTP_INVALID');
  const matches = timingSafeEqual(Buffer.from(row.code_hmac, 'hex'), Buffer.from(hmac(deps.secret, row.id, code), 'hex'));
  if (row.used_at) {
    if (matches && row.result) return { codeId: row.id, previous: row.result };
    throw ApplicationFailure.nonRetryable('the code was already used', 'OTP_EXPIRED');
  }
  if (row.attempts >= MAX_ATTEMPTS) throw ApplicationFailure.nonRetryable('too many wrong codes: request a new one', 'OTP_LOCKED');
  if (new Date(row.expires_at).getTime() < Date.now()) throw ApplicationFailure.nonRetryable('the code has expired', 'OTP_EXPIRED');
  if (!matches) {
    await deps.sequelize.query('UPDATE signature_codes SET attempts = attempts + 1 WHERE id = :id', { replacements: { id: row.id } });
    throw ApplicationFailure.nonRetryable('wrong code', 'OTP_INVALID');
  }
  return { codeId: row.id, previous: null };
}
