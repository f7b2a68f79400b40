/**
 * The embedded default's mail server (`npm start`): an in-process SMTP server on loopback that
 * delivers nothing and keeps every message as an .eml file under .data/mail-sink/, where the app
 * lists them (GET /api/dev/mails) so a new installation shows the e-mails it would send.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { recordAccepted } from '../activities/notify/channels/accepted-ledger';

export async function startMailSink(o: { port: number; dir: string }): Promise<{ stop(): Promise<void> }> {
  mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, session, callback) {
      const file = join(o.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`);
      const out = createWriteStream(file, { mode: 0o600 });
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 16_384) head += c.toString('utf8');
      });
      stream.pipe(out);
      out.on('finish', () => {
        // The acceptance ledger (MAIL_ACCEPTED_LOOKUP=dir:…/accepted), written before the 250 reply.
        const messageId = /^message-id:\s*(\S+)/im.exec(head.split('\r\n\r\n')[0] ?? '')?.[1];
        if (messageId) recordAccepted(join(o.dir, 'accepted'), messageId, session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
      out.on('error', callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolve());
  });
  return { stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
