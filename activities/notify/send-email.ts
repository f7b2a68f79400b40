import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { Transporter } from 'nodemailer';
import { QueryTypes, type Sequelize } from 'sequelize';
import { claimOutboxEntry, setOutboxStatus } from '../../db/repositories/outbox';
import { renderEmail, type EmailTemplate, type Locale } from './render-email';
import { renderNotice, type Notice } from './render-notice';

export interface EmailDeps {
  sequelize: Sequelize;
  transport: Transporter;
  from: string;
  /** Host part of the Message-IDs, e.g. the public host name. */
  messageIdHost: string;
}

export interface SendEmailInput {
  /** Derived from the workflow ID and step (e.g. `mediation:…:registered:party-0`); unique per message. */
  idempotencyKey: string;
  bodyId: string;
  caseId?: string | null;
  workflowId?: string | null;
  to: { address: string; name: string };
  template: EmailTemplate | 'notice';
  locale?: Locale;
  data: Record<string, string>;
  /** The procedure notices (template 'notice'): texts already composed, see case-notices.ts. */
  notice?: Omit<Notice, 'bodyName'>;
}

export interface SendEmailResult {
  outboxId: string;
  messageId: string;
  /** true when an earlier attempt had already sent it. */
  alreadySent: boolean;
}

/** A deterministic Message-ID: a retry after a crash re-sends the same message, which receivers dedupe. */
export function messageIdFor(key: string, host: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${host}>`;
}

async function bodyNameOf(sequelize: Sequelize, bodyId: string): Promise<string> {
  const [row] = await sequelize.query<{ name: string }>('SELECT name FROM bodies WHERE id = :bodyId', { type: QueryTypes.SELECT, replacements: { bodyId } });
  if (!row) throw ApplicationFailure.nonRetryable(`unknown body ${bodyId}`, 'UNKNOWN_BODY');
  return row.name;
}

/** SMTP replies that will not change on retry (5xx), as opposed to 4xx and connection errors. */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Sends one e-mail exactly once per idempotency key: the outbox row is written before the send,
 * a message already sent is not sent again, transient SMTP errors are retried by Temporal with
 * backoff, permanent rejections are recorded and reported as non-retryable EMAIL_REJECTED.
 */
export function createSendEmail(deps: EmailDeps) {
  return async function sendEmail(input: SendEmailInput): Promise<SendEmailResult> {
    const locale = input.locale ?? 'it';
    const entry = await claimOutboxEntry(deps.sequelize, {
      bodyId: input.bodyId,
      idempotencyKey: input.idempotencyKey,
      channel: 'email',
      template: input.template === 'notice' ? `notice:${input.data.event ?? 'generic'}` : input.template,
      locale,
      recipientAddress: input.to.address,
      recipientName: input.to.name,
      caseId: input.caseId ?? null,
      workflowId: input.workflowId ?? null,
      messageId: messageIdFor(input.idempotencyKey, deps.messageIdHost),
    });
    if (entry.status === 'sent') return { outboxId: entry.id, messageId: entry.messageId, alreadySent: true };
    if (entry.status === 'failed') {
      throw ApplicationFailure.nonRetryable(`e-mail ${entry.id} was rejected by the mail server`, 'EMAIL_REJECTED');
    }

    const bodyName = input.data.bodyName ?? (await bodyNameOf(deps.sequelize, input.bodyId));
    const email =
      input.template === 'notice'
        ? await renderNotice(locale, { ...input.notice!, bodyName })
        : await renderEmail(input.template, locale, { ...input.data, bodyName, recipientName: input.to.name });
    await setOutboxStatus(deps.sequelize, entry.id, 'sending', {}, { subject: email.subject, countAttempt: true });
    try {
      const info = await deps.transport.sendMail({
        from: deps.from,
        to: { address: input.to.address, name: input.to.name },
        subject: email.subject,
        html: email.html,
        text: email.text,
        messageId: entry.messageId,
        headers: { 'X-Mediazione-Outbox-Id': entry.id },
      });
      await setOutboxStatus(deps.sequelize, entry.id, 'sent', { accepted: info.accepted?.length ?? 0, rejected: info.rejected?.length ?? 0 });
      return { outboxId: entry.id, messageId: entry.messageId, alreadySent: false };
    } catch (err) {
      const code = (err as { responseCode?: number; code?: string }).responseCode ?? (err as { code?: string }).code ?? 'UNKNOWN';
      if (isPermanent(err)) {
        await setOutboxStatus(deps.sequelize, entry.id, 'failed', { smtp: code }, { lastError: String(code) });
        throw ApplicationFailure.nonRetryable(`e-mail ${entry.id} rejected by the mail server (${code})`, 'EMAIL_REJECTED');
      }
      await setOutboxStatus(deps.sequelize, entry.id, 'pending', { retry: code }, { lastError: String(code) });
      throw err;
    }
  };
}
