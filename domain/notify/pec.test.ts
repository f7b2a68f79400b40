import type { MessageStatus } from './channels';
import { isNonDelivery, nextPecStatus, normalizePecReceiptKind, type PecReceiptKind } from './pec';

describe('normalizePecReceiptKind', () => {
  it.each([
    ['accettazione', 'accettazione'],
    [' Avvenuta-Consegna ', 'avvenuta-consegna'],
    ['mancata-consegna', 'errore-consegna'],
    ['preavviso-errore-consegna', 'preavviso-errore-consegna'],
    ['posta-certificata', null],
    ['', null],
    [undefined, null],
  ])('%j → %j', (raw, kind) => expect(normalizePecReceiptKind(raw)).toBe(kind));
});

describe('nextPecStatus', () => {
  it.each<[MessageStatus, PecReceiptKind, MessageStatus]>([
    ['sent', 'accettazione', 'accepted'],
    ['sending', 'accettazione', 'accepted'],
    ['accepted', 'avvenuta-consegna', 'delivered'],
    ['sent', 'avvenuta-consegna', 'delivered'],
    ['delivered', 'accettazione', 'delivered'],
    ['accepted', 'preavviso-errore-consegna', 'delayed'],
    ['delayed', 'errore-consegna', 'not_delivered'],
    ['delayed', 'avvenuta-consegna', 'delivered'],
    ['sent', 'non-accettazione', 'not_accepted'],
    ['not_delivered', 'avvenuta-consegna', 'not_delivered'],
    ['accepted', 'presa-in-carico', 'accepted'],
    ['accepted', 'rilevazione-virus', 'not_delivered'],
  ])('%s + %s → %s', (from, kind, to) => expect(nextPecStatus(from, kind)).toBe(to));
});

describe('isNonDelivery', () => {
  it.each<[PecReceiptKind, boolean]>([
    ['non-accettazione', true],
    ['errore-consegna', true],
    ['rilevazione-virus', true],
    ['accettazione', false],
    ['avvenuta-consegna', false],
    ['preavviso-errore-consegna', false],
  ])('%s → %s', (kind, expected) => expect(isNonDelivery(kind)).toBe(expected));
});
