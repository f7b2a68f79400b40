/**
 * E-mail/PEC import (ProtoSFERA Plus): per register, IMAP accounts with two folders — messages the
 * operator drops in `sfera_msg_da_prot` wait to be registered; once registered they move to
 * `sfera_msg_prot`. A message is identified by account + UIDVALIDITY + UID, the key that makes its
 * registration and its move happen once.
 */
import { z } from 'zod';

export const MAILBOX_TO_REGISTER = 'sfera_msg_da_prot';
export const MAILBOX_REGISTERED = 'sfera_msg_prot';

export const mailAccountSchema = z.object({
  registerId: z.uuid(),
  label: z.string().trim().min(1, { error: 'REQUIRED', abort: true }).max(100, { error: 'TOO_LONG' }),
  kind: z.enum(['email', 'pec']),
  host: z.string().trim().min(1, { error: 'REQUIRED', abort: true }).max(255).regex(/^[A-Za-z0-9.-]+$/, { error: 'INVALID_HOST' }),
  port: z.coerce.number().int().min(1).max(65535),
  secure: z.boolean().default(true),
  username: z.string().trim().min(1, { error: 'REQUIRED', abort: true }).max(255),
  password: z.string().min(1, { error: 'REQUIRED' }).max(500),
  /** The parent folder of the two sfera folders ('' = top level; the brochure puts them under the inbox). */
  parentFolder: z.string().max(200).default(''),
});
export type MailAccountInput = z.infer<typeof mailAccountSchema>;

/** The stable key of one message of one account. A new UIDVALIDITY means new UIDs, so it is part of the key. */
export function mailMessageKey(accountId: string, uidValidity: bigint | number | string, uid: number): string {
  if (!Number.isSafeInteger(uid) || uid < 1) throw new RangeError(`IMAP UID must be a positive integer, got ${uid}`);
  return `${accountId}:${String(uidValidity)}:${uid}`;
}

/** Full path of a sfera folder under the account's parent folder, with the server's delimiter. */
export function sferaFolderPath(parent: string, folder: string, delimiter: string): string {
  return parent ? `${parent}${delimiter}${folder}` : folder;
}

export interface RegistrySubject {
  id: string;
  displayName: string;
  email: string | null;
  pec: string | null;
}

/** The registry subject whose e-mail or PEC address is the sender's (case-insensitive), if exactly one. */
export function matchSender(address: string | null | undefined, subjects: readonly RegistrySubject[]): RegistrySubject | null {
  if (!address) return null;
  const a = address.trim().toLowerCase();
  const hits = subjects.filter((s) => s.email?.toLowerCase() === a || s.pec?.toLowerCase() === a);
  return hits.length === 1 ? hits[0]! : null;
}
