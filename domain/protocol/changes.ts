/**
 * What may happen to an entry after registration (art. 54; Linee guida §Annullamento): an
 * annotation (a correction or note, append-only, with author and time) or the annulment of the
 * whole entry, which needs a reason and an authorised user and leaves the entry visible, marked.
 */
import { z } from 'zod';
import { DomainError } from '../errors';
import { protocolLimits } from './entry';

const text = (max: number) =>
  z.string({ error: (i) => (i.input === undefined ? 'REQUIRED' : undefined) }).trim().min(1, { error: 'REQUIRED', abort: true }).max(max, { error: 'TOO_LONG' });

export const annotationSchema = z.object({ text: text(protocolLimits.annotation) });

/** Minimum length of an annulment reason: a word or two is not a reason. */
export const ANNULMENT_REASON_MIN = 10;

export const annulmentSchema = z.object({
  reason: z
    .string({ error: (i) => (i.input === undefined ? 'REQUIRED' : undefined) })
    .trim()
    .min(1, { error: 'REQUIRED', abort: true })
    .min(ANNULMENT_REASON_MIN, { error: 'TOO_SHORT' })
    .max(protocolLimits.reason, { error: 'TOO_LONG' }),
  /** Estremi del provvedimento: the reference of the manager's authorising measure, when one exists. */
  measure: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), text(200).optional()),
});
export type AnnulmentInput = z.infer<typeof annulmentSchema>;

/** Annulment is final: an entry already annulled cannot be annulled again. */
export function assertAnnullable(entry: { annulledAt: string | Date | null }): void {
  if (entry.annulledAt !== null) throw new DomainError('ENTRY_ALREADY_ANNULLED');
}
