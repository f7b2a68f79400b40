import nodemailer, { type Transporter } from 'nodemailer';
import { ImapFlow } from 'imapflow';
import type { PecAccount } from '../../../db/repositories/communication-settings';
import { toMail } from './email-smtp';
import { isPermanentSmtpError, PermanentSendError, smtpErrorCode, type ChannelAdapter } from './types';

export function imapClientFor(account: PecAccount): ImapFlow {
  const u = new URL(account.imapUrl);
  return new ImapFlow({
    host: u.hostname,
    port: Number(u.port || (u.protocol === 'imaps:' ? 993 : 143)),
    secure: u.protocol === 'imaps:',
    auth: { user: account.username, pass: account.password },
    logger: false,
    // Local test servers (Dovecot on loopback) offer no STARTTLS certificate worth checking.
    ...(u.hostname === '127.0.0.1' || u.hostname === 'localhost' ? { tls: { rejectUnauthorized: false }, doSTARTTLS: false } : {}),
  });
}

/**
 * PEC submission through the body's own provider (SMTP with the mailbox's credentials). The
 * ambiguity check is the provider's own proof: an acceptance (or non-acceptance) receipt in the
 * mailbox whose X-Riferimento-Message-ID is our Message-ID means the provider took the message.
 */
export function createPecAdapterFactory() {
  const transports = new Map<string, Transporter>();
  const transportFor = (a: PecAccount) => {
    const key = `${a.smtpUrl}\n${a.username}\n${a.password}`;
    let t = transports.get(key);
    if (!t) {
      const u = new URL(a.smtpUrl);
      const local = u.hostname === '127.0.0.1' || u.hostname === 'localhost';
      t = nodemailer.createTransport({
        host: u.hostname,
        port: Number(u.port || (u.protocol === 'smtps:' ? 465 : 587)),
        secure: u.protocol === 'smtps:',
        auth: { user: a.username, pass: a.password },
        ...(local ? { ignoreTLS: true } : { requireTLS: u.protocol !== 'smtps:' }),
      });
      transports.set(key, t);
    }
    return t;
  };
  return (account: PecAccount): ChannelAdapter => ({
    provider: 'pec-smtp',
    async submit(m) {
      try {
        await transportFor(account).sendMail({ ...toMail(m), envelope: { from: account.address, to: [m.to.address] } });
        return { status: 'sent', provider: 'pec-smtp' };
      } catch (err) {
        if (isPermanentSmtpError(err)) throw new PermanentSendError(smtpErrorCode(err), 'refused by the PEC provider');
        throw err;
      }
    },
    async wasAccepted({ messageId }) {
      const client = imapClientFor(account);
      await client.connect();
      try {
        const lock = await client.getMailboxLock('INBOX');
        try {
          const found = await client.search({ header: { 'x-riferimento-message-id': messageId } }, { uid: true });
          return Array.isArray(found) && found.length > 0;
        } finally {
          lock.release();
        }
      } finally {
        await client.logout().catch(() => undefined);
      }
    },
  });
}
