import type { MessageStatus } from './channels';
import { isTwilioMessageStatus, nextSmsStatus, statusForTwilio, type TwilioMessageStatus } from './sms';

describe('statusForTwilio', () => {
  it.each<[TwilioMessageStatus, MessageStatus]>([
    ['queued', 'sent'],
    ['accepted', 'sent'],
    ['scheduled', 'sent'],
    ['sending', 'sent'],
    ['sent', 'accepted'],
    ['delivered', 'delivered'],
    ['read', 'delivered'],
    ['undelivered', 'not_delivered'],
    ['failed', 'failed'],
    ['canceled', 'failed'],
  ])('%s → %s', (twilio, ours) => expect(statusForTwilio(twilio)).toBe(ours));
});

describe('nextSmsStatus', () => {
  it.each<[MessageStatus, TwilioMessageStatus, MessageStatus | null]>([
    ['sent', 'queued', null],
    ['sent', 'sent', 'accepted'],
    ['accepted', 'sent', null],
    ['accepted', 'delivered', 'delivered'],
    ['sent', 'delivered', 'delivered'],
    ['sending', 'queued', 'sent'],
    ['sending', 'delivered', 'delivered'],
    ['delivered', 'sent', null],
    ['delivered', 'undelivered', null],
    ['accepted', 'undelivered', 'not_delivered'],
    ['sent', 'failed', 'failed'],
    ['failed', 'delivered', null],
    ['recorded', 'delivered', null],
    ['skipped', 'sent', null],
    ['posted', 'delivered', null],
  ])('%s + %s → %s', (from, reported, to) => expect(nextSmsStatus(from, reported)).toBe(to));
});

describe('isTwilioMessageStatus', () => {
  it.each([
    ['delivered', true],
    ['undelivered', true],
    ['Delivered', false],
    ['', false],
    [undefined, false],
    ['received', false],
  ])('%j → %j', (v, ok) => expect(isTwilioMessageStatus(v)).toBe(ok));
});
