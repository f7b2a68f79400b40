/**
 * PEC receipts (ricevute and avvisi, DM 2/11/2005 art. 6; RFC 6109) and what each does to the
 * status of the message it refers to. Pure: the parsing of daticert.xml happens in the activities.
 */
import type { MessageStatus } from './channels';

export const pecReceiptKinds = [
  'accettazione',
  'non-accettazione',
  'presa-in-carico',
  'avvenuta-consegna',
  'errore-consegna',
  'preavviso-errore-consegna',
  'rilevazione-virus',
] as const;
export type PecReceiptKind = (typeof pecReceiptKinds)[number];

/** `mancata-consegna` appears in some providers' files: it is an errore-consegna. */
export function normalizePecReceiptKind(raw: string | undefined | null): PecReceiptKind | null {
  const v = (raw ?? '').trim().toLowerCase();
  if (v === 'mancata-consegna') return 'errore-consegna';
  return (pecReceiptKinds as readonly string[]).includes(v) ? (v as PecReceiptKind) : null;
}

/** The message status a receipt signals (null: informational, no change). */
export function statusForPecReceipt(kind: PecReceiptKind): MessageStatus | null {
  switch (kind) {
    case 'accettazione':
      return 'accepted';
    case 'non-accettazione':
      return 'not_accepted';
    case 'avvenuta-consegna':
      return 'delivered';
    case 'errore-consegna':
    case 'rilevazione-virus':
      return 'not_delivered';
    case 'preavviso-errore-consegna':
      return 'delayed';
    case 'presa-in-carico':
      return null;
  }
}

const rank: Partial<Record<MessageStatus, number>> = {
  pending: 0,
  sending: 1,
  sent: 2,
  accepted: 3,
  delayed: 4,
  delivered: 5,
  not_delivered: 5,
  not_accepted: 5,
};

/**
 * Receipts may arrive out of order (a delivery before the acceptance is read): the status only moves
 * forward, and a final outcome is never replaced.
 */
export function nextPecStatus(current: MessageStatus, kind: PecReceiptKind): MessageStatus {
  const proposed = statusForPecReceipt(kind);
  if (proposed === null) return current;
  const from = rank[current];
  const to = rank[proposed];
  if (from === undefined || to === undefined) return current;
  if (from >= 5) return current;
  return to > from ? proposed : current;
}

/** A receipt that means the message will not reach its recipient: the sender must use another way. */
export function isNonDelivery(kind: PecReceiptKind): boolean {
  return kind === 'non-accettazione' || kind === 'errore-consegna' || kind === 'rilevazione-virus';
}
