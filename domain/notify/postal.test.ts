import type { MessageStatus, PostalChannel } from './channels';
import { allowedPostalActions, decidePosting, decideReceipt, postingSchema, receiptSchema, type PostalDecision } from './postal';

const today = '2026-03-10';

describe('allowedPostalActions', () => {
  it.each<[MessageStatus, string[]]>([
    ['recorded', ['post']],
    ['pending', ['post']],
    ['posted', ['receipt']],
    ['delivered', []],
    ['returned', []],
    ['failed', []],
    ['sent', []],
  ])('%s → %j', (status, actions) => expect(allowedPostalActions(status)).toEqual(actions));
});

describe('decidePosting', () => {
  it.each<[PostalChannel, MessageStatus, Record<string, unknown>, PostalDecision]>([
    ['registered_mail', 'recorded', { postedOn: '2026-03-10', trackingNumber: '15012345678-9' }, { ok: true, status: 'posted' }],
    ['registered_mail', 'pending', { postedOn: '2026-03-09', trackingNumber: 'RR123' }, { ok: true, status: 'posted' }],
    ['registered_mail', 'recorded', { postedOn: '2026-03-10' }, { ok: false, code: 'VALIDATION_FAILED', fields: [{ path: 'trackingNumber', code: 'REQUIRED' }] }],
    ['priority_mail', 'recorded', { postedOn: '2026-03-10' }, { ok: true, status: 'posted' }],
    ['fax', 'recorded', { postedOn: '2026-03-10' }, { ok: true, status: 'posted' }],
    ['fax', 'recorded', { postedOn: '2026-03-11' }, { ok: false, code: 'VALIDATION_FAILED', fields: [{ path: 'postedOn', code: 'IN_FUTURE' }] }],
    ['registered_mail', 'posted', { postedOn: '2026-03-10', trackingNumber: 'RR1' }, { ok: false, code: 'POSTAL_TASK_NOT_OPEN' }],
    ['registered_mail', 'delivered', { postedOn: '2026-03-10', trackingNumber: 'RR1' }, { ok: false, code: 'POSTAL_TASK_NOT_OPEN' }],
  ])('%s in %s with %j', (channel, status, input, decision) => expect(decidePosting(channel, status, postingSchema.parse(input), today)).toEqual(decision));
});

describe('decideReceipt', () => {
  it.each<[MessageStatus, string | null, Record<string, unknown>, PostalDecision]>([
    ['posted', '2026-03-01', { receivedOn: '2026-03-05', outcome: 'delivered' }, { ok: true, status: 'delivered' }],
    ['posted', '2026-03-01', { receivedOn: '2026-03-01', outcome: 'undelivered' }, { ok: true, status: 'returned' }],
    ['posted', '2026-03-05', { receivedOn: '2026-03-04', outcome: 'delivered' }, { ok: false, code: 'VALIDATION_FAILED', fields: [{ path: 'receivedOn', code: 'BEFORE_POSTING' }] }],
    ['posted', '2026-03-05', { receivedOn: '2026-03-11', outcome: 'delivered' }, { ok: false, code: 'VALIDATION_FAILED', fields: [{ path: 'receivedOn', code: 'IN_FUTURE' }] }],
    ['recorded', null, { receivedOn: '2026-03-05', outcome: 'delivered' }, { ok: false, code: 'POSTAL_TASK_NOT_OPEN' }],
    ['returned', '2026-03-01', { receivedOn: '2026-03-05', outcome: 'delivered' }, { ok: false, code: 'POSTAL_TASK_NOT_OPEN' }],
  ])('%s posted %s with %j', (status, postedOn, input, decision) => expect(decideReceipt(status, postedOn, receiptSchema.parse(input), today)).toEqual(decision));
});

describe('schemas', () => {
  it.each([
    [{ postedOn: '2026-02-30' }, 'postedOn'],
    [{ postedOn: '10/03/2026' }, 'postedOn'],
    [{ postedOn: '2026-03-10', trackingNumber: 'RR<script>' }, 'trackingNumber'],
    [{ postedOn: '2026-03-10', costCents: -1 }, 'costCents'],
    [{ postedOn: '2026-03-10', costCents: 5.5 }, 'costCents'],
  ])('refuses posting %j at %s', (input, path) => {
    const r = postingSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual([path]);
  });
  it('refuses an unknown receipt outcome', () => expect(receiptSchema.safeParse({ receivedOn: '2026-03-10', outcome: 'lost' }).success).toBe(false));
});
