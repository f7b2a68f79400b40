/** The test IMAP server (test/helpers/dovecot.ts) that the protocol import and the PEC receipts use. */
import { ImapFlow } from 'imapflow';
import { dovecotAvailable, startDovecot, type Dovecot } from '../helpers/dovecot';

const maybe = dovecotAvailable() ? describe : describe.skip;

maybe('startDovecot', () => {
  let imap: Dovecot;
  beforeAll(async () => {
    imap = await startDovecot({ users: [{ user: 'protocollo', password: 'segreto-1' }, { user: 'pec', password: 'segreto-2' }] });
  });
  afterAll(() => imap.stop());

  const client = (user: string, pass: string) => new ImapFlow({ host: imap.host, port: imap.port, secure: false, auth: { user, pass }, logger: false });

  it('serves IMAP on loopback to its users, each with a mailbox of their own', async () => {
    expect(imap.host).toBe('127.0.0.1');
    const a = client('protocollo', 'segreto-1');
    await a.connect();
    await a.mailboxCreate('sfera_msg_da_prot');
    await a.append('sfera_msg_da_prot', 'From: a@example.it\r\nSubject: prova\r\n\r\nciao\r\n');
    const status = await a.status('sfera_msg_da_prot', { messages: true });
    expect(status && status.messages).toBe(1);
    await a.logout();

    const b = client('pec', 'segreto-2');
    await b.connect();
    expect((await b.list()).map((m) => m.path)).toEqual(['INBOX']);
    await b.logout();
  });

  it('refuses a wrong password', async () => {
    const c = client('protocollo', 'sbagliata');
    await expect(c.connect()).rejects.toThrow();
  });
});
