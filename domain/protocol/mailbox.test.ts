import { mailAccountSchema, mailMessageKey, matchSender, sferaFolderPath } from './mailbox';

const subjects = [
  { id: 's1', displayName: 'Mario Rossi', email: 'mario.rossi@example.it', pec: 'mario.rossi@pec.it' },
  { id: 's2', displayName: 'Alfa S.r.l.', email: 'info@alfa.it', pec: null },
  { id: 's3', displayName: 'Alfa bis', email: 'shared@example.it', pec: null },
  { id: 's4', displayName: 'Alfa ter', email: null, pec: 'SHARED@example.it' },
];

describe('mailbox import rules', () => {
  it.each([
    ['Mario.Rossi@PEC.it', 's1'],
    ['info@alfa.it', 's2'],
    ['shared@example.it', null], // ambiguous: two subjects
    ['nobody@example.it', null],
    [null, null],
  ])('matches sender %p to subject %p', (address, id) => expect(matchSender(address, subjects)?.id ?? null).toBe(id));

  it('keys a message by account, UIDVALIDITY and UID', () => {
    expect(mailMessageKey('acc', 1700000000n, 7)).toBe('acc:1700000000:7');
    expect(() => mailMessageKey('acc', 1, 0)).toThrow(RangeError);
  });

  it('places the sfera folders under the parent folder', () => {
    expect(sferaFolderPath('', 'sfera_msg_prot', '.')).toBe('sfera_msg_prot');
    expect(sferaFolderPath('INBOX', 'sfera_msg_prot', '/')).toBe('INBOX/sfera_msg_prot');
  });

  it('validates an account', () => {
    const ok = mailAccountSchema.safeParse({ registerId: '8c7e7c4e-2f55-4c3c-9d7b-1b1a3c6c0b11', label: 'PEC', kind: 'pec', host: 'imap.example.it', port: '993', username: 'u', password: 'p' });
    expect(ok.success && ok.data.port).toBe(993);
    expect(mailAccountSchema.safeParse({ kind: 'fax' }).success).toBe(false);
  });
});
