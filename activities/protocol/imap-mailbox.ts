/**
 * The IMAP side of the mailbox import (ProtoSFERA Plus), over imapflow: the two sfera folders
 * (created when missing), previews of the waiting messages, a message's source, and the move of a
 * registered message — which is exactly-once by construction: IMAP MOVE is atomic, and a retry that
 * no longer finds the UID looks for the message (by Message-ID) in the destination instead.
 */
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { DomainError } from '../../domain/errors';
import { MAILBOX_REGISTERED, MAILBOX_TO_REGISTER, sferaFolderPath } from '../../domain/protocol/mailbox';

export interface ImapAccount {
  host: string;
  port: number;
  secure: boolean;
  username: string;
  password: string;
  parentFolder: string;
}

export interface WaitingMessage {
  uidValidity: string;
  uid: number;
  messageId: string | null;
  subject: string;
  from: { address: string | null; name: string | null };
  date: string | null;
  text: string;
  attachments: { filename: string; mediaType: string; size: number }[];
}

/** Runs `fn` with a logged-in client; connection problems become MAILBOX_UNAVAILABLE (retryable in activities). */
export async function withImap<T>(account: ImapAccount, fn: (client: ImapFlow, folders: { toRegister: string; registered: string }) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: account.host, port: account.port, secure: account.secure,
    auth: { user: account.username, pass: account.password }, logger: false,
  });
  try {
    await client.connect();
  } catch {
    throw new DomainError('MAILBOX_UNAVAILABLE');
  }
  try {
    const folders = await ensureSferaFolders(client, account.parentFolder);
    return await fn(client, folders);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Creates `sfera_msg_da_prot` and `sfera_msg_prot` under the parent folder when missing; returns their paths. */
export async function ensureSferaFolders(client: ImapFlow, parent: string): Promise<{ toRegister: string; registered: string }> {
  const list = await client.list();
  const delimiter = list.find((m) => m.delimiter)?.delimiter ?? '/';
  const existing = new Set(list.map((m) => m.path));
  const toRegister = sferaFolderPath(parent, MAILBOX_TO_REGISTER, delimiter);
  const registered = sferaFolderPath(parent, MAILBOX_REGISTERED, delimiter);
  for (const path of [toRegister, registered]) {
    if (existing.has(path)) continue;
    try {
      await client.mailboxCreate(path);
    } catch (err) {
      // Created meanwhile by another session: fine.
      if (!(await client.list()).some((m) => m.path === path)) throw err;
    }
  }
  return { toRegister, registered };
}

const PREVIEW_TEXT = 4000;

/** The messages waiting in `sfera_msg_da_prot`, oldest first, parsed for the preview. */
export async function listWaiting(account: ImapAccount, limit = 50): Promise<WaitingMessage[]> {
  return withImap(account, async (client, folders) => {
    const lock = await client.getMailboxLock(folders.toRegister);
    try {
      const mailbox = client.mailbox;
      const uidValidity = mailbox ? String(mailbox.uidValidity) : '0';
      if (!mailbox || mailbox.exists === 0) return [];
      const out: WaitingMessage[] = [];
      for await (const m of client.fetch('1:*', { uid: true, source: true })) {
        if (!m.source) continue;
        const parsed = await simpleParser(m.source);
        const from = parsed.from?.value[0];
        out.push({
          uidValidity,
          uid: m.uid,
          messageId: parsed.messageId ?? null,
          subject: parsed.subject ?? '',
          from: { address: from?.address ?? null, name: from?.name || null },
          date: parsed.date ? parsed.date.toISOString() : null,
          text: (parsed.text ?? '').slice(0, PREVIEW_TEXT),
          attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? 'allegato', mediaType: a.contentType, size: a.size })),
        });
        if (out.length >= limit) break;
      }
      return out;
    } finally {
      lock.release();
    }
  });
}

/** The raw source of one waiting message; MAIL_MESSAGE_NOT_FOUND when the UID is not (or no longer) there. */
export async function fetchWaitingSource(account: ImapAccount, uidValidity: string, uid: number): Promise<Buffer> {
  return withImap(account, async (client, folders) => {
    const lock = await client.getMailboxLock(folders.toRegister);
    try {
      if (String(client.mailbox ? client.mailbox.uidValidity : '') !== uidValidity) throw new DomainError('MAIL_MESSAGE_NOT_FOUND');
      const m = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
      if (!m || !m.source) throw new DomainError('MAIL_MESSAGE_NOT_FOUND');
      return m.source;
    } finally {
      lock.release();
    }
  });
}

/**
 * Moves a registered message to `sfera_msg_prot`. Returns 'moved' when this call moved it,
 * 'already_moved' when an earlier attempt had (it is in the destination), 'missing' when it is in
 * neither folder (someone moved or deleted it by hand).
 */
export async function moveToRegistered(account: ImapAccount, m: { uidValidity: string; uid: number; messageId: string | null }): Promise<'moved' | 'already_moved' | 'missing'> {
  return withImap(account, async (client, folders) => {
    const lock = await client.getMailboxLock(folders.toRegister);
    try {
      const sameValidity = String(client.mailbox ? client.mailbox.uidValidity : '') === m.uidValidity;
      if (sameValidity) {
        const found = await client.search({ uid: String(m.uid) }, { uid: true });
        if (Array.isArray(found) && found.includes(m.uid)) {
          const moved = await client.messageMove(String(m.uid), folders.registered, { uid: true });
          if (moved) return 'moved';
        }
      }
    } finally {
      lock.release();
    }
    if (!m.messageId) return 'missing';
    const dest = await client.getMailboxLock(folders.registered);
    try {
      const hits = await client.search({ header: { 'message-id': m.messageId } }, { uid: true });
      return Array.isArray(hits) && hits.length > 0 ? 'already_moved' : 'missing';
    } finally {
      dest.release();
    }
  });
}
