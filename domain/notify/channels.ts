/**
 * Channels of outgoing messages and the statuses a message goes through (pure rules, shared by the
 * activities, the API and the UI). An address is checked for the channel it is meant for before any
 * message is recorded: a bad one is refused at entry with a stable code.
 */
import { z } from 'zod';
import { emailSchema, normalizeItalianPhone } from '../registry/contact';

export const channels = ['email', 'pec', 'sms', 'registered_mail', 'priority_mail', 'fax'] as const;
export type Channel = (typeof channels)[number];

/** Channels handled by an operator who records posting and return receipt (manual provider). */
export const postalChannels = ['registered_mail', 'priority_mail', 'fax'] as const satisfies readonly Channel[];
export type PostalChannel = (typeof postalChannels)[number];
export const isPostalChannel = (c: Channel): c is PostalChannel => (postalChannels as readonly Channel[]).includes(c);

/**
 * pending: written, not yet submitted;
 * sending: submission under way (a retry that finds it here must find out whether it went out);
 * sent: accepted by the server/provider; recorded: kept, not sent (record-only SMS adapter; for postal
 * channels: a task waiting for the operator to post it);
 * accepted / delayed / delivered / not_accepted / not_delivered: PEC receipts, SMS and postal outcomes;
 * failed: refused for good at submission; skipped: not sent on purpose (unsubscribed from a newsletter);
 * posted / returned: postal and fax channels (manual provider): handed to the post office (or faxed)
 * by the operator, and back as undelivered (the return receipt says so). A postal task waiting for the
 * operator is `recorded`.
 */
export const messageStatuses = [
  'pending',
  'sending',
  'sent',
  'recorded',
  'accepted',
  'delayed',
  'delivered',
  'not_accepted',
  'not_delivered',
  'failed',
  'skipped',
  'posted',
  'returned',
] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/** Statuses after which nothing more is expected for the message (`recorded` only for SMS: a postal task goes on). */
export const finalStatuses: readonly MessageStatus[] = ['delivered', 'not_accepted', 'not_delivered', 'failed', 'skipped', 'recorded', 'returned'];

/** Counted as "sent" by a mailing's progress: the message left us (whatever happened next). */
export const submittedStatuses: readonly MessageStatus[] = ['sent', 'recorded', 'accepted', 'delayed', 'delivered', 'not_delivered', 'posted', 'returned'];

export const recipientIssueCodes = {
  invalidEmail: 'INVALID_EMAIL',
  invalidPec: 'INVALID_PEC',
  invalidPhone: 'INVALID_PHONE',
  invalidFax: 'INVALID_FAX',
  invalidPostalAddress: 'INVALID_POSTAL_ADDRESS',
} as const;
export type RecipientIssueCode = (typeof recipientIssueCodes)[keyof typeof recipientIssueCodes];

const postalAddressSchema = z.string().trim().min(10).max(300).regex(/\d{5}/, 'a postal address carries a 5-digit CAP');

/**
 * The address normalised for its channel (e-mail and PEC trimmed and lower-cased, phone and fax
 * numbers as Italian E.164), or the code saying why it is refused.
 */
export function normalizeRecipientAddress(channel: Channel, raw: string): { ok: true; address: string } | { ok: false; code: RecipientIssueCode } {
  switch (channel) {
    case 'email':
    case 'pec': {
      const parsed = emailSchema.safeParse(raw);
      if (!parsed.success) return { ok: false, code: channel === 'pec' ? recipientIssueCodes.invalidPec : recipientIssueCodes.invalidEmail };
      return { ok: true, address: parsed.data.toLowerCase() };
    }
    case 'sms': {
      const e164 = normalizeItalianPhone(raw);
      // SMS reach mobiles only (3xx); a landline number is an error, not a silent non-delivery.
      if (e164 === null || !e164.startsWith('+393')) return { ok: false, code: recipientIssueCodes.invalidPhone };
      return { ok: true, address: e164 };
    }
    case 'fax': {
      const e164 = normalizeItalianPhone(raw);
      if (e164 === null) return { ok: false, code: recipientIssueCodes.invalidFax };
      return { ok: true, address: e164 };
    }
    case 'registered_mail':
    case 'priority_mail': {
      const parsed = postalAddressSchema.safeParse(raw);
      if (!parsed.success) return { ok: false, code: recipientIssueCodes.invalidPostalAddress };
      return { ok: true, address: parsed.data.replace(/\s+/g, ' ') };
    }
  }
}

/** Which registry field holds a subject's address for a channel (postal channels need an explicit address). */
export function registryFieldFor(channel: Channel): 'email' | 'pec' | 'phone' | null {
  if (channel === 'email') return 'email';
  if (channel === 'pec') return 'pec';
  if (channel === 'sms') return 'phone';
  return null;
}
