/**
 * Mailbox import against a real Dovecot: folders created when missing, preview with the sender
 * matched to the registry, registration moving each message to `sfera_msg_prot` exactly once — also
 * when the worker is killed after the registration, before the move, or after the move.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { ImapFlow } from 'imapflow';
import request from 'supertest';
import { moveToRegistered } from '../../activities/protocol/imap-mailbox';
import { createWorker } from '../../activities/worker';
import { dovecotAvailable, startDovecot, type Dovecot } from '../helpers/dovecot';
import { createRegister, protocolTenant, type ProtocolTenant } from '../helpers/protocol';
import { startStack, type Stack } from '../helpers/stack';

const maybe = dovecotAvailable() ? describe : describe.skip;
const root = join(__dirname, '..', '..');
const USER = { user: 'protocollo', password: 'casella-di-prova-1' };

let stack: Stack;
let imap: Dovecot;
let t: ProtocolTenant;
let registerId: string;
let accountId: string;

const mail = (n: number, from: string) =>
  [
    `From: Mittente ${n} <${from}>`,
    'To: protocollo@ordine.example.it',
    `Subject: Istanza numero ${n}`,
    `Message-ID: <msg-${n}-${randomUUID()}@example.it>`,
    'Date: Mon, 02 Mar 2026 10:00:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Testo della comunicazione ${n}.`,
    '--b1',
    'Content-Type: application/pdf; name="istanza.pdf"',
    'Content-Disposition: attachment; filename="istanza.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(`%PDF-1.4\n% istanza ${n}\n%%EOF\n`).toString('base64'),
    '--b1--',
    '',
  ].join('\r\n');

async function imapClient() {
  const c = new ImapFlow({ host: imap.host, port: imap.port, secure: false, auth: { user: USER.user, pass: USER.password }, logger: false });
  await c.connect();
  return c;
}

async function folderMessageIds(path: string): Promise<string[]> {
  const c = await imapClient();
  try {
    const lock = await c.getMailboxLock(path);
    try {
      const ids: string[] = [];
      if (c.mailbox && c.mailbox.exists > 0) for await (const m of c.fetch('1:*', { envelope: true })) ids.push(m.envelope?.messageId ?? '');
      return ids;
    } finally {
      lock.release();
    }
  } finally {
    await c.logout();
  }
}

const api = (path: string) => `/api/bodies/${t.bodyId}/protocol${path}`;

maybe('mailbox import', () => {
  beforeAll(async () => {
    stack = await startStack({ worker: false });
    imap = await startDovecot({ users: [USER] });
    t = await protocolTenant(stack.app, stack.sequelize);
    registerId = await createRegister(stack.app, t, 'GEN');
    await stack.sequelize.query(
      `INSERT INTO subjects (id, body_id, kind, first_name, last_name, tax_code, pec) VALUES (:id, :bodyId, 'person', 'Mario', 'Rossi', 'RSSMRA80A01H501U', 'mario.rossi@pec.example.it')`,
      { replacements: { id: randomUUID(), bodyId: t.bodyId } },
    );
  });
  afterAll(async () => {
    await imap?.stop();
    await stack?.stop();
  });

  it('adds an account only when it logs in, and creates the two folders', async () => {
    const bad = await request(stack.app).post(api('/mail/accounts')).set('Authorization', `Bearer ${t.manager}`)
      .send({ registerId, label: 'PEC', kind: 'pec', host: imap.host, port: imap.port, secure: false, username: USER.user, password: 'sbagliata' });
    expect([bad.status, bad.body.error.code]).toEqual([502, 'MAILBOX_UNAVAILABLE']);
    const res = await request(stack.app).post(api('/mail/accounts')).set('Authorization', `Bearer ${t.manager}`)
      .send({ registerId, label: 'PEC dell’Ordine', kind: 'pec', host: imap.host, port: imap.port, secure: false, username: USER.user, password: USER.password });
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty('password');
    accountId = res.body.id;
    const c = await imapClient();
    const paths = (await c.list()).map((m) => m.path);
    await c.logout();
    expect(paths).toEqual(expect.arrayContaining(['INBOX/sfera_msg_da_prot', 'INBOX/sfera_msg_prot']));
    const [[row]] = (await stack.sequelize.query('SELECT password_enc FROM protocol_mail_accounts WHERE id = :id', { replacements: { id: accountId } })) as [{ password_enc: string }[], unknown];
    expect(row!.password_enc).not.toContain(USER.password);
  });

  it('previews the waiting messages with the sender matched to the registry', async () => {
    const c = await imapClient();
    await c.append('INBOX/sfera_msg_da_prot', mail(1, 'mario.rossi@pec.example.it'));
    await c.append('INBOX/sfera_msg_da_prot', mail(2, 'sconosciuto@example.it'));
    await c.append('INBOX/sfera_msg_da_prot', mail(3, 'altro@example.it'));
    await c.logout();
    const res = await request(stack.app).get(api(`/mail/accounts/${accountId}/messages`)).set('Authorization', `Bearer ${t.officer}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((m: { subject: string }) => m.subject)).toEqual(['Istanza numero 1', 'Istanza numero 2', 'Istanza numero 3']);
    expect(res.body.items[0]).toMatchObject({
      from: { address: 'mario.rossi@pec.example.it', name: 'Mittente 1' },
      text: expect.stringContaining('Testo della comunicazione 1.'),
      attachments: [{ filename: 'istanza.pdf', mediaType: 'application/pdf' }],
      matchedSubject: { displayName: 'Mario Rossi' },
    });
    expect(res.body.items[1].matchedSubject).toBeNull();
  });

  it('refuses a registration with an unknown classification, changing nothing', async () => {
    const preview = (await request(stack.app).get(api(`/mail/accounts/${accountId}/messages`)).set('Authorization', `Bearer ${t.officer}`)).body.items[0];
    const res = await request(stack.app).post(api(`/mail/accounts/${accountId}/messages/${preview.uidValidity}/${preview.uid}/registration`))
      .set('Authorization', `Bearer ${t.officer}`).send({ classificationCode: 'IX.9' });
    expect([res.status, res.body.error.code]).toEqual([422, 'CLASSIFICATION_UNKNOWN']);
    expect(await folderMessageIds('INBOX/sfera_msg_prot')).toEqual([]);
  });

  it('registers and moves each message exactly once when the worker is killed between the steps', async () => {
    const before = await folderMessageIds('INBOX/sfera_msg_da_prot');
    const previews = (await request(stack.app).get(api(`/mail/accounts/${accountId}/messages`)).set('Authorization', `Bearer ${t.officer}`)).body.items as { uid: number; uidValidity: string; messageId: string }[];
    const modes = ['after-register', 'before-move', 'after-move'];
    const spawnWorker = (crashAt: string): ChildProcess =>
      spawn(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'test', 'helpers', 'crashing-worker.ts')], {
        cwd: root,
        env: { ...process.env, TEMPORAL_TASK_QUEUE: stack.config.TEMPORAL_TASK_QUEUE, CRASH_AT: crashAt, LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });

    // One message per crash point, each registered while only a crashing worker is running.
    const answers = [];
    for (const [i, mode] of modes.entries()) {
      const worker = spawnWorker(mode);
      // tsx runs the script in a child of its own and reports its SIGKILL as exit code 137.
      let stderr = '';
      worker.stderr!.on('data', (d) => (stderr += d));
      const died = new Promise<string>((r) => worker.once('exit', (code, signal) => r(signal ?? (code === 137 ? 'SIGKILL' : `exit ${code}: ${stderr.slice(-2000)}`))));
      const p = previews[i]!;
      // supertest sends on then(): start the request now.
      const answer = request(stack.app).post(api(`/mail/accounts/${accountId}/messages/${p.uidValidity}/${p.uid}/registration`))
        .set('Authorization', `Bearer ${t.officer}`).send({ classificationCode: 'IV' }).then((r) => r);
      expect(await died).toBe('SIGKILL');
      await new Promise((r) => setTimeout(r, 100));
      answers.push(answer);
    }

    // A healthy worker takes over once the dead workers' activities time out.
    const connection = await NativeConnection.connect({ address: stack.config.TEMPORAL_ADDRESS });
    const worker: Worker = await createWorker({ config: stack.config, sequelize: stack.sequelize, connection });
    const running = worker.run();
    try {
      const results = await Promise.all(answers);
      // The API waits up to 20 s; whatever is still running finishes under the healthy worker.
      const outcomes = await Promise.all(results.map(async (r) => {
        expect([201, 202]).toContain(r.status);
        return stack.temporal.client.workflow.getHandle(r.body.workflowId).result();
      }));
      // after-move: the dead attempt had moved the message and recorded it; the retry reads the record.
      expect(outcomes.map((o) => [o.protocolId, o.move])).toEqual([['GEN/2026/0000001', 'moved'], ['GEN/2026/0000002', 'moved'], ['GEN/2026/0000003', 'moved']]);

      // Again, after everything: the same entries, nothing moves twice.
      for (const [i, p] of previews.entries()) {
        const again = await request(stack.app).post(api(`/mail/accounts/${accountId}/messages/${p.uidValidity}/${p.uid}/registration`))
          .set('Authorization', `Bearer ${t.officer}`).send({ classificationCode: 'IV' });
        expect([again.status, again.body.entryId]).toEqual([201, outcomes[i]!.entryId]);
      }
    } finally {
      worker.shutdown();
      await running;
      await connection.close();
    }

    expect(await folderMessageIds('INBOX/sfera_msg_da_prot')).toEqual([]);
    const registered = await folderMessageIds('INBOX/sfera_msg_prot');
    expect(registered.sort()).toEqual([...before].sort());
    const [rows] = await stack.sequelize.query(
      `SELECT e.source_key, e.number, e.channel, e.correspondents, (SELECT count(*)::int FROM protocol_attachments a WHERE a.entry_id = e.id) AS docs,
         i.move_outcome FROM protocol_entries e JOIN protocol_mail_imports i ON i.entry_id = e.id WHERE e.body_id = :b ORDER BY e.number`,
      { replacements: { b: t.bodyId } },
    );
    const entries = rows as { source_key: string; number: number; channel: string; correspondents: { name: string; subjectId?: string }[]; docs: number; move_outcome: string }[];
    expect(entries.map((e) => e.number)).toEqual([1, 2, 3]);
    expect(new Set(entries.map((e) => e.source_key)).size).toBe(3);
    expect(entries.every((e) => e.channel === 'pec' && e.docs === 2)).toBe(true); // the .eml and its PDF
    expect(entries.map((e) => e.correspondents[0]!.name)).toEqual(['Mario Rossi', 'Mittente 2', 'Mittente 3']);
    expect(entries[0]!.correspondents[0]!.subjectId).toEqual(expect.any(String));
  }, 180_000);

  it('does not move a message twice at the IMAP level: a repeated move finds it in sfera_msg_prot', async () => {
    const c = await imapClient();
    await c.append('INBOX/sfera_msg_da_prot', mail(4, 'altro@example.it'));
    const lock = await c.getMailboxLock('INBOX/sfera_msg_da_prot');
    const uidValidity = String(c.mailbox ? c.mailbox.uidValidity : '');
    let uid = 0;
    let messageId: string | null = null;
    for await (const msg of c.fetch('1:*', { uid: true, envelope: true })) {
      uid = msg.uid;
      messageId = msg.envelope?.messageId ?? null;
    }
    lock.release();
    await c.logout();
    const account = { host: imap.host, port: imap.port, secure: false, username: USER.user, password: USER.password, parentFolder: 'INBOX' };
    expect(await moveToRegistered(account, { uidValidity, uid, messageId })).toBe('moved');
    expect(await moveToRegistered(account, { uidValidity, uid, messageId })).toBe('already_moved');
    expect(await moveToRegistered(account, { uidValidity, uid, messageId: '<nessuno@example.it>' })).toBe('missing');
    expect((await folderMessageIds('INBOX/sfera_msg_prot')).filter((id) => id === messageId)).toHaveLength(1);
  });
});
