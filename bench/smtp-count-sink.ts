/**
 * The benchmark's SMTP server, run as its own process so that it takes no CPU from the process being
 * measured: accepts every message, counts distinct (Message-ID, recipient) pairs and all
 * transactions, and answers `count` messages over IPC.
 */
import { SMTPServer } from 'smtp-server';

const seen = new Set<string>();
let transactions = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  maxClients: 500,
  onData(stream, session, callback) {
    let head = '';
    stream.on('data', (c: Buffer) => {
      if (head.length < 8192) head += c.toString('latin1');
    });
    stream.on('end', () => {
      const id = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? '';
      for (const r of session.envelope.rcptTo) seen.add(`${id}\n${r.address}`);
      transactions++;
      callback();
    });
  },
});
server.on('error', () => undefined);
server.listen(0, '127.0.0.1', () => {
  process.send!({ port: (server.server.address() as { port: number }).port });
});
process.on('message', (m: { cmd: string }) => {
  if (m.cmd === 'count') process.send!({ distinct: seen.size, transactions });
  if (m.cmd === 'reset') {
    seen.clear();
    transactions = 0;
    process.send!({ reset: true });
  }
});
