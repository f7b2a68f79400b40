import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { MessageStatus } from '../../domain/notify/channels';
import { nextPecStatus, type PecReceiptKind } from '../../domain/notify/pec';

export interface MailboxPosition {
  uidValidity: number | null;
  lastUid: number;
}

export async function getMailboxPosition(sequelize: Sequelize, bodyId: string): Promise<MailboxPosition> {
  const [r] = await sequelize.query<{ uid_validity: string | null; last_uid: string }>('SELECT uid_validity, last_uid FROM pec_mailbox_state WHERE body_id = :bodyId', {
    type: QueryTypes.SELECT,
    replacements: { bodyId },
  });
  return r ? { uidValidity: r.uid_validity === null ? null : Number(r.uid_validity), lastUid: Number(r.last_uid) } : { uidValidity: null, lastUid: 0 };
}

export async function setMailboxPosition(sequelize: Sequelize, bodyId: string, p: MailboxPosition): Promise<void> {
  await sequelize.query(
    `INSERT INTO pec_mailbox_state (body_id, uid_validity, last_uid, polled_at) VALUES (:bodyId, :uidValidity, :lastUid, now())
     ON CONFLICT (body_id) DO UPDATE SET uid_validity = EXCLUDED.uid_validity, last_uid = EXCLUDED.last_uid, polled_at = now()`,
    { replacements: { bodyId, uidValidity: p.uidValidity, lastUid: p.lastUid } },
  );
}

export interface OutboxForReceipt {
  id: string;
  status: MessageStatus;
  workflowId: string | null;
}

export async function outboxByMessageId(sequelize: Sequelize, bodyId: string, messageId: string): Promise<OutboxForReceipt | null> {
  const [r] = await sequelize.query<{ id: string; status: MessageStatus; workflow_id: string | null }>(
    "SELECT id, status, workflow_id FROM outbox WHERE body_id = :bodyId AND message_id = :messageId AND channel = 'pec'",
    { type: QueryTypes.SELECT, replacements: { bodyId, messageId } },
  );
  return r ? { id: r.id, status: r.status, workflowId: r.workflow_id } : null;
}

export interface NewReceipt {
  bodyId: string;
  outboxId: string;
  kind: PecReceiptKind;
  providerId: string;
  recipient: string;
  referencedMessageId: string;
  eventAt: string | null;
  error: string | null;
  errorDetail: string | null;
  documentId: string;
}

/**
 * Records a receipt (once per provider id, kind and recipient) and moves the message's status
 * forward with one history row, in one transaction. Returns null when the receipt was already known.
 */
export async function recordPecReceipt(sequelize: Sequelize, r: NewReceipt): Promise<{ receiptId: string; status: MessageStatus } | null> {
  return sequelize.transaction(async (transaction) => {
    const id = randomUUID();
    const inserted = await sequelize.query<{ id: string }>(
      `INSERT INTO pec_receipts (id, body_id, outbox_id, kind, provider_id, recipient, referenced_message_id, event_at, error, error_detail, document_id)
       VALUES (:id, :bodyId, :outboxId, :kind, :providerId, :recipient, :referencedMessageId, :eventAt, :error, :errorDetail, :documentId)
       ON CONFLICT (body_id, provider_id, kind, recipient) DO NOTHING RETURNING id`,
      { type: QueryTypes.SELECT, transaction, replacements: { id, ...r } },
    );
    if (!inserted[0]) return null;
    const [row] = await sequelize.query<{ status: MessageStatus }>('SELECT status FROM outbox WHERE id = :id AND body_id = :bodyId FOR UPDATE', {
      type: QueryTypes.SELECT,
      transaction,
      replacements: { id: r.outboxId, bodyId: r.bodyId },
    });
    const next = nextPecStatus(row!.status, r.kind);
    await sequelize.query('UPDATE outbox SET status = :next, updated_at = now() WHERE id = :id', { transaction, replacements: { id: r.outboxId, next } });
    await sequelize.query('INSERT INTO outbox_events (outbox_id, status, detail) VALUES (:id, :next, :detail)', {
      transaction,
      replacements: { id: r.outboxId, next, detail: JSON.stringify({ receipt: r.kind, receiptId: id, documentId: r.documentId, ...(r.error ? { error: r.error } : {}) }) },
    });
    return { receiptId: id, status: next };
  });
}

export interface ReceiptView {
  id: string;
  kind: string;
  recipient: string;
  eventAt: string | null;
  error: string | null;
  errorDetail: string | null;
  documentId: string | null;
  receivedAt: string;
}

export async function listPecReceipts(sequelize: Sequelize, bodyId: string, outboxId: string): Promise<ReceiptView[]> {
  const rows = await sequelize.query<{ id: string; kind: string; recipient: string; event_at: Date | null; error: string | null; error_detail: string | null; document_id: string | null; received_at: Date }>(
    'SELECT id, kind, recipient, event_at, error, error_detail, document_id, received_at FROM pec_receipts WHERE body_id = :bodyId AND outbox_id = :outboxId ORDER BY received_at, id',
    { type: QueryTypes.SELECT, replacements: { bodyId, outboxId } },
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    recipient: r.recipient,
    eventAt: r.event_at ? new Date(r.event_at).toISOString() : null,
    error: r.error,
    errorDetail: r.error_detail,
    documentId: r.document_id,
    receivedAt: new Date(r.received_at).toISOString(),
  }));
}
