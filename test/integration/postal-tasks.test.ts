/**
 * Registered/priority mail and fax through the manual provider: a message sent on a postal channel
 * becomes a task (`recorded`); the secretariat uploads the scan of the posting slip, records the
 * posting and then the return receipt, each one state change with its history row and audit row.
 * Bad input and actions out of order are refused with a code and change nothing; other bodies and
 * roles without communications.send cannot see or touch the tasks. Also: the PEC receipt pollers
 * start at API start for every body with a PEC account.
 */
import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { QueryTypes } from 'sequelize';
import request from 'supertest';
import { createCommunicationsGateway } from '../../api/communications-gateway';
import { ensurePecPollers } from '../../api/pec-pollers';
import { saveCommunicationSettings } from '../../db/repositories/communication-settings';
import { createSecretBox } from '../../config/secret-box';
import { pecPollerWorkflowId } from '../../workflows/notify/contract';
import type { NotificationState } from '../../workflows/notify/contract';
import { createTenant, TEST_PASSWORD, type Tenant } from '../helpers/fixtures';
import { login, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let tenant: Tenant;
let other: Tenant;
let token: string;
let mediatorToken: string;
let otherToken: string;
let scan: Buffer;

beforeAll(async () => {
  stack = await startStack();
  tenant = await createTenant(stack.sequelize, ['secretariat', 'mediator']);
  other = await createTenant(stack.sequelize, ['secretariat']);
  token = (await login(stack.app, tenant.users.secretariat!.email, TEST_PASSWORD)).token;
  mediatorToken = (await login(stack.app, tenant.users.mediator!.email, TEST_PASSWORD)).token;
  otherToken = (await login(stack.app, other.users.secretariat!.email, TEST_PASSWORD)).token;
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText('Ricevuta di accettazione raccomandata');
  scan = Buffer.from(await pdf.save());
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

const api = (method: 'get' | 'post', path: string, t = token, bodyId = tenant.bodyId) =>
  request(stack.app)[method](`/api/bodies/${bodyId}${path}`).set('Authorization', `Bearer ${t}`);

async function sendPostal(channel: 'registered_mail' | 'priority_mail' | 'fax', address: string): Promise<string> {
  const res = await api('post', '/communications')
    .set('Idempotency-Key', randomUUID())
    .send({ channel, recipient: { address, name: 'Alfa Immobiliare S.r.l.' }, title: 'Convocazione', message: 'Si comunica la convocazione al primo incontro.' });
  expect(res.status).toBe(202);
  const state = (await stack.temporal.client.workflow.getHandle(res.body.workflowId).result()) as NotificationState;
  expect(state.status).toBe('recorded');
  return state.outboxId!;
}

async function snapshot(id: string) {
  const q = <T extends object>(sql: string) => stack.sequelize.query<T>(sql, { type: QueryTypes.SELECT, replacements: { id } });
  return {
    outbox: await q('SELECT status, updated_at FROM outbox WHERE id = :id'),
    events: await q('SELECT id FROM outbox_events WHERE outbox_id = :id'),
    dispatch: await q('SELECT * FROM postal_dispatches WHERE outbox_id = :id'),
    audit: await q("SELECT id FROM audit_log WHERE entity_type = 'outbox' AND entity_id = :id::text"),
  };
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
const daysAgo = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date(Date.now() - n * 86_400_000));

describe('postal and fax tasks (manual provider)', () => {
  let letter: string;

  it('lists a registered letter as a task to post, with the allowed action', async () => {
    letter = await sendPostal('registered_mail', 'Via Roma 1, 00184 Roma (RM)');
    const list = await api('get', '/postal-tasks');
    expect(list.status).toBe(200);
    const task = list.body.items.find((t: { id: string }) => t.id === letter);
    expect(task).toMatchObject({
      channel: 'registered_mail',
      status: 'recorded',
      recipientAddress: 'Via Roma 1, 00184 Roma (RM)',
      recipientName: 'Alfa Immobiliare S.r.l.',
      subject: 'Convocazione',
      posting: null,
      receipt: null,
      allowedActions: ['post'],
    });
  });

  it('refuses a posting without the registered letter’s number, in the future, or with a foreign scan: nothing changes', async () => {
    const before = await snapshot(letter);
    const noNumber = await api('post', `/postal-tasks/${letter}/posting`).send({ postedOn: today() });
    expect(noNumber.status).toBe(422);
    expect(noNumber.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'trackingNumber', code: 'REQUIRED' }] });
    expect(noNumber.body.error.message.it).toBeTruthy();
    const future = await api('post', `/postal-tasks/${letter}/posting`).send({ postedOn: '2999-01-01', trackingNumber: 'RR123456789IT' });
    expect(future.status).toBe(422);
    expect(future.body.error.fields).toEqual([{ path: 'postedOn', code: 'IN_FUTURE' }]);
    const badDate = await api('post', `/postal-tasks/${letter}/posting`).send({ postedOn: '2026-02-30', trackingNumber: 'RR1' });
    expect(badDate.status).toBe(422);
    const badCost = await api('post', `/postal-tasks/${letter}/posting`).send({ postedOn: today(), trackingNumber: 'RR1', costCents: -5 });
    expect(badCost.status).toBe(422);
    const foreignScan = await api('post', `/postal-tasks/${letter}/posting`).send({ postedOn: today(), trackingNumber: 'RR1', scanDocumentId: randomUUID() });
    expect(foreignScan.status).toBe(422);
    expect(foreignScan.body.error.fields).toEqual([{ path: 'scanDocumentId', code: 'DOCUMENT_NOT_FOUND' }]);
    const receiptFirst = await api('post', `/postal-tasks/${letter}/receipt`).send({ receivedOn: today(), outcome: 'delivered' });
    expect(receiptFirst.status).toBe(409);
    expect(receiptFirst.body.error.code).toBe('POSTAL_TASK_NOT_OPEN');
    expect(await snapshot(letter)).toEqual(before);
  });

  it('keeps other bodies and roles without communications.send out', async () => {
    const before = await snapshot(letter);
    expect((await api('get', `/postal-tasks/${letter}`, otherToken, other.bodyId)).status).toBe(404);
    expect((await api('post', `/postal-tasks/${letter}/posting`, otherToken, other.bodyId).send({ postedOn: today(), trackingNumber: 'RR1' })).status).toBe(404);
    expect((await api('get', `/postal-tasks/${letter}`, otherToken)).status).toBe(403);
    expect((await api('get', '/postal-tasks', mediatorToken)).status).toBe(403);
    expect((await api('post', `/postal-tasks/${letter}/posting`, mediatorToken).send({ postedOn: today(), trackingNumber: 'RR1' })).status).toBe(403);
    const otherList = await api('get', '/postal-tasks?state=all', otherToken, other.bodyId);
    expect(otherList.body.items.map((t: { id: string }) => t.id)).not.toContain(letter);
    expect(await snapshot(letter)).toEqual(before);
  });

  it('records the posting with the scan of the slip, then the return receipt: status, history and audit follow', async () => {
    const refused = await api('post', `/postal-tasks/${letter}/documents?category=posting_slip`).set('X-Filename', 'slip.exe').set('Content-Type', 'application/octet-stream').send(Buffer.from('MZ\x90\x00 not a scan'));
    expect(refused.status).toBe(415);

    const up = await api('post', `/postal-tasks/${letter}/documents?category=posting_slip`).set('X-Filename', encodeURIComponent('distinta raccomandata.pdf')).set('Content-Type', 'application/pdf').send(scan);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ mediaType: 'application/pdf', ownerKind: 'postal_dispatch', ownerId: letter });

    const posted = await api('post', `/postal-tasks/${letter}/posting`).send({ postedOn: daysAgo(2), trackingNumber: '15012345678-9', costCents: 655, scanDocumentId: up.body.id });
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({
      status: 'posted',
      posting: { postedOn: daysAgo(2), trackingNumber: '15012345678-9', costCents: 655, scanDocumentId: up.body.id },
      receipt: null,
      allowedActions: ['receipt'],
    });
    const again = await api('post', `/postal-tasks/${letter}/posting`).send({ postedOn: daysAgo(1), trackingNumber: 'RR2' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('POSTAL_TASK_NOT_OPEN');

    const early = await api('post', `/postal-tasks/${letter}/receipt`).send({ receivedOn: daysAgo(3), outcome: 'delivered' });
    expect(early.status).toBe(422);
    expect(early.body.error.fields).toEqual([{ path: 'receivedOn', code: 'BEFORE_POSTING' }]);
    const badOutcome = await api('post', `/postal-tasks/${letter}/receipt`).send({ receivedOn: today(), outcome: 'lost' });
    expect(badOutcome.status).toBe(422);

    const card = await api('post', `/postal-tasks/${letter}/documents?category=return_receipt`).set('X-Filename', 'cartolina.pdf').set('Content-Type', 'application/pdf').send(scan);
    // The same bytes under another category are another document.
    expect(card.status).toBe(201);
    const received = await api('post', `/postal-tasks/${letter}/receipt`).send({ receivedOn: today(), outcome: 'delivered', scanDocumentId: card.body.id });
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ status: 'delivered', receipt: { receivedOn: today(), outcome: 'delivered', scanDocumentId: card.body.id }, allowedActions: [] });

    const history = await stack.sequelize.query<{ status: string }>('SELECT status FROM outbox_events WHERE outbox_id = :id ORDER BY id', { type: QueryTypes.SELECT, replacements: { id: letter } });
    expect(history.map((h) => h.status)).toEqual(['pending', 'sending', 'recorded', 'posted', 'delivered']);
    const audit = await stack.sequelize.query<{ action: string; user_id: string }>(
      "SELECT action, user_id FROM audit_log WHERE entity_type = 'outbox' AND entity_id = :id::text ORDER BY id",
      { type: QueryTypes.SELECT, replacements: { id: letter } },
    );
    expect(audit.map((a) => a.action)).toEqual(['document.uploaded', 'postal.posted', 'document.uploaded', 'postal.receipt_recorded']);
    expect(new Set(audit.map((a) => a.user_id))).toEqual(new Set([tenant.users.secretariat!.id]));

    const download = await api('get', `/postal-tasks/${letter}/documents/${card.body.id}/content`).buffer(true);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(download.body as Buffer, scan)).toBe(0);
    expect((await api('get', `/postal-tasks/${letter}/documents/${card.body.id}/content`, otherToken, other.bodyId)).status).toBe(404);

    // Done: no longer among the open tasks, still among all of them.
    expect((await api('get', '/postal-tasks')).body.items.map((t: { id: string }) => t.id)).not.toContain(letter);
    expect((await api('get', '/postal-tasks?state=all')).body.items.map((t: { id: string }) => t.id)).toContain(letter);
  });

  it('takes a fax without a number and records its failed transmission as returned', async () => {
    const fax = await sendPostal('fax', '06 1234 5678');
    const posted = await api('post', `/postal-tasks/${fax}/posting`).send({ postedOn: today() });
    expect(posted.body).toMatchObject({ channel: 'fax', status: 'posted', posting: { trackingNumber: null, costCents: null } });
    const back = await api('post', `/postal-tasks/${fax}/receipt`).send({ receivedOn: today(), outcome: 'undelivered' });
    expect(back.body).toMatchObject({ status: 'returned', receipt: { outcome: 'undelivered' } });
    const list = await api('get', '/communications?status=returned');
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([fax]);
  });
});

describe('PEC receipt pollers at start', () => {
  it('starts one poller per body with a PEC account, and starting again is harmless', async () => {
    const box = createSecretBox(stack.config);
    const withPec = await createTenant(stack.sequelize, ['admin']);
    await saveCommunicationSettings(
      stack.sequelize,
      withPec.bodyId,
      { pec: { address: 'odm@pec.example.it', smtpUrl: 'smtp://127.0.0.1:1', imapUrl: 'imap://127.0.0.1:1', username: 'odm', password: 'segreta' } },
      box,
      { userId: withPec.users.admin!.id, requestId: 'test' },
    );
    const gateway = createCommunicationsGateway(stack.temporal, stack.config.TEMPORAL_TASK_QUEUE);
    const first = await ensurePecPollers(stack.sequelize, gateway, 3600);
    expect(first.started).toContain(withPec.bodyId);
    expect(first.started).not.toContain(tenant.bodyId);
    expect(first.failed).toEqual([]);
    const handle = stack.temporal.client.workflow.getHandle(pecPollerWorkflowId(withPec.bodyId));
    const { runId, status } = await handle.describe();
    expect(status.name).toBe('RUNNING');
    await ensurePecPollers(stack.sequelize, gateway, 3600);
    const again = await handle.describe();
    expect(again.runId).toBe(runId);
    expect(again.status.name).toBe('RUNNING');
    await handle.terminate('test over');
  });
});
