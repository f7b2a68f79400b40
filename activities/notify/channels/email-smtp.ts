import type { Transporter } from 'nodemailer';
import type { AcceptedMailLookup } from './accepted-ledger';
import { isPermanentSmtpError, PermanentSendError, smtpErrorCode, type ChannelAdapter, type OutgoingMessage } from './types';

/** Converts the message to nodemailer's shape (one recipient per message, our own Message-ID). */
export function toMail(m: OutgoingMessage) {
  return {
    from: { address: m.from.address, name: m.from.name },
    to: { address: m.to.address, name: m.to.name ?? '' },
    ...(m.replyTo ? { replyTo: m.replyTo } : {}),
    subject: m.subject,
    ...(m.html ? { html: m.html } : {}),
    text: m.text,
    messageId: m.messageId,
    headers: { 'X-Mediazione-Outbox-Id': m.outboxId, ...m.headers },
    attachments: m.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
  };
}

/** E-mail over SMTP (nodemailer, pooled). The ambiguity check asks the configured lookup, if any. */
export function createSmtpEmailAdapter(transport: Transporter, lookup: AcceptedMailLookup | null): ChannelAdapter {
  return {
    provider: 'smtp',
    async submit(m) {
      try {
        const info = await transport.sendMail(toMail(m));
        return { status: 'sent', provider: 'smtp', detail: { accepted: info.accepted?.length ?? 0, rejected: info.rejected?.length ?? 0 } };
      } catch (err) {
        if (isPermanentSmtpError(err)) throw new PermanentSendError(smtpErrorCode(err), 'rejected by the mail server');
        throw err;
      }
    },
    ...(lookup ? { wasAccepted: (m: { messageId: string; address: string }) => lookup.wasAccepted(m.messageId, m.address) } : {}),
  };
}
