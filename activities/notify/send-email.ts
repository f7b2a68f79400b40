import { ApplicationFailure } from '@temporalio/activity';
import type { Transporter } from 'nodemailer';
import type { Sequelize } from 'sequelize';
import type { AcceptedMailLookup } from './channels/accepted-ledger';
import { createSmtpEmailAdapter } from './channels/email-smtp';
import { createNotify, messageIdFor } from './notify';
import type { EmailTemplate, Locale } from './render-email';
import type { Notice } from './render-notice';

export { messageIdFor };

export interface EmailDeps {
  sequelize: Sequelize;
  transport: Transporter;
  from: string;
  /** Host part of the Message-IDs, e.g. the public host name. */
  messageIdHost: string;
  /** The acceptance check for messages a crash left in `sending` (MAIL_ACCEPTED_LOOKUP). */
  lookup?: AcceptedMailLookup | null;
  leaseMs?: number;
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

const unusable = () => {
  throw new Error('only e-mail goes through sendEmail');
};

/**
 * The first e-mail activity, kept with its signature for running workflows: an e-mail to an explicit
 * address, now a thin wrapper over the notification service (`notify`), so it gets the same
 * exactly-once handling. A permanent rejection is reported as non-retryable EMAIL_REJECTED.
 */
export function createSendEmail(deps: EmailDeps) {
  const email = createSmtpEmailAdapter(deps.transport, deps.lookup ?? null);
  const notify = createNotify({
    sequelize: deps.sequelize,
    adapters: { email, sms: { provider: 'none', submit: unusable }, postal: { provider: 'none', submit: unusable }, pec: () => ({ provider: 'none', submit: unusable }) },
    messageIdHost: deps.messageIdHost,
    defaultFrom: deps.from,
    leaseMs: deps.leaseMs ?? 15_000,
  });
  return async function sendEmail(input: SendEmailInput): Promise<SendEmailResult> {
    try {
      const r = await notify({
        channel: 'email',
        bodyId: input.bodyId,
        recipient: { address: input.to.address, name: input.to.name },
        template: input.template,
        ...(input.notice ? { notice: input.notice } : {}),
        locale: input.locale ?? 'it',
        data: input.data,
        idempotencyKey: input.idempotencyKey,
        caseId: input.caseId ?? null,
        workflowId: input.workflowId ?? null,
      });
      return { outboxId: r.outboxId, messageId: r.messageId, alreadySent: r.alreadySent };
    } catch (err) {
      if (err instanceof ApplicationFailure && err.type === 'MESSAGE_REJECTED') throw ApplicationFailure.nonRetryable(err.message, 'EMAIL_REJECTED');
      throw err;
    }
  };
}
