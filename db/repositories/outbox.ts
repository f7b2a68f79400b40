import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxEntry {
  id: string;
  status: OutboxStatus;
  messageId: string;
  attempts: number;
}

export interface NewOutboxEntry {
  bodyId: string;
  idempotencyKey: string;
  channel: 'email' | 'pec' | 'sms' | 'registered_mail' | 'fax';
  template: string;
  locale: string;
  recipientAddress: string;
  recipientName: string | null;
  caseId: string | null;
  workflowId: string | null;
  messageId: string;
}

/** Records the message before any send; the same key always returns the same row. */
export async function claimOutboxEntry(sequelize: Sequelize, e: NewOutboxEntry): Promise<OutboxEntry> {
  return sequelize.transaction(async (transaction) => {
    const inserted = await sequelize.query<{ id: string }>(
      `INSERT INTO outbox (id, body_id, idempotency_key, channel, template, locale, recipient_address, recipient_name, case_id, workflow_id, status, message_id)
       VALUES (:id, :bodyId, :idempotencyKey, :channel, :template, :locale, :recipientAddress, :recipientName, :caseId, :workflowId, 'pending', :messageId)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      { type: QueryTypes.SELECT, transaction, replacements: { id: randomUUID(), ...e } },
    );
    if (inserted[0]) {
      await sequelize.query("INSERT INTO outbox_events (outbox_id, status) VALUES (:id, 'pending')", { transaction, replacements: { id: inserted[0].id } });
    }
    const [row] = await sequelize.query<{ id: string; status: OutboxStatus; message_id: string; attempts: number }>(
      'SELECT id, status, message_id, attempts FROM outbox WHERE idempotency_key = :key FOR UPDATE',
      { type: QueryTypes.SELECT, transaction, replacements: { key: e.idempotencyKey } },
    );
    return { id: row!.id, status: row!.status, messageId: row!.message_id, attempts: row!.attempts };
  });
}

/** Moves a message to a new status with one history row; `detail` holds codes, never content. */
export async function setOutboxStatus(
  sequelize: Sequelize,
  id: string,
  status: OutboxStatus,
  detail: Record<string, unknown> = {},
  extra: { subject?: string; countAttempt?: boolean; lastError?: string | null } = {},
): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    await sequelize.query(
      `UPDATE outbox SET status = :status, updated_at = now(),
         attempts = attempts + CASE WHEN :countAttempt THEN 1 ELSE 0 END,
         subject = COALESCE(:subject, subject), last_error = :lastError
       WHERE id = :id`,
      { transaction, replacements: { id, status, countAttempt: extra.countAttempt ?? false, subject: extra.subject ?? null, lastError: extra.lastError ?? null } },
    );
    await sequelize.query('INSERT INTO outbox_events (outbox_id, status, detail) VALUES (:id, :status, :detail)', {
      transaction,
      replacements: { id, status, detail: JSON.stringify(detail) },
    });
  });
}
