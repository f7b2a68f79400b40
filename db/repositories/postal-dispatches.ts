/**
 * Postal and fax messages of the manual provider as tasks for the secretariat: the outbox row (what
 * to send, to whom) with what the operator recorded in postal_dispatches. Recording the posting or
 * the return receipt moves the message's status, appends its history row and the audit row, all in
 * one transaction with the outbox row locked. Every query is scoped to the body.
 */
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { postalChannels, type MessageStatus, type PostalChannel } from '../../domain/notify/channels';
import { allowedPostalActions, decidePosting, decideReceipt, type PostingInput, type ReceiptInput, type ReceiptOutcome } from '../../domain/notify/postal';
import type { PostalTaskView } from '../../domain/views/postal-task';
import { DomainError } from '../../domain/errors';
import { appendAudit } from './audit';

export const POSTAL_DOCUMENT_OWNER = 'postal_dispatch';

export type PostalTask = PostalTaskView;

export interface PostalTaskQuery {
  /** open: still to post or waiting for the receipt. */
  state: 'open' | 'all';
  limit: number;
  offset: number;
}

interface Row {
  id: string;
  channel: PostalChannel;
  status: MessageStatus;
  recipient_name: string | null;
  recipient_address: string;
  subject: string | null;
  template: string;
  case_id: string | null;
  case_number: string | null;
  attachments: string[] | null;
  created_at: Date;
  posted_on: string | null;
  tracking_number: string | null;
  cost_cents: number | null;
  posting_scan_id: string | null;
  posted_at: Date | null;
  received_on: string | null;
  receipt_outcome: ReceiptOutcome | null;
  receipt_scan_id: string | null;
  receipt_at: Date | null;
}

const select = `SELECT o.id, o.channel, o.status, o.recipient_name, o.recipient_address, o.subject, o.template, o.case_id, c.case_number,
       o.attachments, o.created_at, to_char(d.posted_on, 'YYYY-MM-DD') AS posted_on, d.tracking_number, d.cost_cents, d.posting_scan_id,
       d.posted_at, to_char(d.received_on, 'YYYY-MM-DD') AS received_on, d.receipt_outcome, d.receipt_scan_id, d.receipt_at
  FROM outbox o
  LEFT JOIN postal_dispatches d ON d.outbox_id = o.id AND d.body_id = o.body_id
  LEFT JOIN cases c ON c.id = o.case_id AND c.body_id = o.body_id`;

function toTask(r: Row): PostalTask {
  return {
    id: r.id,
    channel: r.channel,
    status: r.status,
    recipientName: r.recipient_name,
    recipientAddress: r.recipient_address,
    subject: r.subject,
    template: r.template,
    caseId: r.case_id,
    caseNumber: r.case_number,
    attachments: r.attachments ?? [],
    createdAt: new Date(r.created_at).toISOString(),
    posting: r.posted_on
      ? { postedOn: r.posted_on, trackingNumber: r.tracking_number, costCents: r.cost_cents, scanDocumentId: r.posting_scan_id, at: new Date(r.posted_at!).toISOString() }
      : null,
    receipt: r.received_on
      ? { receivedOn: r.received_on, outcome: r.receipt_outcome!, scanDocumentId: r.receipt_scan_id, at: new Date(r.receipt_at!).toISOString() }
      : null,
    allowedActions: allowedPostalActions(r.status),
  };
}

export async function listPostalTasks(sequelize: Sequelize, bodyId: string, q: PostalTaskQuery): Promise<{ items: PostalTask[]; total: number }> {
  const where = `o.body_id = :bodyId AND o.channel IN (:channels)${q.state === 'open' ? " AND o.status IN ('pending', 'recorded', 'posted')" : ''}`;
  const replacements = { bodyId, channels: [...postalChannels], limit: q.limit, offset: q.offset };
  const [rows, counted] = await Promise.all([
    sequelize.query<Row>(`${select} WHERE ${where} ORDER BY o.created_at DESC, o.id DESC LIMIT :limit OFFSET :offset`, { type: QueryTypes.SELECT, replacements }),
    sequelize.query<{ total: string }>(`SELECT count(*) AS total FROM outbox o WHERE ${where}`, { type: QueryTypes.SELECT, replacements }),
  ]);
  return { items: rows.map(toTask), total: Number(counted[0]?.total ?? 0) };
}

export async function getPostalTask(sequelize: Sequelize, bodyId: string, id: string, transaction?: Transaction): Promise<PostalTask | null> {
  const [row] = await sequelize.query<Row>(`${select} WHERE o.body_id = :bodyId AND o.id = :id AND o.channel IN (:channels)`, {
    type: QueryTypes.SELECT,
    replacements: { bodyId, id, channels: [...postalChannels] },
    ...(transaction ? { transaction } : {}),
  });
  return row ? toTask(row) : null;
}

export interface PostalActor {
  bodyId: string;
  userId: string;
  requestId: string;
  /** Today in Europe/Rome (YYYY-MM-DD). */
  today: string;
}

async function lockTask(sequelize: Sequelize, actor: PostalActor, id: string, transaction: Transaction): Promise<PostalTask> {
  const locked = await sequelize.query('SELECT id FROM outbox WHERE body_id = :bodyId AND id = :id AND channel IN (:channels) FOR UPDATE', {
    type: QueryTypes.SELECT,
    transaction,
    replacements: { bodyId: actor.bodyId, id, channels: [...postalChannels] },
  });
  if (locked.length === 0) throw new DomainError('NOT_FOUND');
  return (await getPostalTask(sequelize, actor.bodyId, id, transaction))!;
}

/** A scan must be a document of this task, uploaded to this body. */
async function assertScan(sequelize: Sequelize, actor: PostalActor, taskId: string, documentId: string | undefined, path: string, transaction: Transaction) {
  if (!documentId) return;
  const found = await sequelize.query('SELECT id FROM documents WHERE body_id = :bodyId AND id = :documentId AND owner_kind = :owner AND owner_id = :taskId', {
    type: QueryTypes.SELECT,
    transaction,
    replacements: { bodyId: actor.bodyId, documentId, owner: POSTAL_DOCUMENT_OWNER, taskId },
  });
  if (found.length === 0) throw new DomainError('VALIDATION_FAILED', [{ path, code: 'DOCUMENT_NOT_FOUND' }]);
}

async function moveStatus(sequelize: Sequelize, id: string, status: MessageStatus, detail: Record<string, unknown>, transaction: Transaction) {
  await sequelize.query('UPDATE outbox SET status = :status, updated_at = now() WHERE id = :id', { transaction, replacements: { id, status } });
  await sequelize.query('INSERT INTO outbox_events (outbox_id, status, detail) VALUES (:id, :status, :detail)', {
    transaction,
    replacements: { id, status, detail: JSON.stringify(detail) },
  });
}

/** Records the posting: the task must be waiting to be posted (409 POSTAL_TASK_NOT_OPEN otherwise). */
export async function recordPosting(sequelize: Sequelize, actor: PostalActor, id: string, input: PostingInput): Promise<PostalTask> {
  return sequelize.transaction(async (transaction) => {
    const task = await lockTask(sequelize, actor, id, transaction);
    const decision = decidePosting(task.channel, task.status, input, actor.today);
    if (!decision.ok) throw new DomainError(decision.code, decision.code === 'VALIDATION_FAILED' ? decision.fields : []);
    await assertScan(sequelize, actor, id, input.scanDocumentId, 'scanDocumentId', transaction);
    await sequelize.query(
      `INSERT INTO postal_dispatches (outbox_id, body_id, posted_on, tracking_number, cost_cents, posting_scan_id, posted_by, posted_at)
       VALUES (:id, :bodyId, :postedOn, :trackingNumber, :costCents, :scan, :userId, now())
       ON CONFLICT (outbox_id) DO UPDATE SET posted_on = EXCLUDED.posted_on, tracking_number = EXCLUDED.tracking_number,
         cost_cents = EXCLUDED.cost_cents, posting_scan_id = EXCLUDED.posting_scan_id, posted_by = EXCLUDED.posted_by, posted_at = now()`,
      {
        transaction,
        replacements: {
          id,
          bodyId: actor.bodyId,
          postedOn: input.postedOn,
          trackingNumber: input.trackingNumber ?? null,
          costCents: input.costCents ?? null,
          scan: input.scanDocumentId ?? null,
          userId: actor.userId,
        },
      },
    );
    await moveStatus(sequelize, id, decision.status, { by: 'operator', postedOn: input.postedOn }, transaction);
    await appendAudit(
      {
        bodyId: actor.bodyId,
        userId: actor.userId,
        action: 'postal.posted',
        entityType: 'outbox',
        entityId: id,
        requestId: actor.requestId,
        details: { channel: task.channel, postedOn: input.postedOn, costCents: input.costCents ?? null, scanDocumentId: input.scanDocumentId ?? null },
      },
      transaction,
    );
    return (await getPostalTask(sequelize, actor.bodyId, id, transaction))!;
  });
}

/** Records the return receipt (or fax report): the task must be posted. */
export async function recordReceipt(sequelize: Sequelize, actor: PostalActor, id: string, input: ReceiptInput): Promise<PostalTask> {
  return sequelize.transaction(async (transaction) => {
    const task = await lockTask(sequelize, actor, id, transaction);
    const decision = decideReceipt(task.status, task.posting?.postedOn ?? null, input, actor.today);
    if (!decision.ok) throw new DomainError(decision.code, decision.code === 'VALIDATION_FAILED' ? decision.fields : []);
    await assertScan(sequelize, actor, id, input.scanDocumentId, 'scanDocumentId', transaction);
    await sequelize.query(
      `UPDATE postal_dispatches SET received_on = :receivedOn, receipt_outcome = :outcome, receipt_scan_id = :scan, receipt_by = :userId, receipt_at = now()
        WHERE outbox_id = :id AND body_id = :bodyId`,
      { transaction, replacements: { id, bodyId: actor.bodyId, receivedOn: input.receivedOn, outcome: input.outcome, scan: input.scanDocumentId ?? null, userId: actor.userId } },
    );
    await moveStatus(sequelize, id, decision.status, { by: 'operator', receivedOn: input.receivedOn, outcome: input.outcome }, transaction);
    await appendAudit(
      {
        bodyId: actor.bodyId,
        userId: actor.userId,
        action: 'postal.receipt_recorded',
        entityType: 'outbox',
        entityId: id,
        requestId: actor.requestId,
        details: { channel: task.channel, receivedOn: input.receivedOn, outcome: input.outcome, scanDocumentId: input.scanDocumentId ?? null },
      },
      transaction,
    );
    return (await getPostalTask(sequelize, actor.bodyId, id, transaction))!;
  });
}
