/**
 * SMS status callbacks (Twilio's `MessageStatus`) and what each does to the status of the message in
 * the outbox. Pure: the signature check and the database write happen in the API.
 */
import type { MessageStatus } from './channels';

/** Every value Twilio documents for an outbound message's `MessageStatus`. */
export const twilioMessageStatuses = ['accepted', 'scheduled', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'read', 'canceled'] as const;
export type TwilioMessageStatus = (typeof twilioMessageStatuses)[number];

export const isTwilioMessageStatus = (v: unknown): v is TwilioMessageStatus => (twilioMessageStatuses as readonly unknown[]).includes(v);

/**
 * queued/accepted/scheduled/sending: still with Twilio (our `sent`: the provider has it);
 * sent: handed to the carrier (`accepted`); delivered/read: `delivered`; undelivered: the carrier
 * could not deliver it (`not_delivered`); failed/canceled: never left Twilio (`failed`).
 */
export function statusForTwilio(status: TwilioMessageStatus): MessageStatus {
  switch (status) {
    case 'accepted':
    case 'scheduled':
    case 'queued':
    case 'sending':
      return 'sent';
    case 'sent':
      return 'accepted';
    case 'delivered':
    case 'read':
      return 'delivered';
    case 'undelivered':
      return 'not_delivered';
    case 'failed':
    case 'canceled':
      return 'failed';
  }
}

const rank: Partial<Record<MessageStatus, number>> = { pending: 0, sending: 1, sent: 2, accepted: 3, delivered: 4, not_delivered: 4, failed: 4 };

/**
 * The status after a callback, or null when it changes nothing: callbacks can repeat and arrive out
 * of order (a `sent` after the `delivered`), so the status only moves forward and an outcome stays.
 * A message recorded but never handed to Twilio (`recorded`, `skipped`) is not moved by a callback.
 */
export function nextSmsStatus(current: MessageStatus, reported: TwilioMessageStatus): MessageStatus | null {
  const from = rank[current];
  const proposed = statusForTwilio(reported);
  const to = rank[proposed]!;
  if (from === undefined || to <= from) return null;
  return proposed;
}
