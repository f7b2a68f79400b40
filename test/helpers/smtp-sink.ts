import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { recordAccepted } from '../../activities/notify/channels/accepted-ledger';

export interface Received {
  messageId: string;
  recipients: string[];
}

export interface SmtpSink {
  url: string;
  messages: ParsedMail[];
  /** Every accepted transaction, duplicates included (counted by Message-ID and recipient). */
  received: Received[];
  /** Addresses the server refuses: permanently (550) or for now (451). */
  reject: { permanent: Set<string>; transient: Set<string> };
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** Parse every message into `messages` (default true; off for mass tests, which only count). */
  parse?: boolean;
  /** Acceptance ledger (MAIL_ACCEPTED_LOOKUP=dir:…), written before the 250 reply. */
  ledgerDir?: string;
  /** Called after a message is accepted and recorded, before the 250 reply reaches the client. */
  onAccepted?: (count: number) => void;
}

const messageIdOf = (raw: Buffer): string => {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end < 0 ? raw.length : end).toString('utf8').replace(/\r\n[ \t]+/g, ' ');
  return /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? '';
};

/** A real SMTP server on loopback that keeps what it receives, for tests. */
export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const received: Received[] = [];
  const reject = { permanent: new Set<string>(), transient: new Set<string>() };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    maxClients: 200,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const a = address.address.toLowerCase();
      if (reject.permanent.has(a)) return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      if (reject.transient.has(a)) return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const messageId = messageIdOf(raw);
        if (opts.ledgerDir) recordAccepted(opts.ledgerDir, messageId, recipients);
        received.push({ messageId, recipients });
        opts.onAccepted?.(received.length);
        if (opts.parse === false) return callback();
        simpleParser(raw).then((m) => {
          messages.push(m);
          callback();
        }, callback);
      });
    },
  });
  // A client killed mid-transaction resets its connection: that is the point of some tests, not an error.
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') throw err;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    received,
    reject,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
