/**
 * Mass sending (Spedizioni Online, newsletter): the mailing's life cycle, the actions allowed in each
 * state, how recipients are split into batches and how long a chunk must take to respect a rate.
 */
import { z } from 'zod';
import type { Channel } from './channels';

export const mailingKinds = ['dispatch', 'newsletter'] as const;
export type MailingKind = (typeof mailingKinds)[number];

/** Mass sending goes by e-mail, PEC or SMS; paper mail is single letters through the postal tasks. */
export const mailingChannels = ['email', 'pec', 'sms'] as const satisfies readonly Channel[];
export type MailingChannel = (typeof mailingChannels)[number];

export const mailingStates = ['preparing', 'running', 'paused', 'cancelled', 'completed'] as const;
export type MailingState = (typeof mailingStates)[number];

export type MailingAction = 'pause' | 'resume' | 'cancel';

export function allowedMailingActions(state: MailingState): MailingAction[] {
  switch (state) {
    case 'preparing':
      return ['cancel'];
    case 'running':
      return ['pause', 'cancel'];
    case 'paused':
      return ['resume', 'cancel'];
    case 'cancelled':
    case 'completed':
      return [];
  }
}

export const audienceSchema = z.discriminatedUnion('kind', [
  /** Users with a membership in the body, optionally of some roles only. */
  z.object({ kind: z.literal('members'), roles: z.array(z.string().min(1).max(40)).max(20).optional() }),
  /** The body's registry (persons and companies) that have an address for the channel. */
  z.object({ kind: z.literal('contacts') }),
  /** The parties of the chosen cases. */
  z.object({ kind: z.literal('case_parties'), caseIds: z.array(z.uuid()).min(1).max(500) }),
]);
export type Audience = z.infer<typeof audienceSchema>;

export interface MailingProgress {
  total: number;
  sent: number;
  failed: number;
  skipped: number;
  pending: number;
}

export function emptyProgress(total: number): MailingProgress {
  return { total, sent: 0, failed: 0, skipped: 0, pending: total };
}

/** Sums batch counts into the mailing's progress; pending is whatever is not yet accounted for. */
export function sumProgress(total: number, batches: Iterable<{ sent: number; failed: number; skipped: number }>): MailingProgress {
  let sent = 0;
  let failed = 0;
  let skipped = 0;
  for (const b of batches) {
    sent += b.sent;
    failed += b.failed;
    skipped += b.skipped;
  }
  return { total, sent, failed, skipped, pending: Math.max(0, total - sent - failed - skipped) };
}

export interface BatchRange {
  index: number;
  /** First recipient sequence number (1-based, inclusive). */
  from: number;
  /** Last recipient sequence number (inclusive). */
  to: number;
}

/** Splits recipients 1..total into consecutive batches of at most `size`. */
export function planBatches(total: number, size: number): BatchRange[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('batch size must be a positive integer');
  const out: BatchRange[] = [];
  for (let from = 1, index = 0; from <= total; from += size, index++) out.push({ index, from, to: Math.min(total, from + size - 1) });
  return out;
}

/** Splits a batch range into chunks of at most `size` (one activity call each). */
export function planChunks(range: { from: number; to: number }, size: number): { from: number; to: number }[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('chunk size must be a positive integer');
  const out: { from: number; to: number }[] = [];
  for (let from = range.from; from <= range.to; from += size) out.push({ from, to: Math.min(range.to, from + size - 1) });
  return out;
}

/**
 * Minimum duration of a chunk of `count` messages so that `parallel` batches together stay within
 * `perSecond` messages per second for the channel (0 = unlimited).
 */
export function minChunkMillis(count: number, perSecond: number, parallel: number): number {
  if (perSecond <= 0) return 0;
  return Math.ceil((count * Math.max(1, parallel) * 1000) / perSecond);
}

/**
 * The chunk size a batch uses: the configured one, or less under a rate limit, so that one chunk is
 * about a second's worth of messages and the rate holds smoothly instead of in bursts.
 */
export function effectiveChunkSize(chunkSize: number, perSecond: number, parallel: number): number {
  if (perSecond <= 0) return chunkSize;
  return Math.max(1, Math.min(chunkSize, Math.ceil(perSecond / Math.max(1, parallel))));
}

/** Default per-channel rates (messages per second per mailing); a body may set its own. */
export const defaultChannelRates: Record<MailingChannel, number> = { email: 0, pec: 5, sms: 10 };
