import { normalizeRecipientAddress, registryFieldFor, type Channel } from './channels';

describe('normalizeRecipientAddress', () => {
  it.each<[Channel, string, string]>([
    ['email', ' Mario.Rossi@Example.IT ', 'mario.rossi@example.it'],
    ['pec', 'studio@pec.example.it', 'studio@pec.example.it'],
    ['sms', '333 123 4567', '+393331234567'],
    ['sms', '+39 347-1234567', '+393471234567'],
    ['sms', '0039 3331234567', '+393331234567'],
    ['fax', '06 1234567', '+39061234567'],
    ['registered_mail', 'Via Roma 1,  00100 Roma (RM)', 'Via Roma 1, 00100 Roma (RM)'],
    ['priority_mail', 'Piazza Duomo 2, 20121 Milano', 'Piazza Duomo 2, 20121 Milano'],
  ])('accepts %s address %j as %j', (channel, raw, expected) => {
    expect(normalizeRecipientAddress(channel, raw)).toEqual({ ok: true, address: expected });
  });

  it.each<[Channel, string, string]>([
    ['email', 'mario.rossi', 'INVALID_EMAIL'],
    ['email', 'mario@', 'INVALID_EMAIL'],
    ['email', '', 'INVALID_EMAIL'],
    ['pec', 'not a pec', 'INVALID_PEC'],
    ['sms', '06 1234567', 'INVALID_PHONE'],
    ['sms', '+44 7700 900123', 'INVALID_PHONE'],
    ['sms', '333-12', 'INVALID_PHONE'],
    ['sms', '3331234567890', 'INVALID_PHONE'],
    ['fax', 'abc', 'INVALID_FAX'],
    ['registered_mail', 'Roma', 'INVALID_POSTAL_ADDRESS'],
    ['priority_mail', 'Via senza CAP numero uno, Roma', 'INVALID_POSTAL_ADDRESS'],
  ])('refuses %s address %j with %s', (channel, raw, code) => {
    expect(normalizeRecipientAddress(channel, raw)).toEqual({ ok: false, code });
  });
});

describe('registryFieldFor', () => {
  it.each<[Channel, string | null]>([
    ['email', 'email'],
    ['pec', 'pec'],
    ['sms', 'phone'],
    ['registered_mail', null],
    ['priority_mail', null],
    ['fax', null],
  ])('%s reads %s', (channel, field) => expect(registryFieldFor(channel)).toBe(field));
});
