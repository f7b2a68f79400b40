/**
 * A PEC provider for tests, playing the gestore's part around a real IMAP server (Dovecot): an SMTP
 * submission server (with login) that, for each message, writes the receipts into the sender's
 * mailbox over IMAP APPEND, built in the real format — multipart/mixed with the human-readable text,
 * the original as postacert.eml (delivery receipts, "completa"), daticert.xml with the DM 2/11/2005
 * structure — S/MIME-signed (multipart/signed) with the provider's certificate (openssl).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { SMTPServer } from 'smtp-server';

export type ReceiptKind = 'accettazione' | 'non-accettazione' | 'avvenuta-consegna' | 'errore-consegna' | 'preavviso-errore-consegna';

export interface ReceiptSpec {
  kind: ReceiptKind;
  sender: string;
  recipient: string;
  subject: string;
  originalMessageId: string;
  original?: Buffer;
  errorDetail?: string;
  at?: Date;
}

const esc = (v: string) => v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
const pad = (n: number) => String(n).padStart(2, '0');

export function daticertXml(s: ReceiptSpec, id: string): string {
  const at = s.at ?? new Date();
  // Rome time for the legal timestamp; the test clock is UTC, so say so in the zone attribute.
  const giorno = `${pad(at.getUTCDate())}/${pad(at.getUTCMonth() + 1)}/${at.getUTCFullYear()}`;
  const ora = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
  const errore = s.kind === 'errore-consegna' ? 'no-dest' : s.kind === 'non-accettazione' ? 'altro' : 'nessuno';
  const perRecipient = s.kind === 'avvenuta-consegna' || s.kind === 'errore-consegna' || s.kind === 'preavviso-errore-consegna';
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE postacert SYSTEM "Postacert.dtd">
<postacert tipo="${s.kind}" errore="${errore}">
  <intestazione>
    <mittente>${esc(s.sender)}</mittente>
    <destinatari tipo="certificato">${esc(s.recipient)}</destinatari>
    <risposte>${esc(s.sender)}</risposte>
    <oggetto>${esc(s.subject)}</oggetto>
  </intestazione>
  <dati>
    <gestore-emittente>Gestore PEC di prova S.p.A.</gestore-emittente>
    <data zona="+0000">
      <giorno>${giorno}</giorno>
      <ora>${ora}</ora>
    </data>
    <identificativo>${esc(id)}</identificativo>
    <msgid>${esc(s.originalMessageId)}</msgid>
${s.kind === 'avvenuta-consegna' ? '    <ricevuta tipo="completa" />\n' : ''}${perRecipient ? `    <consegna>${esc(s.recipient)}</consegna>\n` : ''}${s.errorDetail ? `    <errore-esteso>${esc(s.errorDetail)}</errore-esteso>\n` : ''}  </dati>
</postacert>
`;
}

const titles: Record<ReceiptKind, string> = {
  accettazione: 'ACCETTAZIONE',
  'non-accettazione': 'AVVISO DI NON ACCETTAZIONE',
  'avvenuta-consegna': 'CONSEGNA',
  'errore-consegna': 'AVVISO DI MANCATA CONSEGNA',
  'preavviso-errore-consegna': 'AVVISO DI MANCATA CONSEGNA ENTRO 12 ORE',
};

export interface Signer {
  dir: string;
  cert: string;
  key: string;
  close(): void;
}

/** The provider's signing certificate (self-signed, made by openssl for the run). */
export function createSigner(): Signer {
  const dir = mkdtempSync(join(tmpdir(), 'pec-signer-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/C=IT/O=Gestore PEC di prova/CN=posta-certificata@pec.gestore.example'], { stdio: 'ignore' });
  return { dir, cert, key, close: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A receipt as the provider writes it into the sender's mailbox. */
export function buildReceipt(s: ReceiptSpec, signer: Signer): { raw: Buffer; providerId: string } {
  const providerId = `opec-${randomUUID()}@pec.gestore.example`;
  const boundary = `----=_Part_${randomUUID()}`;
  const when = (s.at ?? new Date()).toUTCString();
  const human = `Ricevuta di ${s.kind}\r\n\r\nIl giorno ${when} il messaggio "${s.subject}" proveniente da "${s.sender}" ed indirizzato a "${s.recipient}" ${
    s.kind === 'avvenuta-consegna' ? 'è stato consegnato nella casella di destinazione' : s.kind === 'accettazione' ? 'è stato accettato dal sistema' : `non è stato consegnato (${s.errorDetail ?? 'errore'})`
  }.\r\nIdentificativo messaggio: ${providerId}\r\n`;
  const parts = [
    `--${boundary}\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${human}`,
    ...(s.original && s.kind === 'avvenuta-consegna'
      ? [`--${boundary}\r\nContent-Type: message/rfc822; name="postacert.eml"\r\nContent-Disposition: inline; filename="postacert.eml"\r\n\r\n${s.original.toString('utf8')}\r\n`]
      : []),
    `--${boundary}\r\nContent-Type: application/xml; name="daticert.xml"\r\nContent-Disposition: inline; filename="daticert.xml"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(daticertXml(s, providerId)).toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n`,
    `--${boundary}--\r\n`,
  ];
  const inner = `Content-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n${parts.join('')}`;
  const innerFile = join(signer.dir, `${randomUUID()}.mime`);
  writeFileSync(innerFile, inner);
  const signed = execFileSync('openssl', ['smime', '-sign', '-in', innerFile, '-signer', signer.cert, '-inkey', signer.key, '-outform', 'SMIME', '-crlfeol'], { maxBuffer: 20 << 20 });
  rmSync(innerFile);
  const headers = [
    `Date: ${when}`,
    `From: "Posta Certificata" <posta-certificata@pec.gestore.example>`,
    `To: ${s.sender}`,
    `Subject: ${titles[s.kind]}: ${s.subject}`,
    `Message-ID: <${providerId}>`,
    `X-Ricevuta: ${s.kind}`,
    `X-Riferimento-Message-ID: ${s.originalMessageId}`,
    ...(s.kind === 'avvenuta-consegna' ? ['X-TipoRicevuta: completa'] : []),
  ].join('\r\n');
  return { raw: Buffer.concat([Buffer.from(`${headers}\r\n`), signed]), providerId };
}

export interface PecProvider {
  url: string;
  /** Decides the outcome per recipient: delivered, or an error detail for a non-delivery. */
  outcome: Map<string, 'delivered' | string>;
  submitted: { messageId: string; recipients: string[] }[];
  close(): Promise<void>;
}

export async function startPecProvider(o: { imap: { host: string; port: number }; user: string; password: string; signer: Signer }): Promise<PecProvider> {
  const outcome = new Map<string, 'delivered' | string>();
  const submitted: PecProvider['submitted'] = [];
  const deliver = async (raw: Buffer[]) => {
    const client = new ImapFlow({ host: o.imap.host, port: o.imap.port, secure: false, auth: { user: o.user, pass: o.password }, logger: false, doSTARTTLS: false });
    await client.connect();
    for (const r of raw) await client.append('INBOX', r);
    await client.logout();
  };
  const server = new SMTPServer({
    secure: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === o.user && auth.password === o.password) return cb(null, { user: auth.username });
      cb(new Error('Invalid credentials'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const original = Buffer.concat(chunks);
        const head = original.toString('utf8').split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
        const messageId = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? '';
        const subject = /^subject:\s*(.*)$/im.exec(head)?.[1] ?? '';
        const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        submitted.push({ messageId, recipients });
        const receipts = [buildReceipt({ kind: 'accettazione', sender, recipient: recipients.join(', '), subject, originalMessageId: messageId }, o.signer).raw];
        for (const rcpt of recipients) {
          const result = outcome.get(rcpt);
          if (result === undefined) continue;
          receipts.push(
            result === 'delivered'
              ? buildReceipt({ kind: 'avvenuta-consegna', sender, recipient: rcpt, subject, originalMessageId: messageId, original }, o.signer).raw
              : buildReceipt({ kind: 'errore-consegna', sender, recipient: rcpt, subject, originalMessageId: messageId, errorDetail: result }, o.signer).raw,
          );
        }
        // Acceptance is written before the 250 (the provider's proof of taking the message).
        deliver(receipts).then(() => cb(), cb);
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, outcome, submitted, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export const readText = (file: string) => readFileSync(file, 'utf8');
