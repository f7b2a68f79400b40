/**
 * Registered mail, priority mail and fax through the manual provider: the message is a task for the
 * secretariat, who records the posting (date, tracking number, cost, scan of the posting slip) and
 * then the return receipt (date, delivered or not, scan). Pure rules shared by the API and the UI;
 * `today` is the caller's date in Europe/Rome (YYYY-MM-DD).
 *
 * Status of the message: recorded (to post) → posted → delivered | returned.
 */
import { z } from 'zod';
import type { MessageStatus, PostalChannel } from './channels';

export const receiptOutcomes = ['delivered', 'undelivered'] as const;
export type ReceiptOutcome = (typeof receiptOutcomes)[number];

const isoDay = z.iso.date({ error: 'INVALID_DATE' });

export const postingSchema = z.object({
  postedOn: isoDay,
  /** Raccomandata number, priority mail label or fax transmission ID. */
  trackingNumber: z
    .string()
    .trim()
    .max(40, { error: 'TOO_LONG' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9 /-]*$/, { error: 'INVALID_TRACKING_NUMBER' })
    .optional(),
  costCents: z.number().int({ error: 'INVALID_COST' }).min(0, { error: 'INVALID_COST' }).max(1_000_000, { error: 'INVALID_COST' }).optional(),
  /** A scan of the posting slip, uploaded first to the task's documents. */
  scanDocumentId: z.uuid().optional(),
});
export type PostingInput = z.infer<typeof postingSchema>;

export const receiptSchema = z.object({
  receivedOn: isoDay,
  outcome: z.enum(receiptOutcomes, { error: 'INVALID_OUTCOME' }),
  /** A scan of the return receipt (avviso di ricevimento) or of the fax report. */
  scanDocumentId: z.uuid().optional(),
});
export type ReceiptInput = z.infer<typeof receiptSchema>;

export type PostalAction = 'post' | 'receipt';

/** Statuses in which a task still waits to be posted (`pending`: tasks written before the manual provider answered `recorded`). */
const toPost: readonly MessageStatus[] = ['recorded', 'pending'];

export function allowedPostalActions(status: MessageStatus): PostalAction[] {
  if (toPost.includes(status)) return ['post'];
  if (status === 'posted') return ['receipt'];
  return [];
}

export type PostalDecision =
  | { ok: true; status: MessageStatus }
  | { ok: false; code: 'POSTAL_TASK_NOT_OPEN' }
  | { ok: false; code: 'VALIDATION_FAILED'; fields: { path: string; code: string }[] };

/** The posting: a registered letter needs its number; a posting date cannot be in the future. */
export function decidePosting(channel: PostalChannel, status: MessageStatus, input: PostingInput, today: string): PostalDecision {
  if (!allowedPostalActions(status).includes('post')) return { ok: false, code: 'POSTAL_TASK_NOT_OPEN' };
  const fields: { path: string; code: string }[] = [];
  if (channel === 'registered_mail' && !input.trackingNumber) fields.push({ path: 'trackingNumber', code: 'REQUIRED' });
  if (input.postedOn > today) fields.push({ path: 'postedOn', code: 'IN_FUTURE' });
  return fields.length > 0 ? { ok: false, code: 'VALIDATION_FAILED', fields } : { ok: true, status: 'posted' };
}

/** The return receipt (or fax report): not before the posting, not in the future. */
export function decideReceipt(status: MessageStatus, postedOn: string | null, input: ReceiptInput, today: string): PostalDecision {
  if (!allowedPostalActions(status).includes('receipt')) return { ok: false, code: 'POSTAL_TASK_NOT_OPEN' };
  const fields: { path: string; code: string }[] = [];
  if (postedOn !== null && input.receivedOn < postedOn) fields.push({ path: 'receivedOn', code: 'BEFORE_POSTING' });
  if (input.receivedOn > today) fields.push({ path: 'receivedOn', code: 'IN_FUTURE' });
  if (fields.length > 0) return { ok: false, code: 'VALIDATION_FAILED', fields };
  return { ok: true, status: input.outcome === 'delivered' ? 'delivered' : 'returned' };
}
