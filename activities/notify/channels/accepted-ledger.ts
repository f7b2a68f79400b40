/**
 * The check a retry makes when it finds a message left in `sending` by a crash: did the mail server
 * already accept it? The SMTP exchange has a window no client can close on its own (the server has
 * answered 250, the process dies before recording it), so we ask the other side:
 * - `dir:<path>`: a ledger the server writes *before* its 250 reply, one file per (Message-ID,
 *   recipient). The embedded mail sink (`npm start`) and the test sinks keep it; a relay that can run a
 *   hook on acceptance can too.
 * - `imap://user:pass@host:port/Mailbox`: a journal (BCC) or Sent mailbox that receives a copy of
 *   every accepted message, searched by Message-ID.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';

export interface AcceptedMailLookup {
  readonly kind: 'ledger' | 'imap';
  /** true: the server has it; false: it does not. Throws when it cannot tell (the retry is retried). */
  wasAccepted(messageId: string, recipient: string): Promise<boolean>;
}

const entryName = (messageId: string, recipient: string) =>
  createHash('sha256').update(`${messageId.trim().toLowerCase()}\n${recipient.trim().toLowerCase()}`).digest('hex');

/** Server side: records an accepted (Message-ID, recipient) before the server answers 250. */
export function recordAccepted(dir: string, messageId: string, recipients: string[]): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const r of recipients) writeFileSync(join(dir, entryName(messageId, r)), '', { mode: 0o600 });
}

export function createLedgerLookup(dir: string): AcceptedMailLookup {
  return { kind: 'ledger', wasAccepted: async (messageId, recipient) => existsSync(join(dir, entryName(messageId, recipient))) };
}

export function createImapLookup(url: string): AcceptedMailLookup {
  const u = new URL(url);
  const mailbox = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX';
  return {
    kind: 'imap',
    async wasAccepted(messageId) {
      const client = new ImapFlow({
        host: u.hostname,
        port: Number(u.port || (u.protocol === 'imaps:' ? 993 : 143)),
        secure: u.protocol === 'imaps:',
        auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
        logger: false,
      });
      await client.connect();
      try {
        const lock = await client.getMailboxLock(mailbox);
        try {
          const found = await client.search({ header: { 'message-id': messageId } }, { uid: true });
          return Array.isArray(found) && found.length > 0;
        } finally {
          lock.release();
        }
      } finally {
        await client.logout().catch(() => undefined);
      }
    },
  };
}

/** The configured lookup (MAIL_ACCEPTED_LOOKUP), or null: an ambiguous message is sent again. */
export function acceptedLookupFrom(setting: string | undefined): AcceptedMailLookup | null {
  if (!setting) return null;
  if (setting.startsWith('dir:')) return createLedgerLookup(setting.slice(4));
  return createImapLookup(setting);
}
